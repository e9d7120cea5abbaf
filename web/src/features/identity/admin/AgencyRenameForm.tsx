import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRenameAgency, type Agency, type AgencyDetail, type AgencyRename } from './agencies.api.js';
import { normaliseAgencyCode } from './agency-code-hint.js';
import { dayBefore, todayInVietnam, useDay } from './agency-dates.js';
import { AgencyFormError } from './AgencyFormError.js';
import { AgencyCodeInput } from './AgencyCodeInput.js';
import { AgencyConfirm } from './AgencyConfirm.js';

const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text);

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
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [nameVi, setNameVi] = useState(agency.nameVi);
  const [nameEn, setNameEn] = useState(agency.nameEn ?? '');
  const [shortName, setShortName] = useState(agency.shortName ?? '');
  const [code, setCode] = useState(agency.code);
  const [date, setDate] = useState(todayInVietnam());
  const [legalBasis, setLegalBasis] = useState('');

  const codeChanged = normaliseAgencyCode(code) !== agency.code;
  const body: AgencyRename = {};
  if (nameVi !== agency.nameVi) body.nameVi = nameVi;
  if (blankToNull(nameEn) !== agency.nameEn) body.nameEn = blankToNull(nameEn);
  if (blankToNull(shortName) !== agency.shortName) body.shortName = blankToNull(shortName);
  if (codeChanged) Object.assign(body, { code, date, legalBasis: blankToNull(legalBasis) });
  const namesChanged = body.nameVi !== undefined || body.nameEn !== undefined || body.shortName !== undefined;

  const next = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    rename.reset();
    setStep('confirm');
  };

  if (step === 'confirm')
    return (
      <AgencyConfirm
        title={t('agencies.rename.confirmTitle', { name: agency.nameVi })}
        confirmLabel={t('agencies.rename.confirm')}
        pending={rename.isPending}
        error={rename.error}
        onBack={() => setStep('edit')}
        onConfirm={() => rename.mutate({ id: agency.id, ...body }, { onSuccess: onDone })}
      >
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
        {!namesChanged && !codeChanged ? <Text size="sm">{t('agencies.rename.explainNothing')}</Text> : null}
      </AgencyConfirm>
    );

  return (
    <form onSubmit={next} aria-label={t('agencies.rename.title')}>
      <Stack gap="md">
        <Text size="sm">{t('agencies.rename.intro')}</Text>
        <TextInput
          label={t('agencies.fields.nameVi')}
          value={nameVi}
          onChange={(e) => setNameVi(e.currentTarget.value)}
          required
          maxLength={300}
        />
        <TextInput
          label={t('agencies.fields.nameEn')}
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
          maxLength={300}
          lang="en"
        />
        <TextInput
          label={t('agencies.fields.shortName')}
          value={shortName}
          onChange={(e) => setShortName(e.currentTarget.value)}
          maxLength={60}
        />
        <AgencyCodeInput label={t('agencies.rename.code')} value={code} onChange={setCode} required />
        {codeChanged ? (
          <>
            <TextInput
              type="date"
              label={t('agencies.rename.date')}
              description={t('agencies.form.dateHint')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              max={todayInVietnam()}
              required
            />
            <Textarea
              label={t('agencies.fields.legalBasis')}
              description={t('agencies.form.legalBasisHint')}
              value={legalBasis}
              onChange={(e) => setLegalBasis(e.currentTarget.value)}
              maxLength={500}
              autosize
              minRows={2}
            />
          </>
        ) : null}
        <AgencyFormError error={rename.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('agencies.form.cancel')}
          </Button>
          <Button type="submit">{t('agencies.form.next')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
