import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyableValue } from '../../../app/CopyableValue.js';
import { Icon } from '../../../app/icons.js';
import type { IssuedSecret } from './OidcClientApi.js';

/**
 * The client id and, for a confidential client, its secret: shown this once (the server keeps only a sealed
 * copy), with the warning read first.
 */
export function OidcClientSecret({ issued, onDone }: { issued: IssuedSecret; onDone: () => void }) {
  const { t } = useTranslation();
  const warning = useRef<HTMLParagraphElement>(null);
  useEffect(() => warning.current?.focus(), []);
  const { client, clientSecret } = issued;
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<Icon name="key" />} className="cpdt-wrap">
        <Text ref={warning} tabIndex={-1} style={{ outline: 'none' }} fw={600}>
          {clientSecret ? t('oidc.secret.warning') : t('oidc.secret.publicNote')}
        </Text>
      </Alert>
      <CopyableValue id="oidc-client-id" label={t('oidc.fields.clientId')} value={client.clientId} />
      {clientSecret ? (
        <>
          <CopyableValue id="oidc-client-secret" label={t('oidc.secret.clientSecret')} value={clientSecret} />
          <Text size="sm" c="dimmed">
            {t('oidc.secret.authMethod')}
          </Text>
        </>
      ) : null}
      <Group justify="flex-end">
        <Button onClick={onDone}>{clientSecret ? t('oidc.secret.stored') : t('oidc.secret.done')}</Button>
      </Group>
    </Stack>
  );
}
