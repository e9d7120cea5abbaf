import { Code, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../i18n/format.js';
import { OidcClientActions } from './OidcClientActions.js';
import { OidcClientStatusBadge, OidcClientTypeBadge } from './OidcClientBadges.js';
import type { OidcClientListProps } from './OidcClientTable.js';

/** Phones: one card per client. */
export function OidcClientCards({ clients, ...actions }: OidcClientListProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('oidc.list.label')}
    >
      {clients.map((client) => (
        <Paper component="li" key={client.clientId} withBorder radius="md" p="sm">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Text fw={600} className="cpdt-wrap">
                {client.name}
              </Text>
              <OidcClientStatusBadge client={client} />
            </Group>
            <Code w="fit-content" maw="100%" className="cpdt-wrap">
              {client.clientId}
            </Code>
            <Group gap="xs">
              <OidcClientTypeBadge client={client} />
            </Group>
            <Text size="sm" className="cpdt-wrap">
              {client.agency ? `${client.agency.nameVi} (${client.agency.code})` : t('oidc.list.noAgency')}
            </Text>
            <Stack gap={2}>
              {client.redirectUris.map((uri) => (
                <Text key={uri} size="xs" ff="monospace" className="cpdt-wrap">
                  {uri}
                </Text>
              ))}
            </Stack>
            <Text size="xs" c="dimmed">
              {t('oidc.createdAt', { time: dateTime(client.createdAt) })}
            </Text>
            <OidcClientActions client={client} {...actions} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
