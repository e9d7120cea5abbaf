import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgency, useAgencySearch, type Agency, type AgencyRef } from './agencies.api.js';

export interface AgencyPickerProps {
  label: string;
  value: string | null;
  onChange: (agencyId: string | null) => void;
  required?: boolean;
  error?: string;
  /** Agencies that may not be picked here (e.g. the receiving agency among those merged into it). */
  excludeIds?: readonly string[];
}

const SEARCH_DELAY_MS = 250;

const optionLabel = (agency: Pick<AgencyRef, 'nameVi' | 'code'>) => `${agency.nameVi} (${agency.code})`;

/**
 * Search-and-pick one current agency. The server searches (diacritics ignored: "bo tu phap" finds
 * "Bộ Tư pháp", or the beginning of a code), so the list is not filtered again here.
 */
export function AgencyPicker({ label, value, onChange, required, error, excludeIds }: AgencyPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  // The picked agency's name and code, also when the value came from outside (an edited record).
  const picked = useAgency(value);
  const pickedLabel = picked.data ? optionLabel(picked.data) : null;
  // The box shows the picked agency's label: that is not a search, so list the first agencies instead.
  const typed = search === pickedLabel ? '' : search;
  const [query] = useDebouncedValue(typed, SEARCH_DELAY_MS);
  const results = useAgencySearch(query, opened || typed !== '');

  const data = useMemo(() => {
    const excluded = new Set(excludeIds ?? []);
    const items: Pick<Agency, 'id' | 'nameVi' | 'code'>[] = (results.data?.items ?? []).filter(
      (a) => !excluded.has(a.id),
    );
    if (picked.data && !items.some((a) => a.id === picked.data.id)) items.unshift(picked.data);
    return items.map((a) => ({ value: a.id, label: optionLabel(a) }));
  }, [results.data, picked.data, excludeIds]);

  return (
    <Select
      label={label}
      description={t('agencies.picker.hint')}
      placeholder={t('agencies.picker.placeholder')}
      searchable
      clearable
      required={required}
      error={error}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      nothingFoundMessage={results.isFetching ? t('agencies.picker.searching') : t('agencies.picker.none')}
      clearButtonProps={{ 'aria-label': t('agencies.picker.clear') }}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
