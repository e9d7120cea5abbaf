import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { Icon } from '../../../app/icons.js';

/** What a disruptive change (new secret, disabling) will do, said before anything is sent; read first. */
export function OidcClientConfirm({
  title,
  body,
  confirmLabel,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
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
        <Text size="sm">{body}</Text>
      </Alert>
      {error ? <ErrorAlert error={error} /> : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel} disabled={pending}>
          {t('oidc.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
