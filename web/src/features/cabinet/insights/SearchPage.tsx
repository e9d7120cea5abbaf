import { Anchor, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CardList, ListCard } from '../../../app/CardList.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { PageLoader } from '../../../app/PageLoader.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { useCabinetFormat } from '../useCabinetFormat.js';
import { Highlighted } from './Highlighted.js';
import { useSearch, type SearchHit, type SearchKind } from './insights.api.js';

const KIND_COLOURS: Record<SearchKind, string> = {
  meeting: 'blue',
  agenda_item: 'grape',
  paper: 'teal',
  minutes: 'orange',
};

/** Where a result opens: the paper viewer (at the page that matched), the minutes, or the meeting. */
function linkOf(hit: SearchHit): string {
  const meeting = `/cabinet/meetings/${encodeURIComponent(hit.meetingId)}`;
  if (hit.kind === 'paper' && hit.paperId && !hit.paperOnly)
    return `${meeting}/papers/${encodeURIComponent(hit.paperId)}${hit.page ? `?page=${hit.page}` : ''}`;
  if (hit.kind === 'minutes') return `${meeting}/minutes`;
  return meeting;
}

/** /cabinet/search?q=…: accent-insensitive search over what the caller may read. */
export function SearchPage() {
  return (
    <SignedInOnly>
      <Search />
    </SignedInOnly>
  );
}

function Search() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const results = useSearch(q);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = text.trim();
    setParams(next ? { q: next } : {});
  };
  return (
    <>
      <PageHeader title={t('cabinetInsights.search.title')} intro={t('cabinetInsights.search.intro')} />
      <form role="search" onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="nowrap" mb="md">
          <TextInput
            label={t('cabinetInsights.search.label')}
            placeholder={t('cabinetInsights.search.placeholder')}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={200}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button type="submit">{t('cabinetInsights.search.submit')}</Button>
        </Group>
      </form>
      <div aria-live="polite">
        {!q.trim() ? (
          <Text c="dimmed">{t('cabinetInsights.search.prompt')}</Text>
        ) : results.isPending ? (
          <PageLoader />
        ) : results.isError ? (
          <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
        ) : (
          <Stack gap="sm">
            <Text fw={500}>
              {results.data.items.length
                ? t('cabinetInsights.search.count', { count: results.data.items.length, q })
                : t('cabinetInsights.search.none', { q })}
            </Text>
            {results.data.items.length ? (
              <CardList label={t('cabinetInsights.search.results')}>
                {results.data.items.map((hit) => (
                  <Result key={`${hit.kind}-${hit.paperId ?? hit.agendaItemId ?? hit.meetingId}`} hit={hit} />
                ))}
              </CardList>
            ) : null}
          </Stack>
        )}
      </div>
    </>
  );
}

function Result({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const { dateTime } = useCabinetFormat();
  return (
    <ListCard>
      <Group gap="xs" wrap="wrap">
        <Badge color={KIND_COLOURS[hit.kind]} variant="light">
          {t(`cabinetInsights.search.kinds.${hit.kind}`)}
        </Badge>
        {hit.reference ? (
          <Text size="sm" c="dimmed">
            {hit.reference}
          </Text>
        ) : null}
        {hit.page ? (
          <Text size="sm" c="dimmed">
            {t('cabinetInsights.search.page', { page: hit.page })}
          </Text>
        ) : null}
      </Group>
      <Anchor component={Link} to={linkOf(hit)} fw={600} className="cpdt-wrap">
        <Highlighted segments={hit.title} />
      </Anchor>
      {hit.snippet ? (
        <Text size="sm" className="cpdt-wrap">
          <Highlighted segments={hit.snippet} />
        </Text>
      ) : null}
      {hit.paperOnly ? (
        <Badge
          color="red"
          variant="outline"
          style={{ maxWidth: '100%', height: 'auto', whiteSpace: 'normal' }}
        >
          {t('cabinetInsights.search.paperOnly')}
        </Badge>
      ) : null}
      {hit.kind !== 'meeting' ? (
        <Text size="xs" c="dimmed" className="cpdt-wrap">
          {t('cabinetInsights.search.inMeeting', { title: hit.meetingTitle })} · {dateTime(hit.meetingStart)}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {dateTime(hit.meetingStart)}
        </Text>
      )}
    </ListCard>
  );
}
