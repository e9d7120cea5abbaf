import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CardList, ListCard } from '../../app/CardList.js';
import { BusinessDocTypeBadge, DocumentStateBadge, PriorityBadge } from './ExchangeBadges.js';
import { DocumentParties } from './DocumentParties.js';
import { documentPath, type DocumentListProps } from './DocumentTable.js';
import { useExchangeFormat } from './format.js';

/** Tablets and phones: one card per document, its subject a link that opens it. */
export function DocumentCards({ documents, direction }: DocumentListProps) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  return (
    <CardList
      label={t(direction === 'inbound' ? 'exchange.list.inboundLabel' : 'exchange.list.outboundLabel')}
    >
      {documents.map((d) => (
        <ListCard key={d.id}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
            <Text size="sm" fw={600} className="cpdt-wrap" style={{ flex: '1 1 10rem', minWidth: 0 }}>
              {format.reference(d)}
              {d.incomingNumber !== null ? (
                <Text component="span" size="xs" c="dimmed" fw={400}>
                  {' · '}
                  {t('exchange.list.incoming', { number: d.incomingNumber })}
                </Text>
              ) : null}
            </Text>
            <Group gap={4}>
              <BusinessDocTypeBadge type={d.businessDocType} />
              <PriorityBadge priority={d.priority} />
              <DocumentStateBadge state={d.state} />
            </Group>
          </Group>
          <Anchor component={Link} to={documentPath(d.id)} fw={600} className="cpdt-wrap">
            {d.subject}
          </Anchor>
          <DocumentParties document={d} />
          {d.dueDate ? (
            <Text size="sm" c="dimmed">
              {t('exchange.list.dueOn', { date: format.day(d.dueDate) })}
            </Text>
          ) : null}
        </ListCard>
      ))}
    </CardList>
  );
}
