import { Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from './agency-dates.js';

/** Blank text is left out, so the server records "not given" rather than an empty string. */
export const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text);

export interface AgencyNames {
  nameVi: string;
  nameEn: string;
  shortName: string;
}

/** The agency's names: Vietnamese (required), English and short, as typed. */
export function AgencyNameFields({
  value,
  onChange,
}: {
  value: AgencyNames;
  onChange: (next: AgencyNames) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('agencies.fields.nameVi')}
        value={value.nameVi}
        onChange={(e) => onChange({ ...value, nameVi: e.currentTarget.value })}
        required
        maxLength={300}
      />
      <TextInput
        label={t('agencies.fields.nameEn')}
        value={value.nameEn}
        onChange={(e) => onChange({ ...value, nameEn: e.currentTarget.value })}
        maxLength={300}
        lang="en"
      />
      <TextInput
        label={t('agencies.fields.shortName')}
        value={value.shortName}
        onChange={(e) => onChange({ ...value, shortName: e.currentTarget.value })}
        maxLength={60}
      />
    </>
  );
}

/** The day a change takes effect: a day in Vietnam, today or before (the server refuses future days). */
export function AgencyDateInput({
  label,
  description,
  value,
  onChange,
  required,
}: {
  label: string;
  description: string;
  value: string;
  onChange: (day: string) => void;
  required?: boolean;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      max={todayInVietnam()}
      required={required}
    />
  );
}

/** The decision or document a change rests on. */
export function AgencyLegalBasisInput({
  value,
  onChange,
}: {
  value: string;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('agencies.fields.legalBasis')}
      description={t('agencies.form.legalBasisHint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maxLength={500}
      autosize
      minRows={2}
    />
  );
}

/** When a change to the registry takes effect, and on what legal basis: the last fields of a change. */
export function AgencyChangeFields({
  dateLabel,
  date,
  onDate,
  legalBasis,
  onLegalBasis,
}: {
  dateLabel: string;
  date: string;
  onDate: (day: string) => void;
  legalBasis: string;
  onLegalBasis: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <AgencyDateInput
        label={dateLabel}
        description={t('agencies.form.dateHint')}
        value={date}
        onChange={onDate}
        required
      />
      <AgencyLegalBasisInput value={legalBasis} onChange={onLegalBasis} />
    </>
  );
}
