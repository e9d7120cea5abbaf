import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { useCreateDelegation, type PersonSummary } from './people.api.js';
import { NO_PERIOD, periodBody, PersonPeriodInputs } from './PersonPeriodInputs.js';
import { PersonPicker } from './PersonPicker.js';
import { closeAndNotify, type PersonDialogProps } from './PersonSection.js';

/** Seen from the person: those who act for them (delegates), or those they act for. */
export type DelegationSide = 'actsFor' | 'delegates';

/** A new delegation from this person's side: someone to act for them, or someone they act for. */
export function PersonDelegationModal({
  person,
  side,
  onClose,
  notify,
}: PersonDialogProps & { side: DelegationSide }) {
  const { t } = useTranslation();
  const create = useCreateDelegation();
  const [other, setOther] = useState<PersonSummary | null>(null);
  const [period, setPeriod] = useState(NO_PERIOD);
  const submit = () => {
    if (!other) return;
    const pair =
      side === 'delegates'
        ? { principalId: person.id, delegateId: other.id }
        : { principalId: other.id, delegateId: person.id };
    create.mutate(
      { ...pair, ...periodBody(period) },
      closeAndNotify(onClose, notify, t('people.delegations.created')),
    );
  };
  const title =
    side === 'delegates'
      ? t('people.delegations.addDelegateTitle', { name: person.displayName })
      : t('people.delegations.addPrincipalTitle', { name: person.displayName });
  return (
    <FormModal
      title={title}
      onClose={onClose}
      onSubmit={submit}
      error={create.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.save')}
      pending={create.isPending}
      actionDisabled={!other}
    >
      <PersonPicker
        label={side === 'delegates' ? t('people.delegations.delegate') : t('people.delegations.principal')}
        value={other}
        onChange={setOther}
        kind="official"
        exclude={person.id}
      />
      <PersonPeriodInputs value={period} onChange={setPeriod} />
    </FormModal>
  );
}
