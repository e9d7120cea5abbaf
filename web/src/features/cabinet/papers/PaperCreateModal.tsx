import { NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { ClassificationSelect } from './ClassificationSelect.js';
import {
  PAPER_KINDS,
  PAPER_ONLY,
  useCreatePaper,
  type Classification,
  type PaperKind,
} from './papers.api.js';

interface PaperCreateModalProps {
  meetingId: string;
  agendaItemId: string;
  onClose: () => void;
  notify: (message: string) => void;
}

/** A new paper on an agenda item; a classified one takes a paper-circulation note instead of content. */
export function PaperCreateModal({ meetingId, agendaItemId, onClose, notify }: PaperCreateModalProps) {
  const { t } = useTranslation();
  const create = useCreatePaper(meetingId);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<PaperKind>('submission');
  const [classification, setClassification] = useState<Classification>('internal');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const paperOnly = PAPER_ONLY.has(classification);

  const submit = () =>
    create.mutate(
      {
        title: title.trim(),
        kind,
        classification,
        reference: reference.trim() || null,
        agendaItemId,
        paperCirculationNote: paperOnly ? note.trim() || null : null,
      },
      {
        onSuccess: (paper) => {
          notify(t('cabinetPapers.paper.created', { title: paper.title }));
          onClose();
        },
      },
    );

  return (
    <FormModal
      title={t('cabinetPapers.paper.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      error={create.error}
      cancelLabel={t('cabinetPapers.cancel')}
      actionLabel={t('cabinetPapers.paper.add')}
      pending={create.isPending}
      actionDisabled={!title.trim()}
      fullScreenOnPhone
    >
      <TextInput
        label={t('cabinetPapers.paper.title')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
        data-autofocus
      />
      <NativeSelect
        label={t('cabinetPapers.kind.label')}
        value={kind}
        onChange={(e) => setKind(PAPER_KINDS.find((k) => k === e.currentTarget.value) ?? kind)}
        data={PAPER_KINDS.map((k) => ({ value: k, label: t(`cabinetPapers.kind.${k}`) }))}
      />
      <ClassificationSelect value={classification} onChange={setClassification} />
      <TextInput
        label={t('cabinetPapers.paper.reference')}
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
      />
      {paperOnly ? (
        <>
          <Text size="sm" fw={600} c="red.8">
            {t('cabinetPapers.paper.paperOnly')}
          </Text>
          <Textarea
            label={t('cabinetPapers.paper.circulationNote')}
            description={t('cabinetPapers.paper.circulationHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        </>
      ) : null}
    </FormModal>
  );
}
