import { NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { AgencyPicker } from '../../identity/admin/AgencyPicker.js';
import { ClassificationSelect } from './ClassificationSelect.js';
import { useAddItem, useEditItem, type AgendaItem, type Classification } from './papers.api.js';

interface AgendaItemModalProps {
  meetingId: string;
  /** Absent: a new item, added at the end of the agenda. */
  item?: AgendaItem;
  onClose: () => void;
  notify: (message: string) => void;
}

/** Add or edit one agenda item: its title, time box, classification and presenting agency. */
export function AgendaItemModal({ meetingId, item, onClose, notify }: AgendaItemModalProps) {
  const { t } = useTranslation();
  const add = useAddItem(meetingId);
  const edit = useEditItem(meetingId);
  const write = item ? edit : add;
  const [title, setTitle] = useState(item?.title ?? '');
  const [minutes, setMinutes] = useState<number | string>(item?.plannedMinutes ?? '');
  const [classification, setClassification] = useState<Classification>(item?.classification ?? 'internal');
  const [presenter, setPresenter] = useState<string | null>(item?.presenterAgencyId ?? null);

  const submit = () => {
    const fields = {
      title: title.trim(),
      plannedMinutes: typeof minutes === 'number' ? minutes : null,
      classification,
      presenterAgencyId: presenter,
    };
    const done = {
      onSuccess: () => {
        notify(t(item ? 'cabinetPapers.item.saved' : 'cabinetPapers.item.added', { title: fields.title }));
        onClose();
      },
    };
    if (item) edit.mutate({ id: item.id, ...fields }, done);
    else add.mutate(fields, done);
  };

  return (
    <FormModal
      title={t(item ? 'cabinetPapers.item.editTitle' : 'cabinetPapers.item.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      error={write.error}
      cancelLabel={t('cabinetPapers.cancel')}
      actionLabel={item ? t('cabinetPapers.save') : t('cabinetPapers.item.add')}
      pending={write.isPending}
      actionDisabled={!title.trim()}
      fullScreenOnPhone
    >
      <TextInput
        label={t('cabinetPapers.item.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
        data-autofocus
      />
      <NumberInput
        label={t('cabinetPapers.item.minutes')}
        value={minutes}
        onChange={setMinutes}
        min={1}
        max={600}
        allowDecimal={false}
        allowNegative={false}
      />
      <ClassificationSelect value={classification} onChange={setClassification} />
      <AgencyPicker label={t('cabinetPapers.item.presenter')} value={presenter} onChange={setPresenter} />
    </FormModal>
  );
}
