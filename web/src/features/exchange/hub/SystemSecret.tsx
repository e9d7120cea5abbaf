import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyableValue } from '../../../app/CopyableValue.js';
import { Icon } from '../../../app/icons.js';
import type { IssuedSystem } from '../exchange.api.js';

/**
 * The new system's id and secret, shown this once (the hub keeps only a sealed copy), with the warning
 * read first: focus moves to it.
 */
export function SystemSecret({ issued, onDone }: { issued: IssuedSystem; onDone: () => void }) {
  const { t } = useTranslation();
  const warning = useRef<HTMLParagraphElement>(null);
  useEffect(() => warning.current?.focus(), []);
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<Icon name="key" />} className="cpdt-wrap">
        <Text ref={warning} tabIndex={-1} style={{ outline: 'none' }} fw={600}>
          {t('exchange.hub.secret.warning')}
        </Text>
      </Alert>
      <CopyableValue
        id="exchange-system-id"
        label={t('exchange.hub.secret.systemId')}
        value={issued.system.id}
      />
      <CopyableValue
        id="exchange-system-secret"
        label={t('exchange.hub.secret.secret')}
        value={issued.secret}
      />
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('exchange.hub.secret.stored')}</Button>
      </Group>
    </Stack>
  );
}
