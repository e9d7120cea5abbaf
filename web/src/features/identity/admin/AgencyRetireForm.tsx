import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRetireAgency, type Agency, type AgencyDetail } from './agencies.api.js';
import { dayBefore, todayInVietnam, useDay } from './agency-dates.js';
import { AgencyChangeSteps } from './AgencyChangeSteps.js';
import { AgencyChangeFields, blankToNull } from './AgencyFields.js';

/** The agency ceases to exist from a date (dissolved, not taken over by another). */
export function AgencyRetireForm({
  agency,
  onDone,
  onCancel,
}: {
  agency: AgencyDetail;
  onDone: (agency: Agency) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const retire = useRetireAgency();
  const [date, setDate] = useState(todayInVietnam());
  const [legalBasis, setLegalBasis] = useState('');

  return (
    <AgencyChangeSteps
      label={t('agencies.retire.title')}
      intro={t('agencies.retire.intro')}
      request={retire}
      showError={false}
      onCancel={onCancel}
      confirmTitle={t('agencies.retire.confirmTitle', { name: agency.nameVi })}
      confirmLabel={t('agencies.retire.confirm')}
      onConfirm={() =>
        retire.mutate({ id: agency.id, date, legalBasis: blankToNull(legalBasis) }, { onSuccess: onDone })
      }
      explanation={
        <>
          <Text size="sm">
            {t('agencies.retire.explainEnd', {
              name: agency.nameVi,
              date: day(date),
              last: day(dayBefore(date)),
            })}
          </Text>
          <Text size="sm">{t('agencies.retire.explainCode', { code: agency.code })}</Text>
          <Text size="sm">{t('agencies.retire.explainChildren')}</Text>
          <Text size="sm">{t('agencies.retire.explainFinal')}</Text>
        </>
      }
    >
      <AgencyChangeFields
        dateLabel={t('agencies.retire.date')}
        date={date}
        onDate={setDate}
        legalBasis={legalBasis}
        onLegalBasis={setLegalBasis}
      />
    </AgencyChangeSteps>
  );
}
