import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminUnitSearch, type AdminUnit } from './agencies.api.js';

const SEARCH_DELAY_MS = 250;

const unitLabel = (u: AdminUnit) => `${u.fullName} (${u.code})`;

/**
 * Search-and-pick one administrative unit in force (province, commune or ward) for an agency. The server
 * searches names without diacritics ("ba dinh" finds "Ba Đình") or the beginning of a code.
 */
export function AgencyAdminUnitPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  // The picked unit, kept so its label stays when the next search no longer lists it.
  const [picked, setPicked] = useState<AdminUnit | null>(null);
  const pickedLabel = picked && picked.code === value ? unitLabel(picked) : null;
  const typed = search === pickedLabel ? '' : search;
  const [query] = useDebouncedValue(typed, SEARCH_DELAY_MS);
  const results = useAdminUnitSearch(query, opened || typed !== '');

  const units = useMemo(() => {
    const items = results.data?.items ?? [];
    return picked && picked.code === value && !items.some((u) => u.code === picked.code)
      ? [picked, ...items]
      : items;
  }, [results.data, picked, value]);

  return (
    <Select
      label={label}
      description={t('agencies.adminUnit.hint')}
      placeholder={t('agencies.adminUnit.placeholder')}
      searchable
      clearable
      data={units.map((u) => ({ value: u.code, label: unitLabel(u) }))}
      value={value}
      onChange={(code) => {
        setPicked(units.find((u) => u.code === code) ?? null);
        onChange(code);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      nothingFoundMessage={results.isFetching ? t('agencies.picker.searching') : t('agencies.adminUnit.none')}
      clearButtonProps={{ 'aria-label': t('agencies.adminUnit.clear') }}
      maxDropdownHeight={280}
    />
  );
}
