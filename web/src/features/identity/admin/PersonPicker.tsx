import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeopleSearch, type PersonKind, type PersonSummary } from './people.api.js';

const label = (p: Pick<PersonSummary, 'displayName' | 'username'>) => `${p.displayName} (${p.username})`;

/** Picks someone from the register (within the administrator's scope) by typing part of their name. */
export function PersonPicker({
  label: inputLabel,
  value,
  onChange,
  kind,
  exclude,
}: {
  label: string;
  value: PersonSummary | null;
  onChange: (person: PersonSummary | null) => void;
  kind?: PersonKind;
  exclude?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const typed = value && search === label(value) ? '' : search;
  const [debounced] = useDebouncedValue(typed, 250);
  const found = usePeopleSearch(debounced, kind);
  const options = [
    ...(value ? [value] : []),
    ...(found.data?.items ?? []).filter((p) => p.id !== value?.id && p.id !== exclude),
  ];
  return (
    <Select
      label={inputLabel}
      placeholder={t('people.personPlaceholder')}
      required
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? t('app.loading') : t('people.personNothingFound')}
      data={options.map((p) => ({ value: p.id, label: label(p) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((p) => p.id === id) ?? null)}
    />
  );
}
