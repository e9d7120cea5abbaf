import { Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_KINDS, useAgency, type AgencyOption, type PeopleFilter } from './people.api.js';
import { PersonAgencySelect } from './PersonAgencySelect.js';
import { useRoleName } from './PersonFormat.js';
import { useRoles } from './roles.api.js';

/** Search box and filters; any change goes back to the first page. */
export function PersonFilters({
  value,
  onChange,
}: {
  value: PeopleFilter;
  onChange: (next: PeopleFilter) => void;
}) {
  const { t } = useTranslation();
  const roles = useRoles();
  const roleName = useRoleName();
  const [q, setQ] = useState(value.q);
  const [picked, setAgency] = useState<AgencyOption | null>(null);
  const fromAddress = useAgency(value.agency && picked?.id !== value.agency ? value.agency : null);
  const agency = picked?.id === value.agency ? picked : (fromAddress.data ?? null);
  // type freely; the list follows a moment after the last key
  useEffect(() => {
    if (q === value.q) return;
    const timer = setTimeout(() => onChange({ ...value, q, page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [q, value, onChange]);
  const all = { value: '', label: t('app.all') };
  return (
    <Group role="search" aria-label={t('people.filters')} gap="md" mb="md" align="flex-end">
      <TextInput
        type="search"
        label={t('people.search')}
        placeholder={t('people.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        w={{ base: '100%', sm: 280 }}
      />
      <NativeSelect
        label={t('people.kind')}
        value={value.kind ?? ''}
        onChange={(e) =>
          onChange({ ...value, kind: PERSON_KINDS.find((k) => k === e.currentTarget.value) ?? null, page: 1 })
        }
        data={[all, ...PERSON_KINDS.map((k) => ({ value: k, label: t(`people.kinds.${k}`) }))]}
        w={{ base: '100%', xs: 200 }}
      />
      <PersonAgencySelect
        label={t('people.agency')}
        value={value.agency ? agency : null}
        onChange={(a) => {
          setAgency(a);
          onChange({ ...value, agency: a?.id ?? null, page: 1 });
        }}
        w={{ base: '100%', sm: 300 }}
      />
      <NativeSelect
        label={t('people.role')}
        value={value.role ?? ''}
        onChange={(e) => onChange({ ...value, role: e.currentTarget.value || null, page: 1 })}
        data={[all, ...(roles.data?.items ?? []).map((r) => ({ value: r.code, label: roleName(r) }))]}
        w={{ base: '100%', xs: 200 }}
      />
      <Checkbox
        label={t('people.lockedOnly')}
        checked={value.locked}
        onChange={(e) => onChange({ ...value, locked: e.currentTarget.checked, page: 1 })}
        mb={8}
      />
    </Group>
  );
}
