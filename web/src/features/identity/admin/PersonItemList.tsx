import { Paper, Stack, Text } from '@mantine/core';
import type { Key, ReactNode } from 'react';

/**
 * The items a person page section lists (posts, terms, delegations, businesses), each framed unless told
 * otherwise, or a dimmed line saying there are none.
 */
export function PersonItemList<T>({
  items,
  empty,
  keyOf,
  framed = true,
  children,
}: {
  items: T[];
  /** Said when there are none. */
  empty: string;
  keyOf: (item: T) => Key;
  framed?: boolean;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={keyOf(item)}>
          {framed ? (
            <Paper withBorder p="sm" radius="sm">
              {children(item)}
            </Paper>
          ) : (
            children(item)
          )}
        </li>
      ))}
    </Stack>
  );
}
