import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_LEVELS, useCreateAgency, type Agency, type AgencyLevel } from './agencies.api.js';
import { todayInVietnam } from './agency-dates.js';
import { AgencyAdminUnitPicker } from './AgencyAdminUnitPicker.js';
import { AgencyFormError } from './AgencyFormError.js';
import { AgencyCodeInput } from './AgencyCodeInput.js';
import { AgencyPicker } from './AgencyPicker.js';

/** Blank text is left out, so the server records "not given" rather than an empty string. */
const orNull = (text: string): string | null => (text.trim() === '' ? null : text);

/** A new agency of the registry. The browser checks only what it must; the server checks everything. */
export function AgencyForm({ onDone, onCancel }: { onDone: (agency: Agency) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAgency();
  const [code, setCode] = useState('');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [shortName, setShortName] = useState('');
  const [level, setLevel] = useState<AgencyLevel | ''>('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [adminUnitCode, setAdminUnitCode] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState('');
  const [legalBasis, setLegalBasis] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (level === '') return; // the select is required: the browser has said so
    create.mutate(
      {
        code,
        nameVi,
        nameEn: orNull(nameEn),
        shortName: orNull(shortName),
        level,
        parentId,
        adminUnitCode,
        validFrom: orNull(validFrom),
        legalBasis: orNull(legalBasis),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t('agencies.create.title')}>
      <Stack gap="md">
        <AgencyCodeInput label={t('agencies.fields.code')} value={code} onChange={setCode} required />
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
        <NativeSelect
          label={t('agencies.level.label')}
          value={level}
          onChange={(e) => setLevel(AGENCY_LEVELS.find((l) => l === e.currentTarget.value) ?? '')}
          data={[
            { value: '', label: t('agencies.level.choose'), disabled: true },
            ...AGENCY_LEVELS.map((l) => ({ value: l, label: t(`agencies.level.${l}`) })),
          ]}
          required
        />
        <AgencyPicker label={t('agencies.fields.parent')} value={parentId} onChange={setParentId} />
        <AgencyAdminUnitPicker
          label={t('agencies.fields.adminUnit')}
          value={adminUnitCode}
          onChange={setAdminUnitCode}
        />
        <TextInput
          type="date"
          label={t('agencies.fields.validFrom')}
          description={t('agencies.create.validFromHint')}
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          max={todayInVietnam()}
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
        <AgencyFormError error={create.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('agencies.form.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('agencies.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
