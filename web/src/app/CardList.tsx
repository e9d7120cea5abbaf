import { Paper, Stack, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

/** Phones: a list of cards (in place of a table), named for screen readers. */
export function CardList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {children}
    </Stack>
  );
}

/** One card of a CardList: its lines stacked. */
export function ListCard({ children }: { children: ReactNode }) {
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

/** One card of a CardList that is, whole, a button (it opens the item). */
export function ButtonCard({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <li>
      <Paper withBorder radius="md" p={0}>
        <UnstyledButton onClick={onClick} p="sm" w="100%">
          <Stack gap={6}>{children}</Stack>
        </UnstyledButton>
      </Paper>
    </li>
  );
}
