import { NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useDateTime } from '../../../i18n/format.js';
import { TASK_STATES, useReportTask, useTask, type Task, type TaskState } from './followup.api.js';

/** The assignee reports state, progress and a note; the earlier reports are listed under the form. */
export function ReportModal({
  task,
  onClose,
  notify,
}: {
  task: Task;
  onClose: () => void;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const detail = useTask(task.id);
  const report = useReportTask(task.id);
  const [state, setState] = useState<TaskState>(task.state === 'open' ? 'in_progress' : task.state);
  const [progress, setProgress] = useState<number | string>(task.progress);
  const [note, setNote] = useState('');
  const states = TASK_STATES.filter((s) => s !== 'cancelled' || detail.data?.mayCancel);
  const submit = () =>
    report.mutate(
      { state, progress: typeof progress === 'number' ? progress : 0, note: note.trim() },
      {
        onSuccess: () => {
          notify(t('cabinetFollowUp.report.sent'));
          onClose();
        },
      },
    );
  return (
    <FormModal
      title={t('cabinetFollowUp.report.title', { title: task.title })}
      onClose={onClose}
      onSubmit={submit}
      error={report.error}
      cancelLabel={t('cabinetFollowUp.cancel')}
      actionLabel={t('cabinetFollowUp.report.send')}
      pending={report.isPending}
      fullScreenOnPhone
    >
      <Select
        label={t('cabinetFollowUp.report.state')}
        data={states.map((s) => ({ value: s, label: t(`cabinetFollowUp.states.${s}`) }))}
        value={state}
        onChange={(v) => v && setState(v)}
        allowDeselect={false}
        data-autofocus
      />
      <NumberInput
        label={t('cabinetFollowUp.report.progress')}
        value={state === 'done' ? 100 : progress}
        onChange={setProgress}
        min={0}
        max={100}
        allowDecimal={false}
        allowNegative={false}
        disabled={state === 'done'}
      />
      <Textarea
        label={t('cabinetFollowUp.report.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={5000}
      />
      <Stack gap={4}>
        <Title order={3} size="h5">
          {t('cabinetFollowUp.report.history')}
        </Title>
        {detail.data?.reports.length ? (
          detail.data.reports.map((r) => (
            <Text key={r.id} size="sm" className="cpdt-wrap">
              {t('cabinetFollowUp.report.line', {
                at: dateTime(r.createdAt),
                name: r.person?.displayName ?? '—',
                state: t(`cabinetFollowUp.states.${r.state}`),
                progress: r.progress,
              })}
              {r.note ? ` — ${r.note}` : ''}
            </Text>
          ))
        ) : (
          <Text size="sm" c="dimmed">
            {t('cabinetFollowUp.report.noHistory')}
          </Text>
        )}
      </Stack>
    </FormModal>
  );
}
