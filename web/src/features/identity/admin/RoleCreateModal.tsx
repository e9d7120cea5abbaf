import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/FormModal.js';
import { EMPTY_ROLE, RoleFields } from './RoleFields.js';
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
  const create = useCreateRole();
  const [code, setCode] = useState('');
  const [draft, setDraft] = useState(EMPTY_ROLE);
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = () =>
    create.mutate(
      { code: code.trim(), ...draft },
      {
        onSuccess: (role) => {
          setCode('');
          setDraft(EMPTY_ROLE);
          close();
          onCreated(role);
        },
      },
    );
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('people.rolesPage.addTitle')}
      size="xl"
      fullScreenOnPhone
      onSubmit={submit}
      error={create.error}
      cancelLabel={t('people.cancel')}
      actionLabel={t('people.rolesPage.add')}
      pending={create.isPending}
    >
      <TextInput
        label={t('people.rolesPage.code')}
        description={t('people.rolesPage.codeHint')}
        required
        autoCapitalize="none"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
      />
      <RoleFields value={draft} onChange={setDraft} catalogue={catalogue} />
    </FormModal>
  );
}
