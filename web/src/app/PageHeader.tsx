import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './useDocumentTitle.js';

/** The page's one h1, its introduction and actions; also names the browser tab. */
export function PageHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: string;
  actions?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="md">
      <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {intro ? (
          <Text c="dimmed" mt={4}>
            {intro}
          </Text>
        ) : null}
      </div>
      {actions}
    </Group>
  );
}
