import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail, TimelineEntry } from './exchange.api.js';
import { StatusBadge } from './ExchangeBadges.js';
import { useExchangeFormat } from './format.js';

/** One agency's statuses, oldest first, as an ordered list. */
function Entries({ entries, label }: { entries: TimelineEntry[]; label: string }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('exchange.timeline.empty')}
      </Text>
    );
  return (
    <Stack
      component="ol"
      gap="xs"
      m={0}
      p={0}
      aria-label={label}
      style={{ listStyle: 'none', borderInlineStart: '2px solid var(--mantine-color-gray-3)' }}
    >
      {entries.map((e, index) => (
        <Stack component="li" key={`${e.at}-${e.statusCode}-${index}`} gap={2} pl="sm">
          <div>
            <StatusBadge code={e.statusCode} />
          </div>
          {e.recall ? (
            <Text size="xs" fw={600} className="cpdt-wrap">
              {t('exchange.timeline.aboutRecall')}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {format.dateTime(e.at)}
          </Text>
          {e.description ? (
            <Text size="sm" className="cpdt-wrap">
              {e.description}
            </Text>
          ) : null}
          {e.staff ? (
            <Text size="xs" c="dimmed" className="cpdt-wrap">
              {t('exchange.timeline.by', { staff: e.staff })}
            </Text>
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * The edXML statuses of the document: for an incoming one its own history; for an outgoing one a history
 * per recipient (every recipient listed, even one that has not answered yet).
 */
export function DocumentTimeline({ document: d }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  const title = t(d.direction === 'inbound' ? 'exchange.timeline.title' : 'exchange.timeline.titleOutbound');
  if (d.direction === 'inbound')
    return (
      <section aria-labelledby="exchange-timeline-title">
        <Title order={2} size="h4" id="exchange-timeline-title" mb="sm">
          {title}
        </Title>
        <Entries entries={d.timeline} label={title} />
      </section>
    );
  const names = new Map(d.recipients.map((r) => [r.code, r.name]));
  // Recipients in the order they were addressed, then any code that answered without being listed; this
  // office's own steps (a recall request, 13) last, under its own name.
  const codes = [
    ...d.recipients.map((r) => r.code),
    ...new Set(
      d.timeline.map((e) => e.agencyCode).filter((code) => !names.has(code) && code !== d.agencyCode),
    ),
  ];
  const own = d.timeline.filter((e) => e.agencyCode === d.agencyCode && !names.has(e.agencyCode));
  const ownName = format.agency(d.agencyCode, d.agencyName ?? d.fromName);
  return (
    <section aria-labelledby="exchange-timeline-title">
      <Title order={2} size="h4" id="exchange-timeline-title" mb="sm">
        {title}
      </Title>
      {codes.length === 0 && own.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('exchange.timeline.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {codes.map((code) => {
            const name = format.agency(code, names.get(code));
            return (
              <Paper key={code} withBorder radius="md" p="sm">
                <Title order={3} size="h6" mb="xs" className="cpdt-wrap">
                  {name}
                </Title>
                <Entries
                  entries={d.timeline.filter((e) => e.agencyCode === code)}
                  label={t('exchange.timeline.recipient', { name })}
                />
              </Paper>
            );
          })}
          {own.length > 0 ? (
            <Paper withBorder radius="md" p="sm" bg="gray.0">
              <Title order={3} size="h6" mb="xs" className="cpdt-wrap">
                {t('exchange.timeline.ownOffice', { name: ownName })}
              </Title>
              <Entries entries={own} label={t('exchange.timeline.ownOfficeLabel', { name: ownName })} />
            </Paper>
          ) : null}
        </Stack>
      )}
    </section>
  );
}
