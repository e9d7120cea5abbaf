import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import {
  GOVERNMENT_OFFICES,
  OFFICES_WITH_AGENCY,
  useAddMemberTerm,
  type AgencyOption,
  type GovernmentOffice,
} from './people.api.js';
import { PersonAgencySelect } from './PersonAgencySelect.js';
import { NO_PERIOD, periodBody, PersonPeriodInputs } from './PersonPeriodInputs.js';
import { closeAndNotify, type PersonDialogProps } from './PersonSection.js';

/** Appoints the person a Government member: the office, its agency where it has one, the title and term. */
export function PersonAppointModal({ person, onClose, notify }: PersonDialogProps) {
  const { t } = useTranslation();
  const appoint = useAddMemberTerm(person.id);
  const [office, setOffice] = useState<GovernmentOffice>('minister');
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [titleVi, setTitleVi] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [period, setPeriod] = useState(NO_PERIOD);
  const needsAgency = OFFICES_WITH_AGENCY.includes(office);
  const submit = () =>
    appoint.mutate(
      {
        office,
        agencyId: needsAgency ? (agency?.id ?? null) : null,
        titleVi,
        titleEn: titleEn.trim() || null,
        ...periodBody(period),
      },
      closeAndNotify(onClose, notify, t('people.saved')),
    );
  return (
    <FormModal
      title={t('people.members.addTitle')}
      size="lg"
      onClose={onClose}
      onSubmit={submit}
      error={appoint.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.members.add')}
      pending={appoint.isPending}
      actionDisabled={needsAgency && !agency}
    >
      <NativeSelect
        label={t('people.members.office')}
        value={office}
        onChange={(e) => setOffice(GOVERNMENT_OFFICES.find((o) => o === e.currentTarget.value) ?? 'minister')}
        data={GOVERNMENT_OFFICES.map((o) => ({ value: o, label: t(`people.members.offices.${o}`) }))}
      />
      {needsAgency ? (
        <PersonAgencySelect label={t('people.members.agency')} value={agency} onChange={setAgency} required />
      ) : null}
      <TextInput
        label={t('people.members.titleVi')}
        description={t('people.members.titleViHint')}
        required
        value={titleVi}
        onChange={(e) => setTitleVi(e.currentTarget.value)}
      />
      <TextInput
        label={t('people.members.titleEn')}
        value={titleEn}
        onChange={(e) => setTitleEn(e.currentTarget.value)}
      />
      <PersonPeriodInputs value={period} onChange={setPeriod} />
    </FormModal>
  );
}
