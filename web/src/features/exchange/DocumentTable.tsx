import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ListTable } from '../../app/ListTable.js';
import type { DocumentSummary } from './exchange.api.js';
import { BusinessDocTypeBadge, DocumentStateBadge, PriorityBadge } from './ExchangeBadges.js';
import { DocumentParties } from './DocumentParties.js';
import { useExchangeFormat } from './format.js';

export interface DocumentListProps {
  documents: DocumentSummary[];
  direction: DocumentSummary['direction'];
}

export const documentPath = (id: string) => `/exchange/documents/${encodeURIComponent(id)}`;

/** Wide screens: one row per document; the subject opens it. */
export function DocumentTable({ documents, direction }: DocumentListProps) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  return (
    <ListTable
      label={t(direction === 'inbound' ? 'exchange.list.inboundLabel' : 'exchange.list.outboundLabel')}
      minWidth={860}
      columns={[
        t('exchange.fields.number'),
        t('exchange.fields.subject'),
        t(direction === 'inbound' ? 'exchange.fields.from' : 'exchange.fields.recipients'),
        t('exchange.fields.priority'),
        t('exchange.fields.dueDate'),
        t('exchange.fields.state'),
      ]}
    >
      {documents.map((d) => (
        <Table.Tr key={d.id}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {/* "1205/VPCP-KTTH" is read as one word: never broken at its hyphen. */}
            <Text size="sm" fw={600}>
              {format.reference(d)}
            </Text>
            {d.incomingNumber !== null ? (
              <Text size="xs" c="dimmed">
                {t('exchange.list.incoming', { number: d.incomingNumber })}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td style={{ minWidth: '14rem' }}>
            <Anchor component={Link} to={documentPath(d.id)} size="sm" className="cpdt-wrap">
              {d.subject}
            </Anchor>
            <Text size="xs" c="dimmed">
              {[d.typeName, format.day(d.promulgationDate)].filter(Boolean).join(' · ')}
            </Text>
          </Table.Td>
          <Table.Td style={{ minWidth: '12rem' }}>
            <DocumentParties document={d} />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <PriorityBadge priority={d.priority} always />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Text size="sm">{d.dueDate ? format.day(d.dueDate) : t('exchange.none')}</Text>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Stack gap={4} align="flex-start">
              <DocumentStateBadge state={d.state} />
              <BusinessDocTypeBadge type={d.businessDocType} />
            </Stack>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
