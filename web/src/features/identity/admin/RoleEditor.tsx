import { Button, Group, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { useRoleName } from './PersonFormat.js';
import { RolePermissionGroups } from './RolePermissionGroups.js';
import { useDeleteRole, useUpdateRole, type PermissionInfo, type Role } from './roles.api.js';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** One role's names, MFA demand and permissions; save, or delete when nothing holds it. */
export function RoleEditor({
  role,
  catalogue,
  notify,
}: {
  role: Role;
  catalogue: PermissionInfo[];
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const update = useUpdateRole(role.code);
  const remove = useDeleteRole();
  const [nameVi, setNameVi] = useState(role.nameVi);
  const [nameEn, setNameEn] = useState(role.nameEn);
  const [requiresMfa, setRequiresMfa] = useState(role.requiresMfa);
  const [permissions, setPermissions] = useState(role.permissions);
  const dirty =
    nameVi !== role.nameVi ||
    nameEn !== role.nameEn ||
    requiresMfa !== role.requiresMfa ||
    !sameSet(permissions, role.permissions);
  const save = () =>
    update.mutate(
      { nameVi, nameEn, requiresMfa, permissions },
      { onSuccess: (saved) => notify(t('people.rolesPage.saved', { name: roleName(saved) })) },
    );
  const blocked = role.builtin
    ? t('people.rolesPage.cannotDeleteBuiltin')
    : role.holders > 0
      ? t('people.rolesPage.cannotDeleteHeld')
      : null;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('people.rolesPage.nameVi')}
          required
          value={nameVi}
          onChange={(e) => setNameVi(e.currentTarget.value)}
        />
        <TextInput
          label={t('people.rolesPage.nameEn')}
          required
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Switch
        label={t('people.rolesPage.requiresMfa')}
        checked={requiresMfa}
        onChange={(e) => setRequiresMfa(e.currentTarget.checked)}
      />
      <RolePermissionGroups catalogue={catalogue} value={permissions} onChange={setPermissions} />
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      <Group justify="space-between" gap="sm">
        {blocked ? (
          <Text size="xs" c="dimmed">
            {blocked}
          </Text>
        ) : (
          <PersonConfirmButton
            label={t('people.rolesPage.delete')}
            ariaLabel={t('people.rolesPage.deleteFor', { name: roleName(role) })}
            question={t('people.rolesPage.deleteConfirm', { name: roleName(role) })}
            color="red"
            loading={remove.isPending}
            error={remove.error}
            onConfirm={(done) =>
              remove.mutate(role.code, {
                onSuccess: () => {
                  done();
                  notify(t('people.rolesPage.deleted', { name: roleName(role) }));
                },
              })
            }
          />
        )}
        <Button size="sm" disabled={!dirty} loading={update.isPending} onClick={save}>
          {t('people.rolesPage.save')}
        </Button>
      </Group>
    </Stack>
  );
}
