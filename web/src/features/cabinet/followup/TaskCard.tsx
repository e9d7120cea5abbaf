import { Anchor, Button, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListCard } from '../../../app/CardList.js';
import { useLanguage } from '../../../i18n/index.js';
import { useCabinetFormat } from '../useCabinetFormat.js';
import { StandingBadge } from './DueBadges.js';
import type { Task } from './followup.api.js';

/** One task as a card: where it stands, who has it, by when, how far along; optionally its meeting. */
export function TaskCard({
  task,
  showMeeting,
  onReport,
}: {
  task: Task;
  showMeeting?: boolean;
  onReport?: (task: Task) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { day } = useCabinetFormat();
  const agency =
    language === 'en' && task.assigneeAgency.nameEn ? task.assigneeAgency.nameEn : task.assigneeAgency.nameVi;
  const assignee = task.assigneePerson ? `${task.assigneePerson.displayName} (${agency})` : agency;
  const overdue = task.standing === 'overdue';
  return (
    <ListCard>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Text
          fw={600}
          className="cpdt-wrap"
          style={{ flex: '1 1 12rem', minWidth: 0 }}
          c={overdue ? 'red.8' : undefined}
        >
          {task.title}
        </Text>
        <StandingBadge task={task} />
      </Group>
      {task.detail ? (
        <Text size="sm" className="cpdt-wrap" style={{ whiteSpace: 'pre-line' }}>
          {task.detail}
        </Text>
      ) : null}
      <Text size="sm" className="cpdt-wrap">
        {t('cabinetFollowUp.tasks.assignee', { name: assignee })}
      </Text>
      <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 600 : undefined}>
        {t('cabinetFollowUp.tasks.due', { date: day(task.dueOn) })} ·{' '}
        {t(`cabinetFollowUp.states.${task.state}`)}
      </Text>
      <Progress
        value={task.progress}
        color={task.state === 'done' ? 'green' : overdue ? 'red' : 'blue'}
        aria-label={t('cabinetFollowUp.tasks.progress', { progress: task.progress })}
      />
      <Text size="xs" c="dimmed">
        {t('cabinetFollowUp.tasks.progress', { progress: task.progress })}
      </Text>
      {showMeeting ? (
        <Text size="sm" className="cpdt-wrap">
          <Anchor component={Link} to={`/cabinet/meetings/${encodeURIComponent(task.meeting.id)}/minutes`}>
            {t('cabinetFollowUp.board.meeting', { title: task.meeting.title })}
          </Anchor>
          {task.conclusion.reference
            ? ` · ${t('cabinetFollowUp.board.notice', { reference: task.conclusion.reference })}`
            : null}
        </Text>
      ) : null}
      {onReport ? (
        <Button
          variant="light"
          size="xs"
          w={{ base: '100%', xs: 'fit-content' }}
          onClick={() => onReport(task)}
        >
          {t('cabinetFollowUp.board.report')}
        </Button>
      ) : null}
    </ListCard>
  );
}
