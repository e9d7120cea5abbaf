import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { PersonDetail } from './people.api.js';

/** One titled block of the person page; the heading names the region for screen readers. */
export function PersonSection({
  title,
  intro,
  actions,
  children,
}: {
  title: string;
  intro?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {actions}
        </Group>
        {intro ? (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Paper>
  );
}

/** A section's own action beside its heading (add, edit). */
export function PersonSectionButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button size="xs" variant="outline" onClick={onClick}>
      {children}
    </Button>
  );
}

/** What a section tells the page after a change: a confirmation to show. */
export type Notify = (message: string) => void;

/** What a section's dialog is given: whom it changes, how it closes, how it tells the page. */
export interface PersonDialogProps {
  person: PersonDetail;
  onClose: () => void;
  notify: Notify;
}

/** Request options for a change made from a dialog or a question: on success it closes, and the page says so. */
export const closeAndNotify = (close: () => void, notify: Notify, message: string) => ({
  onSuccess: () => {
    close();
    notify(message);
  },
});
