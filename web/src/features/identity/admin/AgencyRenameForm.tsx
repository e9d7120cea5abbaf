import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRenameAgency, type Agency, type AgencyDetail, type AgencyRename } from './agencies.api.js';
import { normaliseAgencyCode } from './agency-code-hint.js';
import { dayBefore, todayInVietnam, useDay } from './agency-dates.js';
import { AgencyChangeSteps } from './AgencyChangeSteps.js';
import { AgencyCodeInput } from './AgencyCodeInput.js';
import { AgencyChangeFields, AgencyNameFields, blankToNull } from './AgencyFields.js';

/**
 * New names and/or a new code. Names change in place; a new code ends the old record the day before the
 * effective date and links it to a new one, so the old code keeps resolving.
 */
export function AgencyRenameForm({
  agency,
  onDone,
  onCancel,
}: {
  agency: AgencyDetail;
  onDone: (result: { agency: Agency; previous: Agency | null }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const rename = useRenameAgency();
  const [names, setNames] = useState({
    nameVi: agency.nameVi,
    nameEn: agency.nameEn ?? '',
    shortName: agency.shortName ?? '',
  });
  const [code, setCode] = useState(agency.code);
  const [date, setDate] = useState(todayInVietnam());
  const [legalBasis, setLegalBasis] = useState('');

  const codeChanged = normaliseAgencyCode(code) !== agency.code;
  const body: AgencyRename = {};
  if (names.nameVi !== agency.nameVi) body.nameVi = names.nameVi;
  if (blankToNull(names.nameEn) !== agency.nameEn) body.nameEn = blankToNull(names.nameEn);
  if (blankToNull(names.shortName) !== agency.shortName) body.shortName = blankToNull(names.shortName);
  if (codeChanged) Object.assign(body, { code, date, legalBasis: blankToNull(legalBasis) });
  const namesChanged = body.nameVi !== undefined || body.nameEn !== undefined || body.shortName !== undefined;

  return (
    <AgencyChangeSteps
      label={t('agencies.rename.title')}
      intro={t('agencies.rename.intro')}
      request={rename}
      onCancel={onCancel}
      confirmTitle={t('agencies.rename.confirmTitle', { name: agency.nameVi })}
      confirmLabel={t('agencies.rename.confirm')}
      onConfirm={() => rename.mutate({ id: agency.id, ...body }, { onSuccess: onDone })}
      explanation={
        <>
          {namesChanged ? (
            <Text size="sm">
              {t('agencies.rename.explainNames', {
                name: body.nameVi ?? agency.nameVi,
                shortName: (body.shortName === undefined ? agency.shortName : body.shortName) ?? '—',
              })}
            </Text>
          ) : null}
          {codeChanged ? (
            <>
              <Text size="sm">
                {t('agencies.rename.explainCode', {
                  old: agency.code,
                  code: normaliseAgencyCode(code),
                  date: day(date),
                  last: day(dayBefore(date)),
                })}
              </Text>
              <Text size="sm">{t('agencies.rename.explainCodeResolves', { old: agency.code })}</Text>
            </>
          ) : (
            <Text size="sm">{t('agencies.rename.explainSameCode', { code: agency.code })}</Text>
          )}
          {!namesChanged && !codeChanged ? (
            <Text size="sm">{t('agencies.rename.explainNothing')}</Text>
          ) : null}
        </>
      }
    >
      <AgencyNameFields value={names} onChange={setNames} />
      <AgencyCodeInput label={t('agencies.rename.code')} value={code} onChange={setCode} required />
      {codeChanged ? (
        <AgencyChangeFields
          dateLabel={t('agencies.rename.date')}
          date={date}
          onDate={setDate}
          legalBasis={legalBasis}
          onLegalBasis={setLegalBasis}
        />
      ) : null}
    </AgencyChangeSteps>
  );
}
