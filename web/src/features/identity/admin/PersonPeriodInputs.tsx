import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Days as typed (YYYY-MM-DD, or empty). */
export interface PeriodInput {
  validFrom: string;
  validTo: string;
}

export const NO_PERIOD: PeriodInput = { validFrom: '', validTo: '' };

/** The period as the server takes it: an empty day is "not given" (from today; open-ended). */
export const periodBody = ({ validFrom, validTo }: PeriodInput) => ({
  validFrom: validFrom || null,
  validTo: validTo || null,
});

/** First and last day of a term or a delegation, side by side on wider screens; both optional. */
export function PersonPeriodInputs({
  value,
  onChange,
}: {
  value: PeriodInput;
  onChange: (next: PeriodInput) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      <TextInput
        type="date"
        label={t('people.validFrom')}
        value={value.validFrom}
        onChange={(e) => onChange({ ...value, validFrom: e.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('people.validTo')}
        description={t('people.validToHint')}
        value={value.validTo}
        onChange={(e) => onChange({ ...value, validTo: e.currentTarget.value })}
      />
    </SimpleGrid>
  );
}
