import { Code, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OidcClientActions, type OidcClientActionsProps } from './OidcClientActions.js';
import type { OidcClient } from './OidcClientApi.js';
import { OidcClientStatusBadge, OidcClientTypeBadge } from './OidcClientBadges.js';

export interface OidcClientListProps extends OidcClientActionsProps {
  clients: OidcClient[];
}

/** Wide screens: one row per client. */
export function OidcClientTable({ clients, ...actions }: OidcClientListProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="sm">
        <caption>
          <VisuallyHidden>{t('oidc.list.label')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('oidc.list.name')}</Table.Th>
            <Table.Th scope="col">{t('oidc.list.agency')}</Table.Th>
            <Table.Th scope="col">{t('oidc.list.type')}</Table.Th>
            <Table.Th scope="col">{t('oidc.list.redirectUris')}</Table.Th>
            <Table.Th scope="col">{t('oidc.list.status')}</Table.Th>
            <Table.Th scope="col">{t('oidc.list.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.map((client) => (
            <Table.Tr key={client.clientId}>
              <Table.Th scope="row" fw={400}>
                <Text fw={600} className="cpdt-wrap">
                  {client.name}
                </Text>
                <Code className="cpdt-wrap">{client.clientId}</Code>
              </Table.Th>
              <Table.Td maw={220}>
                <Text size="sm" className="cpdt-wrap">
                  {client.agency
                    ? `${client.agency.nameVi} (${client.agency.code})`
                    : t('oidc.list.noAgency')}
                </Text>
              </Table.Td>
              <Table.Td>
                <OidcClientTypeBadge client={client} />
              </Table.Td>
              <Table.Td maw={280}>
                <Stack gap={2}>
                  {client.redirectUris.map((uri) => (
                    <Text key={uri} size="xs" ff="monospace" className="cpdt-wrap">
                      {uri}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <OidcClientStatusBadge client={client} />
              </Table.Td>
              <Table.Td>
                <OidcClientActions client={client} {...actions} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
