import { NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JOB_STATES, type JobState } from '../../api/types.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { PageHeader } from '../../app/PageHeader.js';
import { QueryView } from '../../app/QueryView.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { useIsPhone } from '../../app/useIsPhone.js';
import { JobCards } from './JobCards.js';
import { JobCounts } from './JobCounts.js';
import { useJobs, useRetryJob } from './jobs.api.js';
import { JobsTable } from './JobsTable.js';

/** Administrators watch the job queue and put failed (dead) jobs back. */
export function JobsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [state, setState] = useState<JobState | null>(null);
  const jobs = useJobs(state);
  const retry = useRetryJob();
  const [retried, setRetried] = useState<number | null>(null);
  const onRetry = (id: number) => retry.mutate(id, { onSuccess: () => setRetried(id) });
  const List = phone ? JobCards : JobsTable;
  return (
    <>
      <PageHeader title={t('jobs.title')} intro={t('jobs.intro')} />
      <SuccessNotice
        message={retried !== null ? t('jobs.retried', { id: retried }) : null}
        onClose={() => setRetried(null)}
      />
      {retry.isError ? <ErrorAlert error={retry.error} /> : null}
      <QueryView query={jobs}>
        {(data) => (
          <Stack gap="lg">
            <JobCounts counts={data.counts} />
            <NativeSelect
              label={t('jobs.state')}
              value={state ?? ''}
              onChange={(e) => setState(JOB_STATES.find((s) => s === e.currentTarget.value) ?? null)}
              data={[
                { value: '', label: t('app.all') },
                ...JOB_STATES.map((s) => ({ value: s, label: t(`jobs.states.${s}`) })),
              ]}
              w={{ base: '100%', xs: 220 }}
            />
            {data.jobs.length === 0 ? (
              <Text c="dimmed">{t('jobs.empty')}</Text>
            ) : (
              <List
                jobs={data.jobs}
                retryingId={retry.isPending ? (retry.variables ?? null) : null}
                onRetry={onRetry}
              />
            )}
          </Stack>
        )}
      </QueryView>
    </>
  );
}
