import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AgencyCode, AgencyStatusBadge } from './AgencyBadges.js';
import type { AgencyListProps } from './AgencyTable.js';

/** Phones: one card per agency, the whole card a button that opens its details. */
export function AgencyCards({ agencies, onOpen }: AgencyListProps) {
  const { t } = useTranslation();
  return (
    <Stack
      component="ul"
      gap="sm"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('agencies.list.label')}
    >
      {agencies.map((a) => (
        <li key={a.id}>
          <Paper withBorder radius="md" p={0}>
            <UnstyledButton onClick={() => onOpen(a.id)} p="sm" w="100%">
              <Stack gap={6}>
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
              </Stack>
            </UnstyledButton>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
