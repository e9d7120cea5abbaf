import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list; empty values are left out. */
export function DetailList({ items }: { items: Detail[] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr', gap: '0.25rem 1rem' }}
    >
      {items
        .filter((item) => item.value !== null && item.value !== undefined && item.value !== '')
        .map((item) => (
          <Box key={item.label} style={{ display: 'contents' }}>
            <Text component="dt" size="sm" c="dimmed">
              {item.label}
            </Text>
            <Text component="dd" size="sm" m={0} className="cpdt-wrap">
              {item.value}
            </Text>
          </Box>
        ))}
    </Box>
  );
}
