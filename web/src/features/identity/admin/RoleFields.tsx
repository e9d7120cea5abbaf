import { SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RolePermissionGroups } from './RolePermissionGroups.js';
import type { PermissionInfo, RoleInput } from './roles.api.js';

export const EMPTY_ROLE: RoleInput = { nameVi: '', nameEn: '', requiresMfa: false, permissions: [] };

/** A role's names, MFA demand and permissions, for a new role and for editing one. */
export function RoleFields({
  value,
  onChange,
  catalogue,
}: {
  value: RoleInput;
  onChange: (next: RoleInput) => void;
  catalogue: PermissionInfo[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('people.rolesPage.nameVi')}
          required
          value={value.nameVi}
          onChange={(e) => onChange({ ...value, nameVi: e.currentTarget.value })}
        />
        <TextInput
          label={t('people.rolesPage.nameEn')}
          required
          value={value.nameEn}
          onChange={(e) => onChange({ ...value, nameEn: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Switch
        label={t('people.rolesPage.requiresMfa')}
        checked={value.requiresMfa}
        onChange={(e) => onChange({ ...value, requiresMfa: e.currentTarget.checked })}
      />
      <RolePermissionGroups
        catalogue={catalogue}
        value={value.permissions}
        onChange={(permissions) => onChange({ ...value, permissions })}
      />
    </>
  );
}
