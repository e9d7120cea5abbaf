import { Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { AgencyPicker } from '../../identity/admin/AgencyPicker.js';
import { useAddTask } from './followup.api.js';

/** Assigns a task of the notice to an agency, with a due day (the server checks it is a working day). */
export function TaskAddModal({
  meetingId,
  onClose,
  notify,
}: {
  meetingId: string;
  onClose: () => void;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const add = useAddTask(meetingId);
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [agency, setAgency] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const submit = () => {
    if (!agency) return;
    add.mutate(
      { title: title.trim(), detail: detail.trim(), assigneeAgencyId: agency, dueOn },
      {
        onSuccess: () => {
          notify(t('cabinetFollowUp.tasks.added', { title: title.trim() }));
          onClose();
        },
      },
    );
  };
  return (
    <FormModal
      title={t('cabinetFollowUp.tasks.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      error={add.error}
      focusError
      cancelLabel={t('cabinetFollowUp.cancel')}
      actionLabel={t('cabinetFollowUp.tasks.add')}
      pending={add.isPending}
      actionDisabled={!title.trim() || !agency || !dueOn}
      fullScreenOnPhone
    >
      <TextInput
        label={t('cabinetFollowUp.tasks.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        maxLength={500}
        required
        data-autofocus
      />
      <Textarea
        label={t('cabinetFollowUp.tasks.detail')}
        value={detail}
        onChange={(e) => setDetail(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={5000}
      />
      <AgencyPicker label={t('cabinetFollowUp.tasks.agency')} value={agency} onChange={setAgency} required />
      <TextInput
        type="date"
        label={t('cabinetFollowUp.tasks.dueOn')}
        description={t('cabinetFollowUp.tasks.dueOnHint')}
        value={dueOn}
        onChange={(e) => setDueOn(e.currentTarget.value)}
        required
      />
    </FormModal>
  );
}
