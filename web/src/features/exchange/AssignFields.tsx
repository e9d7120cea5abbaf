import { SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignees, type Assignee } from './exchange.api.js';

export type AssignTarget = 'department' | 'person';

export interface AssignValue {
  target: AssignTarget;
  department: string;
  person: Assignee | null;
}

/** "Name — post", or the name alone when no post is recorded. */
const personLabel = (p: Pick<Assignee, 'displayName' | 'position'>) =>
  p.position ? `${p.displayName} — ${p.position}` : p.displayName;

/**
 * Picks one of the office's people by typing part of their name or post (the server ignores diacritics and
 * offers only the people of the document's office).
 */
function AssigneePicker({
  agency,
  value,
  onChange,
}: {
  agency: string;
  value: Assignee | null;
  onChange: (person: Assignee | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const typed = value && search === personLabel(value) ? '' : search;
  const [debounced] = useDebouncedValue(typed, 250);
  const found = useAssignees(agency, debounced);
  const options = [...(value ? [value] : []), ...(found.data?.items ?? []).filter((p) => p.id !== value?.id)];
  return (
    <Select
      label={t('exchange.steps.assign.person')}
      description={t('exchange.steps.assign.personHint')}
      placeholder={t('exchange.steps.assign.personPlaceholder')}
      required
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the text (without diacritics): show its answers as they are.
      filter={({ options: all }) => all}
      nothingFoundMessage={
        found.isFetching ? t('app.loading') : t('exchange.steps.assign.personNothingFound')
      }
      data={options.map((p) => ({ value: p.id, label: personLabel(p) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((p) => p.id === id) ?? null)}
      comboboxProps={{ withinPortal: true }}
      data-autofocus
    />
  );
}

/** A document goes to a unit (by name) or to one person of the document's office. */
export function AssignFields({
  agency,
  value,
  onChange,
}: {
  /** The document's office (node agency code): its people are the ones offered. */
  agency: string;
  value: AssignValue;
  onChange: (next: AssignValue) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} id="exchange-assign-to" mb={4}>
          {t('exchange.steps.assign.to')}
        </Text>
        <SegmentedControl
          aria-labelledby="exchange-assign-to"
          value={value.target}
          onChange={(v) => onChange({ ...value, target: v === 'person' ? 'person' : 'department' })}
          data={[
            { value: 'department', label: t('exchange.steps.assign.toDepartment') },
            { value: 'person', label: t('exchange.steps.assign.toPerson') },
          ]}
          fullWidth
        />
      </div>
      {value.target === 'department' ? (
        <TextInput
          label={t('exchange.steps.assign.department')}
          description={t('exchange.steps.assign.departmentHint')}
          value={value.department}
          onChange={(e) => onChange({ ...value, department: e.currentTarget.value })}
          maxLength={200}
          required
          data-autofocus
        />
      ) : (
        <AssigneePicker
          agency={agency}
          value={value.person}
          onChange={(person) => onChange({ ...value, person })}
        />
      )}
    </Stack>
  );
}
