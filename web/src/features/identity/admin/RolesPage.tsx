import { Accordion, Badge, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../app/icons.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useRoleName } from './PersonFormat.js';
import { RoleCreateModal } from './RoleCreateModal.js';
import { RoleEditor } from './RoleEditor.js';
import { usePermissionCatalogue, useRoles } from './roles.api.js';

/** Roles and the permissions they grant; each role opens to edit it. */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  const roleName = useRoleName();
  const [creating, createModal] = useDisclosure(false);
  const [notice, setNotice] = useState<string | null>(null);
  const permissions = catalogue.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('people.rolesPage.title')}
        intro={t('people.rolesPage.intro')}
        actions={
          <Button
            leftSection={<Icon name="role" size={18} />}
            onClick={createModal.open}
            disabled={!catalogue.data}
          >
            {t('people.rolesPage.add')}
          </Button>
        }
      />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      <QueryView query={roles}>
        {(data) => (
          <Accordion variant="separated" multiple aria-label={t('people.rolesPage.listLabel')}>
            {data.items.map((role) => (
              <Accordion.Item key={role.code} value={role.code}>
                <Accordion.Control>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600}>{roleName(role)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {role.code}
                    </Text>
                    {role.builtin ? (
                      <Badge size="sm" variant="outline" style={{ textTransform: 'none' }}>
                        {t('people.rolesPage.builtin')}
                      </Badge>
                    ) : null}
                    {role.requiresMfa ? (
                      <Badge size="sm" color="orange" variant="light" style={{ textTransform: 'none' }}>
                        {t('people.rolesPage.requiresMfa')}
                      </Badge>
                    ) : null}
                    <Badge size="sm" color="gray" variant="light" style={{ textTransform: 'none' }}>
                      {t('people.rolesPage.holders', { count: role.holders })}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <QueryView query={catalogue}>
                    {(c) => (
                      <RoleEditor
                        key={`${role.code}:${role.permissions.join()}:${role.nameVi}:${role.nameEn}:${String(role.requiresMfa)}`}
                        role={role}
                        catalogue={c.items}
                        notify={setNotice}
                      />
                    )}
                  </QueryView>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </QueryView>
      <RoleCreateModal
        opened={creating}
        onClose={createModal.close}
        catalogue={permissions}
        onCreated={(role) => setNotice(t('people.rolesPage.created', { name: roleName(role) }))}
      />
    </>
  );
}
