import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ButtonCard, CardList } from '../../../app/CardList.js';
import { AgencyCode, AgencyStatusBadge } from './AgencyBadges.js';
import type { AgencyListProps } from './AgencyTable.js';

/** Phones: one card per agency, the whole card a button that opens its details. */
export function AgencyCards({ agencies, onOpen }: AgencyListProps) {
  const { t } = useTranslation();
  return (
    <CardList label={t('agencies.list.label')}>
      {agencies.map((a) => (
        <ButtonCard key={a.id} onClick={() => onOpen(a.id)}>
          <Text fw={600} className="cpdt-wrap">
            {a.nameVi}
          </Text>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <AgencyCode agency={a} />
            <AgencyStatusBadge agency={a} />
          </Group>
          <Text size="xs" c="dimmed" className="cpdt-wrap">
            {[t(`agencies.level.${a.level}`), a.shortName, a.adminUnitCode].filter(Boolean).join(' · ')}
          </Text>
        </ButtonCard>
      ))}
    </CardList>
  );
}
