import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JobState } from '../../api/types.js';

export const JOB_STATE_COLORS: Record<JobState, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  dead: 'red',
};

export function JobStateBadge({ state }: { state: JobState }) {
  const { t } = useTranslation();
  return (
    <Badge color={JOB_STATE_COLORS[state]} variant="light">
      {t(`jobs.states.${state}`)}
    </Badge>
  );
}
