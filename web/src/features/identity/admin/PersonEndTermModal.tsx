import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useEndMemberTerm, type MemberTerm } from './people.api.js';
import { closeAndNotify, type PersonDialogProps } from './PersonSection.js';

/** Ends a term of office on its last day (today if left empty); the term stays on record. */
export function PersonEndTermModal({
  person,
  term,
  onClose,
  notify,
}: PersonDialogProps & { term: MemberTerm }) {
  const { t } = useTranslation();
  const end = useEndMemberTerm(person.id);
  const [validTo, setValidTo] = useState('');
  const submit = () =>
    end.mutate(
      { termId: term.id, validTo: validTo || null },
      closeAndNotify(onClose, notify, t('people.members.endedDone')),
    );
  return (
    <FormModal
      title={t('people.members.endFor', { title: term.titleVi })}
      onClose={onClose}
      onSubmit={submit}
      error={end.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.members.end')}
      pending={end.isPending}
    >
      <TextInput
        type="date"
        label={t('people.members.lastDay')}
        description={t('people.members.lastDayHint')}
        value={validTo}
        onChange={(e) => setValidTo(e.currentTarget.value)}
        data-autofocus
      />
    </FormModal>
  );
}
