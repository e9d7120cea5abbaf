import { Code, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../api/types.js';
import { useDateTime } from '../../i18n/format.js';
import { JobStateBadge } from './JobBadges.js';
import { RetryJobButton } from './RetryJobButton.js';

export interface JobsViewProps {
  jobs: Job[];
  retryingId: number | null;
  onRetry: (id: number) => void;
}

/** Wide screens: one row per job, the last error clamped to two lines. */
export function JobsTable({ jobs, retryingId, onRetry }: JobsViewProps) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm">
        <caption>
          <VisuallyHidden>{t('jobs.listLabel')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">{t('jobs.queue')}</Table.Th>
            <Table.Th scope="col">{t('jobs.state')}</Table.Th>
            <Table.Th scope="col">{t('jobs.attempts')}</Table.Th>
            <Table.Th scope="col">{t('jobs.runAt')}</Table.Th>
            <Table.Th scope="col">{t('jobs.lastError')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('jobs.retry')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id}>
              <Table.Td>{job.id}</Table.Td>
              <Table.Td>
                <Code>{job.queue}</Code>
              </Table.Td>
              <Table.Td>
                <JobStateBadge state={job.state} />
              </Table.Td>
              <Table.Td>{t('jobs.attemptsValue', { attempts: job.attempts, max: job.maxAttempts })}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(job.runAt)}</Table.Td>
              <Table.Td maw={320}>
                <Text size="sm" lineClamp={2} className="cpdt-wrap" title={job.lastError ?? undefined}>
                  {job.lastError}
                </Text>
              </Table.Td>
              <Table.Td>
                {job.state === 'dead' ? (
                  <RetryJobButton id={job.id} pending={retryingId === job.id} onRetry={onRetry} />
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
