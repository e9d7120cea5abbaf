import { Permissions } from '../../../api/permissions.js';
import { Chip, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardList } from '../../../app/CardList.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { hasPermission, useSession } from '../../identity/session.js';
import { SignedInOnly } from '../SignedInOnly.js';
import { TASK_FILTERS, useTasks, type Task, type TaskFilter, type TaskListView } from './followup.api.js';
import { ReportModal } from './ReportModal.js';
import { TaskCard } from './TaskCard.js';

/** /cabinet/tasks: "my tasks" for assignees and, for follow-up officers, the follow-up board. */
export function TasksPage() {
  return (
    <SignedInOnly>
      <TasksView />
    </SignedInOnly>
  );
}

function TasksView() {
  const { t } = useTranslation();
  const session = useSession();
  const follower = hasPermission(session.data, Permissions.followTasks);
  const [view, setView] = useState<TaskListView>(follower ? 'board' : 'mine');
  const [filter, setFilter] = useState<TaskFilter>('open');
  const [reporting, setReporting] = useState<Task | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shown: TaskListView = follower ? view : 'mine';
  const tasks = useTasks(shown, filter);

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('cabinetFollowUp.board.title')} intro={t('cabinetFollowUp.board.intro')} />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {follower ? (
        <SegmentedControl
          aria-label={t('cabinetFollowUp.board.views')}
          value={shown}
          onChange={(v) => setView(v)}
          data={[
            { value: 'board', label: t('cabinetFollowUp.board.board') },
            { value: 'mine', label: t('cabinetFollowUp.board.mine') },
          ]}
          fullWidth
          maw={480}
        />
      ) : null}
      <Chip.Group value={filter} onChange={(v) => setFilter(v)}>
        <Group gap="xs" role="radiogroup" aria-label={t('cabinetFollowUp.board.filters')}>
          {TASK_FILTERS.map((f) => (
            <Chip key={f} value={f} color={f === 'overdue' ? 'red' : f === 'due_soon' ? 'orange' : undefined}>
              {t(`cabinetFollowUp.board.filter.${f}`, { count: tasks.data?.counts[f] ?? 0 })}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <div aria-live="polite">
        <QueryView query={tasks}>
          {(list) =>
            list.items.length ? (
              <CardList label={t('cabinetFollowUp.board.list')}>
                {list.items.map((task) => (
                  <TaskCard
                    key={task.id}
                    task={task}
                    showMeeting
                    onReport={shown === 'mine' && task.state !== 'cancelled' ? setReporting : undefined}
                  />
                ))}
              </CardList>
            ) : (
              <Text c="dimmed">{t('cabinetFollowUp.board.empty')}</Text>
            )
          }
        </QueryView>
      </div>
      {reporting ? (
        <ReportModal task={reporting} onClose={() => setReporting(null)} notify={setNotice} />
      ) : null}
    </Stack>
  );
}
