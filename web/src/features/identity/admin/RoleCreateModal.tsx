import { Button, Group, Modal, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import { RolePermissionGroups } from './RolePermissionGroups.js';
import { useCreateRole, type PermissionInfo, type Role } from './roles.api.js';

export function RoleCreateModal({
  opened,
  onClose,
  catalogue,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  catalogue: PermissionInfo[];
  onCreated: (role: Role) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const create = useCreateRole();
  const [code, setCode] = useState('');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [requiresMfa, setRequiresMfa] = useState(false);
  const [permissions, setPermissions] = useState<string[]>([]);
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { code: code.trim(), nameVi, nameEn, requiresMfa, permissions },
      {
        onSuccess: (role) => {
          setCode('');
          setNameVi('');
          setNameEn('');
          setRequiresMfa(false);
          setPermissions([]);
          close();
          onCreated(role);
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('people.rolesPage.addTitle')}
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <TextInput
            label={t('people.rolesPage.code')}
            description={t('people.rolesPage.codeHint')}
            required
            autoCapitalize="none"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
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
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('people.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('people.rolesPage.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
