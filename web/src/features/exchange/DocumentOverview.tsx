import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../app/DetailList.js';
import type { BusinessDocType, DocumentDetail } from './exchange.api.js';
import { DocumentStateBadge, PriorityBadge } from './ExchangeBadges.js';
import { useExchangeFormat } from './format.js';

const DOC_TYPE_KEYS = {
  '0': 'exchange.businessDocType.t0',
  '1': 'exchange.businessDocType.t1',
  '2': 'exchange.businessDocType.t2',
  '3': 'exchange.businessDocType.t3',
} as const satisfies Record<BusinessDocType, string>;

/** The document's fields as the documents office reads them; empty ones are left out. */
export function DocumentOverview({ document: d }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  const signer = [d.signerPosition, d.signerName].filter(Boolean).join(' ');
  const docType = t(DOC_TYPE_KEYS[d.businessDocType] ?? DOC_TYPE_KEYS['0']);
  return (
    <section aria-labelledby="exchange-overview-title">
      <Title order={2} size="h4" id="exchange-overview-title" mb="sm">
        {t('exchange.detail.overview')}
      </Title>
      <Stack gap="sm">
        {d.businessDocType !== '0' && d.targetDocumentId ? (
          <Text size="sm" className="cpdt-wrap">
            {t('exchange.detail.change', { type: docType, target: d.targetDocumentId })}
            {d.changeReason ? ` ${t('exchange.detail.changeReason', { reason: d.changeReason })}` : null}
          </Text>
        ) : null}
        <DetailList
          items={[
            { label: t('exchange.fields.state'), value: <DocumentStateBadge state={d.state} /> },
            { label: t('exchange.fields.number'), value: format.reference(d) },
            { label: t('exchange.fields.typeName'), value: d.typeName },
            { label: t('exchange.fields.promulgationDate'), value: format.day(d.promulgationDate) },
            { label: t('exchange.fields.signer'), value: signer },
            {
              label: t('exchange.fields.from'),
              value: d.direction === 'inbound' ? format.agency(d.fromCode, d.fromName) : null,
            },
            {
              label: t('exchange.fields.agency'),
              value:
                d.direction === 'inbound'
                  ? format.agency(d.agencyCode, d.agencyName)
                  : format.agency(d.fromCode, d.fromName ?? d.agencyName),
            },
            { label: t('exchange.fields.priority'), value: <PriorityBadge priority={d.priority} always /> },
            { label: t('exchange.fields.dueDate'), value: format.day(d.dueDate) },
            { label: t('exchange.fields.incomingNumber'), value: d.incomingNumber?.toString() },
            { label: t('exchange.fields.department'), value: d.department },
            { label: t('exchange.fields.assignee'), value: d.assignee?.displayName },
            {
              label: t('exchange.fields.businessDocType'),
              value: d.businessDocType !== '0' ? docType : null,
            },
            {
              label: t(d.direction === 'inbound' ? 'exchange.fields.received' : 'exchange.fields.sent'),
              value: format.dateTime(d.createdAt),
            },
            {
              label: t('exchange.fields.documentId'),
              value: (
                <Text component="span" size="sm" ff="monospace">
                  {d.documentId}
                </Text>
              ),
            },
          ]}
        />
      </Stack>
    </section>
  );
}
