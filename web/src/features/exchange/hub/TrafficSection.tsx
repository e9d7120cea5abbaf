import { Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonCard, CardList } from '../../../app/CardList.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import {
  DELIVERY_STATES,
  TRAFFIC_PAGE_SIZE,
  useTraffic,
  type HubMessage,
  type TrafficFilter,
} from '../exchange.api.js';
import { DeliveryStateBadge, useStatusLabel } from '../ExchangeBadges.js';
import { useExchangeFormat } from '../format.js';
import { PagedList } from '../PagedList.js';
import { MessageModal } from './MessageModal.js';
import { TrafficCounts } from './TrafficCounts.js';

const SEARCH_DELAY_MS = 300;

/** The envelopes through the hub, newest first: counts per delivery state, filters, each one's journey. */
export function TrafficSection() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<TrafficFilter>({ state: null, system: '', q: '', page: 1 });
  const [text, setText] = useState({ system: '', q: '' });
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const traffic = useTraffic(filter);
  const search = useDebouncedCallback(
    (next: { system: string; q: string }) => setFilter((f) => ({ ...f, ...next, page: 1 })),
    SEARCH_DELAY_MS,
  );
  const type = (name: 'system' | 'q', value: string) => {
    const next = { ...text, [name]: value };
    setText(next);
    search(next);
  };
  return (
    <Stack gap="md">
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {traffic.data ? (
        <TrafficCounts
          counts={traffic.data.counts}
          selected={filter.state}
          onSelect={(state) => setFilter((f) => ({ ...f, state, page: 1 }))}
        />
      ) : null}
      <Group role="search" aria-label={t('exchange.hub.traffic.filters')} gap="md" align="flex-end">
        <TextInput
          type="search"
          label={t('exchange.hub.traffic.q')}
          value={text.q}
          onChange={(e) => type('q', e.currentTarget.value)}
          w={{ base: '100%', sm: 360 }}
        />
        <TextInput
          label={t('exchange.hub.traffic.system')}
          value={text.system}
          onChange={(e) => type('system', e.currentTarget.value)}
          w={{ base: '100%', xs: 220 }}
        />
        <NativeSelect
          label={t('exchange.hub.traffic.state')}
          value={filter.state ?? ''}
          onChange={(e) =>
            setFilter((f) => ({
              ...f,
              state: DELIVERY_STATES.find((s) => s === e.currentTarget.value) ?? null,
              page: 1,
            }))
          }
          data={[
            { value: '', label: t('app.all') },
            ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`exchange.hub.deliveryStates.${s}`) })),
          ]}
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      <div aria-live="polite">
        <QueryView query={traffic}>
          {({ items, total }) => (
            <PagedList
              page={filter.page}
              pageSize={TRAFFIC_PAGE_SIZE}
              total={total}
              shown={items.length}
              empty={t('exchange.hub.traffic.empty')}
              range={(r) => t('exchange.hub.traffic.range', r)}
              onPage={(page) => setFilter((f) => ({ ...f, page }))}
            >
              <CardList label={t('exchange.hub.traffic.label')}>
                {items.map((m) => (
                  <MessageCard key={m.id} message={m} onOpen={() => setOpen(m.id)} />
                ))}
              </CardList>
            </PagedList>
          )}
        </QueryView>
      </div>
      <MessageModal id={open} onClose={() => setOpen(null)} onNotice={setNotice} />
    </Stack>
  );
}

/** One envelope: what it is, who sent it when, and each recipient's delivery state. */
function MessageCard({ message: m, onOpen }: { message: HubMessage; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  const statusLabel = useStatusLabel();
  const title = m.subject ?? m.notation ?? t('exchange.hub.traffic.noSubject');
  return (
    <ButtonCard onClick={onOpen}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Text fw={600} className="cpdt-wrap" style={{ flex: '1 1 12rem', minWidth: 0 }}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`exchange.hub.traffic.kinds.${m.kind}`)}
          {m.kind === 'status' ? ` · ${statusLabel(m.businessCode)}` : ''}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" className="cpdt-wrap">
        {[
          m.notation && m.subject ? m.notation : null,
          m.fromCode,
          m.senderSystem,
          format.dateTime(m.receivedAt),
          format.bytes(m.size),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Group gap={6} wrap="wrap">
        {m.deliveries.map((d) => (
          <Group key={d.seq} gap={4} wrap="nowrap">
            <Text size="xs" ff="monospace">
              {d.agencyCode}
            </Text>
            <DeliveryStateBadge state={d.state} />
          </Group>
        ))}
      </Group>
    </ButtonCard>
  );
}
