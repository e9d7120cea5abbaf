import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { useRoleName } from './PersonFormat.js';
import { closeAndNotify } from './PersonSection.js';
import { RoleFields } from './RoleFields.js';
import { useDeleteRole, useUpdateRole, type PermissionInfo, type Role, type RoleInput } from './roles.api.js';

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
  const [draft, setDraft] = useState<RoleInput>(() => {
    const { nameVi, nameEn, requiresMfa, permissions } = role;
    return { nameVi, nameEn, requiresMfa, permissions };
  });
  const dirty =
    draft.nameVi !== role.nameVi ||
    draft.nameEn !== role.nameEn ||
    draft.requiresMfa !== role.requiresMfa ||
    !sameSet(draft.permissions, role.permissions);
  const save = () =>
    update.mutate(draft, {
      onSuccess: (saved) => notify(t('people.rolesPage.saved', { name: roleName(saved) })),
    });
  const blocked = role.builtin
    ? t('people.rolesPage.cannotDeleteBuiltin')
    : role.holders > 0
      ? t('people.rolesPage.cannotDeleteHeld')
      : null;
  return (
    <Stack gap="md">
      <RoleFields value={draft} onChange={setDraft} catalogue={catalogue} />
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
              remove.mutate(
                role.code,
                closeAndNotify(done, notify, t('people.rolesPage.deleted', { name: roleName(role) })),
              )
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
