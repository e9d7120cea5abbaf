import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { QueryView } from '../../../app/QueryView.js';
import { useDateTime } from '../../../i18n/format.js';
import {
  useMfaSummary,
  useRefreshIdentity,
  useRegenerateRecoveryCodes,
  useRemovePasskey,
  useRemoveTotp,
} from '../mfa.api.js';
import { PasskeyRegister } from '../mfa/PasskeyRegister.js';
import { RecoveryCodes } from '../mfa/RecoveryCodes.js';
import { TotpSetup } from '../mfa/TotpSetup.js';

/** The person's own second factors: the authenticator app, passkeys, recovery codes. */
export function MfaSection() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const summary = useMfaSummary();
  const removeTotp = useRemoveTotp();
  const removePasskey = useRemovePasskey();
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = useRefreshIdentity();
  if (codes) return <RecoveryCodes codes={codes} onDone={() => void refresh().then(() => setCodes(null))} />;
  return (
    <QueryView query={summary}>
      {(mfa) => (
        <Stack gap="md">
          <Group gap="xs">
            <Title order={3} size="h4">
              {t('mfa.title')}
            </Title>
            <Badge color={mfa.required ? 'red' : 'gray'} variant="light">
              {mfa.required ? t('mfa.required') : t('mfa.optional')}
            </Badge>
          </Group>
          {removeTotp.isError ? <ErrorAlert error={removeTotp.error} /> : null}
          {removePasskey.isError ? <ErrorAlert error={removePasskey.error} /> : null}
          <Card withBorder>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{t('mfa.totpTitle')}</Text>
              <Badge color={mfa.totp ? 'green' : 'gray'}>
                {mfa.totp ? t('mfa.enabled') : t('mfa.notSet')}
              </Badge>
            </Group>
            {mfa.totp ? (
              <Group>
                <Button
                  variant="default"
                  color="red"
                  loading={removeTotp.isPending}
                  onClick={() => window.confirm(t('mfa.removeTotpConfirm')) && removeTotp.mutate()}
                >
                  {t('mfa.remove')}
                </Button>
              </Group>
            ) : (
              <TotpSetup onEnrolled={setCodes} />
            )}
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">
              {t('mfa.passkeys')}
            </Text>
            {mfa.passkeys.length === 0 ? <Text size="sm">{t('mfa.noPasskeys')}</Text> : null}
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {mfa.passkeys.map((key) => (
                <Group component="li" key={key.id} justify="space-between" wrap="nowrap">
                  <div>
                    <Text>{key.name}</Text>
                    <Text size="xs" c="dimmed">
                      {t('mfa.addedAt', { time: dateTime(key.createdAt) })} ·{' '}
                      {key.lastUsedAt
                        ? t('mfa.lastUsed', { time: dateTime(key.lastUsedAt) })
                        : t('mfa.neverUsed')}
                    </Text>
                  </div>
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={`${t('mfa.remove')}: ${key.name}`}
                    onClick={() =>
                      window.confirm(t('mfa.removePasskeyConfirm', { name: key.name })) &&
                      removePasskey.mutate(key.id)
                    }
                  >
                    {t('mfa.remove')}
                  </Button>
                </Group>
              ))}
            </Stack>
            <Stack mt="sm">
              <PasskeyRegister />
            </Stack>
          </Card>
          {mfa.totp ? (
            <Card withBorder>
              <Text fw={600}>{t('mfa.recoveryTitle')}</Text>
              <Text size="sm" mb="xs">
                {t('mfa.recoveryLeft', { count: mfa.recoveryCodesLeft })}
              </Text>
              {regenerate.isError ? <ErrorAlert error={regenerate.error} /> : null}
              <Group>
                <Button
                  variant="default"
                  loading={regenerate.isPending}
                  onClick={() =>
                    window.confirm(t('mfa.recoveryRegenerateConfirm')) &&
                    regenerate.mutate(undefined, { onSuccess: (r) => setCodes(r.recoveryCodes) })
                  }
                >
                  {t('mfa.recoveryRegenerate')}
                </Button>
              </Group>
            </Card>
          ) : null}
        </Stack>
      )}
    </QueryView>
  );
}
