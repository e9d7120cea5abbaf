import { Checkbox, Fieldset, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/index.js';
import type { PermissionInfo } from './roles.api.js';

const KNOWN_AREAS = ['platform', 'identity'] as const;

/** Permissions as checkboxes, one fieldset per area of the platform; the code name shown under each. */
export function RolePermissionGroups({
  catalogue,
  value,
  onChange,
}: {
  catalogue: PermissionInfo[];
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const areas = [...new Set(catalogue.map((p) => p.area))];
  const areaName = (area: string) => {
    const known = KNOWN_AREAS.find((a) => a === area);
    return known ? t(`people.rolesPage.areas.${known}`) : area;
  };
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...new Set([...value, name])] : value.filter((p) => p !== name));
  return (
    <Stack gap="sm">
      {areas.map((area) => (
        <Fieldset key={area} legend={areaName(area)} variant="filled" p="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {catalogue
              .filter((p) => p.area === area)
              .map((p) => (
                <Checkbox
                  key={p.name}
                  checked={value.includes(p.name)}
                  onChange={(e) => toggle(p.name, e.currentTarget.checked)}
                  label={language === 'vi' ? p.vi : p.en}
                  description={
                    <Text span size="xs" ff="monospace">
                      {p.name}
                    </Text>
                  }
                />
              ))}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}
