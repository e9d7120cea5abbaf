import {
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/index.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { useBodies } from '../cabinet.api.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { useCabinetFormat } from '../useCabinetFormat.js';
import { useDashboard, type Dashboard, type DashboardQuery } from './insights.api.js';

/** /cabinet/dashboard: a body's meeting figures over a period against a baseline, and the −30% target. */
export function DashboardPage() {
  return (
    <SignedInOnly>
      <DashboardView />
    </SignedInOnly>
  );
}

interface Dates {
  from: string;
  to: string;
  baselineFrom: string;
  baselineTo: string;
}
const NO_DATES: Dates = { from: '', to: '', baselineFrom: '', baselineTo: '' };

function DashboardView() {
  const { t } = useTranslation();
  const { bodyName } = useCabinetFormat();
  const bodies = useBodies(true);
  const [bodyId, setBodyId] = useState('');
  const [dates, setDates] = useState<Dates>(NO_DATES);
  const [query, setQuery] = useState<DashboardQuery | null>(null);
  const first = bodies.data?.items[0]?.id;
  useEffect(() => {
    if (first && !bodyId) {
      setBodyId(first);
      setQuery({ bodyId: first });
    }
  }, [first, bodyId]);
  const figures = useDashboard(query);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const chosen = Object.fromEntries(Object.entries(dates).filter(([, v]) => v)) as Partial<Dates>;
    setQuery({ bodyId, ...chosen });
  };
  const date = (key: keyof Dates, label: string) => (
    <TextInput
      type="date"
      label={label}
      value={dates[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDates((d) => ({ ...d, [key]: value }));
      }}
      style={{ flex: '1 1 9rem', minWidth: 0 }}
    />
  );
  return (
    <>
      <PageHeader title={t('cabinetInsights.dashboard.title')} intro={t('cabinetInsights.dashboard.intro')} />
      <QueryView query={bodies}>
        {(data) =>
          data.items.length === 0 ? (
            <Text>{t('cabinetInsights.dashboard.noBodies')}</Text>
          ) : (
            <Stack gap="lg">
              <form onSubmit={apply}>
                <Stack gap="sm">
                  <NativeSelect
                    label={t('cabinetInsights.dashboard.body')}
                    value={bodyId}
                    onChange={(e) => setBodyId(e.currentTarget.value)}
                    data={data.items.map((b) => ({ value: b.id, label: `${bodyName(b)} (${b.code})` }))}
                  />
                  <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                    <legend style={{ fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)' }}>
                      {t('cabinetInsights.dashboard.period')}
                    </legend>
                    <Group gap="sm" wrap="wrap">
                      {date('from', t('cabinetInsights.dashboard.from'))}
                      {date('to', t('cabinetInsights.dashboard.to'))}
                    </Group>
                  </fieldset>
                  <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                    <legend style={{ fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)' }}>
                      {t('cabinetInsights.dashboard.baseline')}
                    </legend>
                    <Group gap="sm" wrap="wrap">
                      {date('baselineFrom', t('cabinetInsights.dashboard.from'))}
                      {date('baselineTo', t('cabinetInsights.dashboard.to'))}
                    </Group>
                  </fieldset>
                  <Text size="sm" c="dimmed">
                    {t('cabinetInsights.dashboard.defaults')}
                  </Text>
                  <Group>
                    <Button type="submit" disabled={!bodyId}>
                      {t('cabinetInsights.dashboard.apply')}
                    </Button>
                  </Group>
                </Stack>
              </form>
              <div aria-live="polite">
                {query ? <QueryView query={figures}>{(d) => <Figures d={d} />}</QueryView> : null}
              </div>
            </Stack>
          )
        }
      </QueryView>
    </>
  );
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** Numbers as the language writes them: 30,8 in Vietnamese, 30.8 in English. */
function useNumber(): (n: number | null) => string {
  const { language } = useLanguage();
  const format = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return (n) => (n === null ? '' : format.format(n));
}

function Figures({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const { day } = useCabinetFormat();
  const num = useNumber();
  const k = 'cabinetInsights.dashboard';
  const none = t(`${k}.cards.none`);
  const papers = percent(d.papers.onTimeShare);
  const tasks = percent(d.tasks.onTimeShare);
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t(`${k}.periodShown`, {
          from: day(d.period.from),
          to: day(d.period.to),
          baseFrom: day(d.baselinePeriod.from),
          baseTo: day(d.baselinePeriod.to),
        })}
      </Text>
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: 3 }}
        spacing="sm"
        component="ul"
        aria-label={t(`${k}.cards.label`)}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        <Card label={t(`${k}.cards.held`)} value={String(d.meetings.held)} />
        <Card
          label={t(`${k}.cards.average`)}
          value={
            d.meetings.averageMinutes === null
              ? none
              : t(`${k}.cards.averageValue`, { minutes: num(d.meetings.averageMinutes) })
          }
          detail={t(`${k}.cards.totalValue`, { minutes: num(d.meetings.totalMinutes) })}
        />
        <Card
          label={t(`${k}.cards.items`)}
          value={d.items.averageRatio === null ? none : `${Math.round(d.items.averageRatio * 100)}%`}
          detail={t(`${k}.cards.itemsDetail`, { over: d.items.over, timed: d.items.timed })}
        />
        <Card
          label={t(`${k}.cards.papers`)}
          value={papers === null ? none : `${num(papers)}%`}
          detail={t(`${k}.cards.papersDetail`, { onTime: d.papers.onTime, total: d.papers.total })}
        />
        <Card
          label={t(`${k}.cards.tasks`)}
          value={tasks === null ? none : `${num(tasks)}%`}
          detail={t(`${k}.cards.tasksDetail`, {
            onTime: d.tasks.doneOnTime,
            late: d.tasks.doneLate,
            overdue: d.tasks.overdue,
            open: d.tasks.open,
          })}
        />
      </SimpleGrid>
      <Target d={d} />
      <ItemTimes d={d} />
    </Stack>
  );
}

function Card({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed" className="cpdt-wrap">
          {detail}
        </Text>
      ) : null}
    </Paper>
  );
}

function Target({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const num = useNumber();
  const k = 'cabinetInsights.dashboard.target';
  const { percent: cut, target, met } = d.reduction;
  const achieved = cut === null ? 0 : Math.max(0, Math.min(100, (cut / target) * 100));
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="xs">
        {t(`${k}.title`)}
      </Title>
      {cut === null ? (
        <Text>{t(`${k}.noBaseline`)}</Text>
      ) : (
        <Stack gap="xs">
          <Text>
            {t(cut >= 0 ? `${k}.reduced` : `${k}.increased`, {
              percent: num(Math.abs(cut)),
              before: num(d.baseline.averageMinutes),
              now: num(d.meetings.averageMinutes),
            })}{' '}
            <strong>{t(met ? `${k}.met` : `${k}.notMet`, { target })}</strong>
          </Text>
          <Progress
            value={achieved}
            color={met ? 'teal' : 'orange'}
            size="lg"
            aria-label={t(`${k}.progress`)}
            aria-valuetext={`${num(cut)}% / ${num(target)}%`}
          />
        </Stack>
      )}
    </Paper>
  );
}

function ItemTimes({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const num = useNumber();
  const k = 'cabinetInsights.dashboard.itemsList';
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {t(`${k}.title`)}
      </Title>
      {d.items.list.length === 0 ? (
        <Text c="dimmed">{t(`${k}.empty`)}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t(`${k}.label`)}>
          {d.items.list.map((i) => {
            const over = i.spentMinutes > i.plannedMinutes;
            const value = t(`${k}.value`, { spent: num(i.spentMinutes), planned: num(i.plannedMinutes) });
            return (
              <li key={i.agendaItemId}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" className="cpdt-wrap" style={{ minWidth: 0 }}>
                    {i.title}
                  </Text>
                  <Text size="sm" fw={600} c={over ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {value}
                    {over ? ` · ${t(`${k}.over`)}` : ''}
                  </Text>
                </Group>
                <Progress
                  value={Math.min(100, (i.spentMinutes / i.plannedMinutes) * 100)}
                  color={over ? 'red' : 'teal'}
                  aria-label={`${i.title}: ${value}`}
                />
              </li>
            );
          })}
        </Stack>
      )}
    </section>
  );
}
