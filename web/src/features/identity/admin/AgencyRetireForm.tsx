import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRetireAgency, type Agency, type AgencyDetail } from './agencies.api.js';
import { dayBefore, todayInVietnam, useDay } from './agency-dates.js';
import { AgencyConfirm } from './AgencyConfirm.js';

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
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [date, setDate] = useState(todayInVietnam());
  const [legalBasis, setLegalBasis] = useState('');

  const next = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    retire.reset();
    setStep('confirm');
  };

  if (step === 'confirm')
    return (
      <AgencyConfirm
        title={t('agencies.retire.confirmTitle', { name: agency.nameVi })}
        confirmLabel={t('agencies.retire.confirm')}
        pending={retire.isPending}
        error={retire.error}
        onBack={() => setStep('edit')}
        onConfirm={() =>
          retire.mutate(
            { id: agency.id, date, legalBasis: legalBasis.trim() === '' ? null : legalBasis },
            { onSuccess: onDone },
          )
        }
      >
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
      </AgencyConfirm>
    );

  return (
    <form onSubmit={next} aria-label={t('agencies.retire.title')}>
      <Stack gap="md">
        <Text size="sm">{t('agencies.retire.intro')}</Text>
        <TextInput
          type="date"
          label={t('agencies.retire.date')}
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
