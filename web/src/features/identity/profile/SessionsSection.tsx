import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useDateTime } from '../../../i18n/format.js';
import { useMySessions, useRevokeOtherSessions, useRevokeSession } from '../mfa.api.js';

/** A short, human name for a browser from its user agent: enough to recognise one's own devices. */
function deviceName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrome\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return [browser, os].filter(Boolean).join(' · ') || null;
}

/** The person's own sessions, each revocable; the current one is marked. */
export function SessionsSection() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const sessions = useMySessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('mfa.sessions')}
      </Title>
      <Text size="sm">{t('mfa.sessionsIntro')}</Text>
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      {revokeOthers.isError ? <ErrorAlert error={revokeOthers.error} /> : null}
      <SuccessNotice
        message={revokeOthers.data ? t('mfa.endedOthers', { count: revokeOthers.data.revoked }) : null}
        onClose={() => revokeOthers.reset()}
      />
      <QueryView query={sessions}>
        {(list) => (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((s) => (
              <Card component="li" withBorder key={s.id} padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Group gap="xs">
                      <Text fw={600}>{deviceName(s.userAgent) ?? t('mfa.unknownDevice')}</Text>
                      {s.current ? <Badge variant="light">{t('mfa.thisDevice')}</Badge> : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('mfa.signedInAt', { time: dateTime(s.createdAt) })} ·{' '}
                      {t('mfa.activeAt', { time: dateTime(s.lastSeenAt) })}
                      {s.ip ? ` · ${s.ip}` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.methods.map((m) => t(`mfa.methods.${m}`, { defaultValue: m })).join(' + ')}
                    </Text>
                  </div>
                  {s.current ? null : (
                    <Button
                      size="compact-sm"
                      variant="default"
                      loading={revoke.isPending && revoke.variables === s.id}
                      onClick={() => revoke.mutate(s.id)}
                    >
                      {t('mfa.endSession')}
                    </Button>
                  )}
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
      <Group>
        <Button variant="default" loading={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
          {t('mfa.endOthers')}
        </Button>
      </Group>
    </Stack>
  );
}
