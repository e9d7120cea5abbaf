import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../app/icons.js';
import type { IssuedSecret } from './OidcClientApi.js';

function Copyable({ label, value, id }: { label: string; value: string; id: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={600} id={id}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block aria-labelledby={id} style={{ wordBreak: 'break-all', flex: 1, minWidth: 0 }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="compact-sm"
              variant="default"
              onClick={copy}
              aria-label={t('oidc.secret.copyLabel', { what: label })}
            >
              {copied ? t('oidc.secret.copied') : t('oidc.secret.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}

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
      <Copyable id="oidc-client-id" label={t('oidc.fields.clientId')} value={client.clientId} />
      {clientSecret ? (
        <>
          <Copyable id="oidc-client-secret" label={t('oidc.secret.clientSecret')} value={clientSecret} />
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
