import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFrame } from '../../../app/FormFrame.js';
import { AGENCY_LEVELS, useCreateAgency, type Agency, type AgencyLevel } from './agencies.api.js';
import { AgencyAdminUnitPicker } from './AgencyAdminUnitPicker.js';
import { AgencyCodeInput } from './AgencyCodeInput.js';
import { AgencyDateInput, AgencyLegalBasisInput, AgencyNameFields, blankToNull } from './AgencyFields.js';
import { AgencyPicker } from './AgencyPicker.js';

/** A new agency of the registry. The browser checks only what it must; the server checks everything. */
export function AgencyForm({ onDone, onCancel }: { onDone: (agency: Agency) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAgency();
  const [code, setCode] = useState('');
  const [names, setNames] = useState({ nameVi: '', nameEn: '', shortName: '' });
  const [level, setLevel] = useState<AgencyLevel | ''>('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [adminUnitCode, setAdminUnitCode] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState('');
  const [legalBasis, setLegalBasis] = useState('');

  const submit = () => {
    if (level === '') return; // the select is required: the browser has said so
    create.mutate(
      {
        code,
        nameVi: names.nameVi,
        nameEn: blankToNull(names.nameEn),
        shortName: blankToNull(names.shortName),
        level,
        parentId,
        adminUnitCode,
        validFrom: blankToNull(validFrom),
        legalBasis: blankToNull(legalBasis),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <FormFrame
      label={t('agencies.create.title')}
      onSubmit={submit}
      error={create.error}
      focusError
      cancelLabel={t('agencies.form.cancel')}
      onCancel={onCancel}
      actionLabel={t('agencies.create.submit')}
      pending={create.isPending}
    >
      <AgencyCodeInput label={t('agencies.fields.code')} value={code} onChange={setCode} required />
      <AgencyNameFields value={names} onChange={setNames} />
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
      <AgencyDateInput
        label={t('agencies.fields.validFrom')}
        description={t('agencies.create.validFromHint')}
        value={validFrom}
        onChange={setValidFrom}
      />
      <AgencyLegalBasisInput value={legalBasis} onChange={setLegalBasis} />
    </FormFrame>
  );
}
