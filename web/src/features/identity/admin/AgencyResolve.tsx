import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PageLoader } from '../../../app/PageLoader.js';
import { useResolveCode, type AgencyResolution } from './agencies.api.js';
import { AgencyStatusBadge } from './AgencyBadges.js';
import { AgencyLink, AgencySuccessions } from './AgencySuccessions.js';
import { useDay } from './agency-dates.js';

/** What a resolved code leads to: the agency that held it, the chain of changes, the agencies now. */
function Resolution({ result, onOpen }: { result: AgencyResolution; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const day = useDay();
  const { requested, current, path } = result;
  return (
    <Stack gap="sm" data-testid="agency-resolution">
      <Group gap="xs" wrap="wrap">
        <Text size="sm">{t('agencies.resolve.heldBy', { code: result.code })}</Text>
        <AgencyLink agency={requested} onOpen={onOpen} />
        <AgencyStatusBadge agency={requested} />
      </Group>
      {requested.retired ? (
        <>
          {path.length > 0 ? (
            <div>
              <Text size="sm" fw={600}>
                {t('agencies.resolve.path')}
              </Text>
              <AgencySuccessions
                successions={path}
                side="successor"
                onOpen={onOpen}
                label={t('agencies.resolve.path')}
              />
            </div>
          ) : null}
          {current.length > 0 ? (
            <div>
              <Text size="sm" fw={600}>
                {t('agencies.resolve.current', { count: current.length })}
              </Text>
              <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {current.map((a) => (
                  <li key={a.id}>
                    <AgencyLink agency={a} onOpen={onOpen} />
                  </li>
                ))}
              </Stack>
            </div>
          ) : (
            <Text size="sm">{t('agencies.resolve.dissolved', { date: day(requested.validTo) })}</Text>
          )}
        </>
      ) : (
        <Text size="sm">{t('agencies.resolve.inForce')}</Text>
      )}
    </Stack>
  );
}

/** Any identifier code, current or retired (e.g. one that changed in 2025), to the agency in force now. */
export function AgencyResolve({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const resolution = useResolveCode(code);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = typed.trim() === '' ? null : typed.trim();
    if (next !== null && next === code) void resolution.refetch(); // asked again: ask the server again
    setCode(next);
  };
  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="agency-resolve-title">
      <Title order={2} size="h4" id="agency-resolve-title" mb={4}>
        {t('agencies.resolve.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('agencies.resolve.intro')}
      </Text>
      <form onSubmit={submit}>
        <Group gap="sm" align="flex-end" mb="sm">
          <TextInput
            label={t('agencies.resolve.code')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            placeholder="000.00.00.G12"
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'monospace' } }}
            w={{ base: '100%', xs: 260 }}
          />
          <Button type="submit" variant="default" loading={resolution.isFetching}>
            {t('agencies.resolve.submit')}
          </Button>
        </Group>
      </form>
      <div aria-live="polite">
        {code === null ? null : resolution.isPending ? (
          <PageLoader />
        ) : resolution.isError ? (
          <ErrorAlert error={resolution.error} />
        ) : (
          <Resolution result={resolution.data} onOpen={onOpen} />
        )}
      </div>
    </Paper>
  );
}
