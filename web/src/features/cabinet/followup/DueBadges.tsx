import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Task } from './followup.api.js';

/** Working days left to the notice's due day, counting down; red once late. */
export function CountdownBadge({ workingDaysLeft }: { workingDaysLeft: number }) {
  const { t } = useTranslation();
  const label =
    workingDaysLeft > 0
      ? t('cabinetFollowUp.conclusion.left', { count: workingDaysLeft })
      : workingDaysLeft === 0
        ? t('cabinetFollowUp.conclusion.today')
        : t('cabinetFollowUp.conclusion.late', { count: -workingDaysLeft });
  const color = workingDaysLeft < 0 ? 'red' : workingDaysLeft <= 1 ? 'orange' : 'blue';
  return (
    <Badge color={color} variant={workingDaysLeft < 0 ? 'filled' : 'light'} className="cpdt-wrap">
      {label}
    </Badge>
  );
}

const COLORS: Record<Task['standing'], string> = {
  on_time: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  done: 'green',
  cancelled: 'gray',
};

/** Where a task stands: on time, due soon, overdue by n working days (red), done, cancelled. */
export function StandingBadge({ task }: { task: Pick<Task, 'standing' | 'workingDaysLeft'> }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[task.standing]}
      variant={task.standing === 'overdue' ? 'filled' : 'light'}
      className="cpdt-wrap"
    >
      {t(`cabinetFollowUp.standing.${task.standing}`, { count: -task.workingDaysLeft })}
    </Badge>
  );
}
