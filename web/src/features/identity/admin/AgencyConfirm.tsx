import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../app/icons.js';
import { AgencyFormError } from './AgencyFormError.js';

/**
 * The second step of a registry change: what will happen, in plain words, before anything is sent.
 * Focus moves to the explanation so keyboard and screen-reader users read it first.
 */
export function AgencyConfirm({
  title,
  children,
  confirmLabel,
  pending,
  error,
  onBack,
  onConfirm,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<Icon name="alert" />} className="cpdt-wrap">
        <Text fw={600} mb={6} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Text>
        <Stack gap={6}>{children}</Stack>
      </Alert>
      <AgencyFormError error={error} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onBack} disabled={pending}>
          {t('agencies.form.back')}
        </Button>
        <Button onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
