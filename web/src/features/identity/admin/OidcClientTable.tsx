import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ListTable } from '../../../app/ListTable.js';
import { OidcClientActions, type OidcClientActionsProps } from './OidcClientActions.js';
import type { OidcClient } from './OidcClientApi.js';
import { OidcClientStatusBadge, OidcClientTypeBadge } from './OidcClientBadges.js';
import { OidcClientAgency, OidcClientRedirects } from './OidcClientDetails.js';

export interface OidcClientListProps extends OidcClientActionsProps {
  clients: OidcClient[];
}

/** Wide screens: one row per client. */
export function OidcClientTable({ clients, ...actions }: OidcClientListProps) {
  const { t } = useTranslation();
  return (
    <ListTable
      label={t('oidc.list.label')}
      minWidth={860}
      highlightOnHover={false}
      columns={[
        t('oidc.list.name'),
        t('oidc.list.agency'),
        t('oidc.list.type'),
        t('oidc.list.redirectUris'),
        t('oidc.list.status'),
        t('oidc.list.actions'),
      ]}
    >
      {clients.map((client) => (
        <Table.Tr key={client.clientId}>
          <Table.Th scope="row" fw={400}>
            <Text fw={600} className="cpdt-wrap">
              {client.name}
            </Text>
            <Code className="cpdt-wrap">{client.clientId}</Code>
          </Table.Th>
          <Table.Td maw={220}>
            <OidcClientAgency client={client} />
          </Table.Td>
          <Table.Td>
            <OidcClientTypeBadge client={client} />
          </Table.Td>
          <Table.Td maw={280}>
            <OidcClientRedirects client={client} />
          </Table.Td>
          <Table.Td>
            <OidcClientStatusBadge client={client} />
          </Table.Td>
          <Table.Td>
            <OidcClientActions client={client} {...actions} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
