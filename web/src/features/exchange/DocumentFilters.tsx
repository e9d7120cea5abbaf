import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATES_BY_DIRECTION, type DocumentFilter, type NodeAgency } from './exchange.api.js';

const SEARCH_DELAY_MS = 300;

/**
 * Search text (diacritics ignored by the server), state and, for a clerk of several agencies, the agency;
 * any change goes back to page 1. Native selects, so tablets and phones show their own pickers.
 */
export function DocumentFilters({
  value,
  agencies,
  onChange,
}: {
  value: DocumentFilter;
  agencies: NodeAgency[];
  onChange: (next: DocumentFilter) => void;
}) {
  const { t } = useTranslation();
  // The box answers every key at once; the list (and the address) follows a moment later.
  const [q, setQ] = useState(value.q);
  const search = useDebouncedCallback(
    (text: string) => onChange({ ...value, q: text, page: 1 }),
    SEARCH_DELAY_MS,
  );
  const states = STATES_BY_DIRECTION[value.direction];
  return (
    <Group role="search" aria-label={t('exchange.filters.label')} gap="md" mb="md" align="flex-end">
      <TextInput
        type="search"
        label={t('exchange.filters.q')}
        description={t('exchange.filters.qHint')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          search(e.currentTarget.value);
        }}
        w={{ base: '100%', sm: 360 }}
      />
      <NativeSelect
        label={t('exchange.filters.state')}
        value={value.state ?? ''}
        onChange={(e) =>
          onChange({ ...value, state: states.find((s) => s === e.currentTarget.value) ?? null, page: 1 })
        }
        data={[
          { value: '', label: t('app.all') },
          ...states.map((s) => ({ value: s, label: t(`exchange.states.${s}`) })),
        ]}
        w={{ base: '100%', xs: 200 }}
      />
      {agencies.length > 1 ? (
        <NativeSelect
          label={t('exchange.filters.agency')}
          value={value.agency ?? ''}
          onChange={(e) => onChange({ ...value, agency: e.currentTarget.value || null, page: 1 })}
          data={[
            { value: '', label: t('app.all') },
            ...agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })),
          ]}
          w={{ base: '100%', xs: 280 }}
        />
      ) : null}
    </Group>
  );
}
