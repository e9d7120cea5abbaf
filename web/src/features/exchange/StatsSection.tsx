import { Group, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardList, ListCard } from '../../app/CardList.js';
import { ListTable } from '../../app/ListTable.js';
import { QueryView } from '../../app/QueryView.js';
import { DISPLAY_TIME_ZONE } from '../../i18n/format.js';
import { useExchangeStats, type AgencyStats } from './exchange.api.js';
import { useIsWide } from './useIsWide.js';

const LEVELS = ['central', 'province', 'commune', 'district'] as const;

/** Today in Vietnam as YYYY-MM-DD (en-CA writes dates that way), whatever the device's time zone. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(new Date());
}

const FIGURES = ['inbound', 'outbound', 'completed', 'onTime'] as const;

/** Documents exchanged electronically per node agency in a period (from the first of the year by default). */
export function StatsSection() {
  const { t } = useTranslation();
  const wide = useIsWide();
  const today = todayInVietnam();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const stats = useExchangeStats({ from, to }, valid);
  const level = (value: string | null) => {
    const known = LEVELS.find((l) => l === value);
    return known ? t(`agencies.level.${known}`) : (value ?? t('exchange.none'));
  };
  return (
    <section aria-labelledby="exchange-stats-title">
      <Title order={2} size="h4" id="exchange-stats-title" mb={4}>
        {t('exchange.stats.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        {t('exchange.stats.intro')}
      </Text>
      <Group role="group" aria-label={t('exchange.stats.period')} gap="md" mb="md" align="flex-end">
        <TextInput
          type="date"
          label={t('exchange.stats.from')}
          value={from}
          max={to}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={{ base: '100%', xs: 200 }}
        />
        <TextInput
          type="date"
          label={t('exchange.stats.to')}
          value={to}
          min={from}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {valid ? (
        <div aria-live="polite">
          <QueryView query={stats}>
            {({ items }) =>
              items.length === 0 ? (
                <Text c="dimmed">{t('exchange.stats.empty')}</Text>
              ) : wide ? (
                <StatsTable items={items} level={level} />
              ) : (
                <StatsCards items={items} level={level} />
              )
            }
          </QueryView>
        </div>
      ) : null}
    </section>
  );
}

interface StatsViewProps {
  items: AgencyStats[];
  level: (value: string | null) => string;
}

function total(items: AgencyStats[], figure: (typeof FIGURES)[number]): number {
  return items.reduce((sum, item) => sum + item[figure], 0);
}

function StatsTable({ items, level }: StatsViewProps) {
  const { t } = useTranslation();
  return (
    <ListTable
      label={t('exchange.stats.label')}
      minWidth={720}
      highlightOnHover={false}
      columns={[
        t('exchange.stats.agency'),
        t('exchange.stats.level'),
        ...FIGURES.map((f) => t(`exchange.stats.${f}`)),
      ]}
    >
      {items.map((s) => (
        <Table.Tr key={s.agencyCode}>
          <Table.Th scope="row" fw={400}>
            <Text size="sm" className="cpdt-wrap">
              {s.name}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {s.agencyCode}
            </Text>
          </Table.Th>
          <Table.Td>{level(s.level)}</Table.Td>
          {FIGURES.map((f) => (
            <Table.Td key={f} ta="right">
              {s[f]}
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
      <Table.Tr fw={700}>
        <Table.Th scope="row" colSpan={2}>
          {t('exchange.stats.total')}
        </Table.Th>
        {FIGURES.map((f) => (
          <Table.Td key={f} ta="right">
            {total(items, f)}
          </Table.Td>
        ))}
      </Table.Tr>
    </ListTable>
  );
}

function StatsCards({ items, level }: StatsViewProps) {
  const { t } = useTranslation();
  return (
    <CardList label={t('exchange.stats.label')}>
      {items.map((s) => (
        <ListCard key={s.agencyCode}>
          <Text fw={600} className="cpdt-wrap">
            {s.name}
          </Text>
          <Text size="xs" c="dimmed">
            {s.agencyCode} · {level(s.level)}
          </Text>
          <SimpleGrid cols={2} spacing={4} component="dl" m={0}>
            {FIGURES.map((f) => (
              <div key={f}>
                <Text component="dt" size="xs" c="dimmed">
                  {t(`exchange.stats.${f}`)}
                </Text>
                <Text component="dd" m={0} fw={700}>
                  {s[f]}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        </ListCard>
      ))}
    </CardList>
  );
}
