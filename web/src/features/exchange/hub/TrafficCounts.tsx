import { Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATES, type DeliveryState } from '../exchange.api.js';
import { DELIVERY_COLOURS } from '../ExchangeBadges.js';

/**
 * Deliveries waiting, delivered, failed and without a route: four figures, two per row on a phone; each is
 * also a filter (pressed again, it shows everything).
 */
export function TrafficCounts({
  counts,
  selected,
  onSelect,
}: {
  counts: Record<DeliveryState, number>;
  selected: DeliveryState | null;
  onSelect: (state: DeliveryState | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="exchange-traffic-counts">
      <Text component="h2" id="exchange-traffic-counts" size="sm" fw={700} mb="xs">
        {t('exchange.hub.traffic.counts')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {DELIVERY_STATES.map((state) => (
          <UnstyledButton
            key={state}
            onClick={() => onSelect(selected === state ? null : state)}
            aria-pressed={selected === state}
          >
            <Paper
              withBorder
              p="sm"
              radius="md"
              bg={selected === state ? `${DELIVERY_COLOURS[state]}.0` : undefined}
              style={{ borderInlineStart: `4px solid var(--mantine-color-${DELIVERY_COLOURS[state]}-6)` }}
            >
              <Text size="sm" c="dimmed">
                {t(`exchange.hub.deliveryStates.${state}`)}
              </Text>
              <Text fz={28} fw={700}>
                {counts[state] ?? 0}
              </Text>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </section>
  );
}
