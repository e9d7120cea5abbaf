import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { JOB_STATES, type JobState } from '../../api/types.js';
import { JOB_STATE_COLORS } from './JobBadges.js';

/** How many jobs wait, run, finished and failed: four figures, two per row on a phone. */
export function JobCounts({ counts }: { counts: Record<JobState, number> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="job-counts-heading">
      <Text component="h2" id="job-counts-heading" size="sm" fw={700} mb="xs">
        {t('jobs.counts')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        {JOB_STATES.map((state) => (
          <Paper
            key={state}
            withBorder
            p="sm"
            radius="md"
            style={{ borderInlineStart: `4px solid var(--mantine-color-${JOB_STATE_COLORS[state]}-6)` }}
          >
            <Text component="dt" size="sm" c="dimmed">
              {t(`jobs.states.${state}`)}
            </Text>
            <Text component="dd" m={0} fz={28} fw={700} data-testid={`job-count-${state}`}>
              {counts[state]}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}
