import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHANNELS, OUTBOX_STATES } from '../../api/types.js';
import type { OutboxFilter } from './outbox.api.js';

/** Channel and state pickers; native selects, so phones show their own picker. */
export function OutboxFilters({
  value,
  onChange,
}: {
  value: OutboxFilter;
  onChange: (next: OutboxFilter) => void;
}) {
  const { t } = useTranslation();
  const all = { value: '', label: t('app.all') };
  return (
    <Group role="group" aria-label={t('outbox.filters')} gap="md" mb="md" align="flex-end">
      <NativeSelect
        label={t('channel.label')}
        value={value.channel ?? ''}
        onChange={(e) =>
          onChange({ ...value, channel: CHANNELS.find((c) => c === e.currentTarget.value) ?? null })
        }
        data={[all, ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))]}
        w={{ base: '100%', xs: 200 }}
      />
      <NativeSelect
        label={t('outbox.state')}
        value={value.state ?? ''}
        onChange={(e) =>
          onChange({ ...value, state: OUTBOX_STATES.find((s) => s === e.currentTarget.value) ?? null })
        }
        data={[all, ...OUTBOX_STATES.map((s) => ({ value: s, label: t(`outbox.states.${s}`) }))]}
        w={{ base: '100%', xs: 220 }}
      />
    </Group>
  );
}
