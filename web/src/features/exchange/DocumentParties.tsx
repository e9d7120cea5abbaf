import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from './exchange.api.js';
import { StatusBadge } from './ExchangeBadges.js';
import { useExchangeFormat } from './format.js';

/** In a list, an outbound document's first recipients; the rest are counted. */
const SHOWN_RECIPIENTS = 3;

/**
 * Who the document is between: the sender of an incoming document, or the recipients of an outgoing one,
 * each with the latest status they sent back.
 */
export function DocumentParties({ document: d }: { document: DocumentSummary }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  if (d.direction === 'inbound')
    return (
      <Text size="sm" className="cpdt-wrap">
        {format.agency(d.fromCode, d.fromName)}
      </Text>
    );
  const more = d.recipients.length - SHOWN_RECIPIENTS;
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {d.recipients.slice(0, SHOWN_RECIPIENTS).map((r) => (
        <Group component="li" key={r.code} gap={6} wrap="wrap" align="center">
          <Text size="sm" className="cpdt-wrap" style={{ minWidth: 0 }}>
            {format.agency(r.code, r.name)}
          </Text>
          <StatusBadge code={r.statusCode} />
        </Group>
      ))}
      {more > 0 ? (
        <Text component="li" size="xs" c="dimmed">
          {t('exchange.list.moreRecipients', { count: more })}
        </Text>
      ) : null}
    </Stack>
  );
}
