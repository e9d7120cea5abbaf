import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../app/FormModal.js';
import { AssignFields, type AssignValue } from './AssignFields.js';
import { useDocumentStep, type DocumentAction, type DocumentDetail, type StepInput } from './exchange.api.js';

/** Steps that need a reason (it travels to the other agency with the status). */
const NEEDS_REASON = new Set<DocumentAction>(['reject', 'refuse', 'recall']);
/** Steps that may carry an optional note. */
const TAKES_NOTE = new Set<DocumentAction>(['assign', 'process', 'complete']);
/** Steps that turn the document away: the main button says so in red. */
const DISRUPTIVE = new Set<DocumentAction>(['reject', 'refuse', 'recall']);

const EXPLANATIONS = {
  register: 'exchange.steps.register.text',
  process: 'exchange.steps.process.text',
  complete: 'exchange.steps.complete.text',
  reject: 'exchange.steps.reject.text',
  agree: 'exchange.steps.agree.text',
  refuse: 'exchange.steps.refuse.text',
  recall: 'exchange.steps.recall.text',
} as const satisfies Partial<Record<DocumentAction, string>>;

function stepInput(action: DocumentAction, note: string, reason: string, assign: AssignValue): StepInput {
  const optional = note.trim() ? { note: note.trim() } : {};
  switch (action) {
    case 'register':
      return { action };
    case 'agree':
      return { action };
    case 'assign':
      return assign.target === 'person' && assign.person
        ? { action, assigneeId: assign.person.id, ...optional }
        : { action, department: assign.department.trim(), ...optional };
    case 'process':
      return { action, ...optional };
    case 'complete':
      return { action, ...optional };
    case 'reject':
      return { action, reason: reason.trim() };
    case 'refuse':
      return { action, reason: reason.trim() };
    case 'recall':
      return { action, reason: reason.trim() };
  }
}

/**
 * One step on a document, in a dialog: what it will do (each step sends an edXML status to the other
 * agency, which cannot be called back), the fields it needs, then the button that does it.
 */
export function StepModal({
  document: d,
  action,
  onClose,
  onDone,
}: {
  document: DocumentDetail;
  action: DocumentAction;
  onClose: () => void;
  onDone: (message: string, detail: DocumentDetail) => void;
}) {
  const { t } = useTranslation();
  const step = useDocumentStep(d.id);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [assign, setAssign] = useState<AssignValue>({ target: 'department', department: '', person: null });
  const ready = NEEDS_REASON.has(action)
    ? reason.trim() !== ''
    : action === 'assign'
      ? assign.target === 'person'
        ? assign.person !== null
        : assign.department.trim() !== ''
      : true;
  const submit = () => {
    if (!ready) return;
    step.mutate(stepInput(action, note, reason, assign), {
      onSuccess: (detail) =>
        onDone(t(`exchange.steps.${action}.done`, { number: detail.incomingNumber ?? '' }), detail),
    });
  };
  const explanation = action === 'assign' ? null : EXPLANATIONS[action];
  return (
    <FormModal
      title={t(`exchange.steps.${action}.title`)}
      onClose={onClose}
      onSubmit={submit}
      error={step.error}
      focusError
      cancelLabel={t('exchange.cancel')}
      actionLabel={t(`exchange.actions.${action}`)}
      actionColor={DISRUPTIVE.has(action) ? 'red.9' : undefined}
      actionDisabled={!ready}
      pending={step.isPending}
      holdCancel
      focusAction={!NEEDS_REASON.has(action) && action !== 'assign' && !TAKES_NOTE.has(action)}
      fullScreenOnPhone={action === 'assign'}
    >
      {explanation ? (
        <Text size="sm" className="cpdt-wrap">
          {t(explanation)}
        </Text>
      ) : null}
      {action === 'assign' ? (
        <AssignFields agency={d.agencyCode} value={assign} onChange={setAssign} />
      ) : null}
      {NEEDS_REASON.has(action) ? (
        <Textarea
          label={t('exchange.steps.reason')}
          description={t('exchange.steps.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={2000}
          required
          data-autofocus
        />
      ) : null}
      {TAKES_NOTE.has(action) ? (
        <Textarea
          label={t('exchange.steps.note')}
          description={t('exchange.steps.noteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus={action === 'assign' ? undefined : true}
        />
      ) : null}
    </FormModal>
  );
}
