import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_LEVELS, type AgencyFilter } from './agencies.api.js';

const SEARCH_DELAY_MS = 300;

/** Search text (diacritics ignored by the server), level and status; any change goes back to page 1. */
export function AgencyFilters({
  value,
  onChange,
}: {
  value: AgencyFilter;
  onChange: (next: AgencyFilter) => void;
}) {
  const { t } = useTranslation();
  // The box answers every key at once; the list (and the address) follows a moment later.
  const [q, setQ] = useState(value.q);
  const search = useDebouncedCallback(
    (text: string) => onChange({ ...value, q: text, page: 1 }),
    SEARCH_DELAY_MS,
  );
  return (
    <Group role="search" aria-label={t('agencies.filters.label')} gap="md" mb="md" align="flex-end">
      <TextInput
        type="search"
        label={t('agencies.filters.q')}
        description={t('agencies.filters.qHint')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          search(e.currentTarget.value);
        }}
        w={{ base: '100%', sm: 360 }}
      />
      <NativeSelect
        label={t('agencies.level.label')}
        value={value.level ?? ''}
        onChange={(e) =>
          onChange({
            ...value,
            level: AGENCY_LEVELS.find((l) => l === e.currentTarget.value) ?? null,
            page: 1,
          })
        }
        data={[
          { value: '', label: t('app.all') },
          ...AGENCY_LEVELS.map((l) => ({ value: l, label: t(`agencies.level.${l}`) })),
        ]}
        w={{ base: '100%', xs: 220 }}
      />
      <NativeSelect
        label={t('agencies.filters.status')}
        value={value.includeRetired ? 'all' : 'current'}
        onChange={(e) => onChange({ ...value, includeRetired: e.currentTarget.value === 'all', page: 1 })}
        data={[
          { value: 'current', label: t('agencies.filters.current') },
          { value: 'all', label: t('agencies.filters.withRetired') },
        ]}
        w={{ base: '100%', xs: 240 }}
      />
    </Group>
  );
}
