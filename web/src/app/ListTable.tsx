import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Wide screens: a list as a striped table, named by a caption for screen readers, with one column header
 * per label; `children` are the rows. Narrower than `minWidth`, it scrolls sideways.
 */
export function ListTable({
  label,
  columns,
  minWidth,
  highlightOnHover = true,
  children,
}: {
  label: string;
  columns: string[];
  minWidth: number;
  highlightOnHover?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover={highlightOnHover} verticalSpacing="sm">
        <caption>
          <VisuallyHidden>{label}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th scope="col" key={column}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
