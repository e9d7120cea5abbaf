import { Blockquote, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';

/** Writes or edits the note on a quote; the quote itself is shown, not editable. */
export function AnnotationModal({
  title,
  quote,
  initial,
  pending,
  error,
  onSave,
  onClose,
}: {
  title: string;
  quote: string;
  initial: string;
  pending: boolean;
  error: unknown;
  onSave: (note: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState(initial);
  return (
    <FormModal
      title={title}
      onClose={onClose}
      onSubmit={() => onSave(note)}
      error={error}
      pending={pending}
      cancelLabel={t('cabinetViewer.annotations.cancel')}
      actionLabel={t('cabinetViewer.annotations.save')}
      actionDisabled={!note.trim()}
    >
      <Blockquote p="xs" aria-label={t('cabinetViewer.annotations.quote')} className="cpdt-wrap">
        {quote}
      </Blockquote>
      <Textarea
        label={t('cabinetViewer.annotations.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={3}
        maxLength={4000}
        required
        data-autofocus
      />
    </FormModal>
  );
}
