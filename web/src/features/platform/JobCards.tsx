import { Code, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CardList, ListCard } from '../../app/CardList.js';
import { useDateTime } from '../../i18n/format.js';
import { JobStateBadge } from './JobBadges.js';
import type { JobsViewProps } from './JobsTable.js';
import { RetryJobButton } from './RetryJobButton.js';

/** Phones: one card per job. */
export function JobCards({ jobs, retryingId, onRetry }: JobsViewProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <CardList label={t('jobs.listLabel')}>
      {jobs.map((job) => (
        <ListCard key={job.id}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fw={600}>{t('jobs.jobId', { id: job.id })}</Text>
            <JobStateBadge state={job.state} />
          </Group>
          <Code w="fit-content" className="cpdt-wrap">
            {job.queue}
          </Code>
          <Text size="xs" c="dimmed">
            {dateTime(job.runAt)} · {t('jobs.attempts')}:{' '}
            {t('jobs.attemptsValue', { attempts: job.attempts, max: job.maxAttempts })}
          </Text>
          {job.lastError ? (
            <Text size="sm" className="cpdt-wrap" lineClamp={3}>
              {job.lastError}
            </Text>
          ) : null}
          {job.state === 'dead' ? (
            <RetryJobButton id={job.id} pending={retryingId === job.id} onRetry={onRetry} />
          ) : null}
        </ListCard>
      ))}
    </CardList>
  );
}
