import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencySearch, type AgencyOption } from './people.api.js';

const label = (a: AgencyOption) => `${a.nameVi} (${a.code})`;

interface PersonAgencySelectProps {
  label: string;
  value: AgencyOption | null;
  onChange: (agency: AgencyOption | null) => void;
  required?: boolean;
  description?: string;
  w?: string | Record<string, string | number>;
}

/** Picks a current agency by typing part of its name (diacritics optional) or the start of its code. */
export function PersonAgencySelect({
  label: inputLabel,
  value,
  onChange,
  required,
  description,
  w,
}: PersonAgencySelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const typed = value && search === label(value) ? '' : search;
  const [debounced] = useDebouncedValue(typed, 250);
  const found = useAgencySearch(debounced);
  const options = [...(value ? [value] : []), ...(found.data?.items ?? []).filter((a) => a.id !== value?.id)];
  return (
    <Select
      label={inputLabel}
      description={description}
      placeholder={t('people.agencyPlaceholder')}
      required={required}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? t('app.loading') : t('people.agencyNothingFound')}
      data={options.map((a) => ({ value: a.id, label: label(a) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((a) => a.id === id) ?? null)}
      w={w}
    />
  );
}
