import { Code, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CardList, ListCard } from '../../../app/CardList.js';
import { useDateTime } from '../../../i18n/format.js';
import { OidcClientActions } from './OidcClientActions.js';
import { OidcClientStatusBadge, OidcClientTypeBadge } from './OidcClientBadges.js';
import { OidcClientAgency, OidcClientRedirects } from './OidcClientDetails.js';
import type { OidcClientListProps } from './OidcClientTable.js';

/** Phones: one card per client. */
export function OidcClientCards({ clients, ...actions }: OidcClientListProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <CardList label={t('oidc.list.label')}>
      {clients.map((client) => (
        <ListCard key={client.clientId}>
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
          <OidcClientAgency client={client} />
          <OidcClientRedirects client={client} />
          <Text size="xs" c="dimmed">
            {t('oidc.createdAt', { time: dateTime(client.createdAt) })}
          </Text>
          <OidcClientActions client={client} {...actions} />
        </ListCard>
      ))}
    </CardList>
  );
}
