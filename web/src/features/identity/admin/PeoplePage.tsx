import { Alert, Button, Group, Pagination, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Icon } from '../../../app/icons.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import { PAGE_SIZE, useLockouts, usePeople, usePeopleFilter } from './people.api.js';
import { PersonCards } from './PersonCards.js';
import { PersonCreateModal } from './PersonCreateModal.js';
import { PersonFilters } from './PersonFilters.js';
import { useRoleName } from './PersonFormat.js';
import { PersonTable } from './PersonTable.js';
import { useRoles } from './roles.api.js';

/** The people register for administrators: search, filters, locked accounts, and "Thêm người dùng". */
export function PeoplePage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const [filter, setFilter] = usePeopleFilter();
  const people = usePeople(filter);
  const lockouts = useLockouts();
  const roles = useRoles();
  const roleName = useRoleName();
  const [creating, createModal] = useDisclosure(false);
  const [notice, setNotice] = useState<string | null>(null);
  const nameOf = (code: string) => {
    const role = roles.data?.items.find((r) => r.code === code);
    return role ? roleName(role) : code;
  };
  const List = phone ? PersonCards : PersonTable;
  const locked = lockouts.data?.items.length ?? 0;
  return (
    <>
      <PageHeader
        title={t('people.title')}
        intro={t('people.intro')}
        actions={
          <Button leftSection={<Icon name="people" size={18} />} onClick={createModal.open}>
            {t('people.add')}
          </Button>
        }
      />
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      {locked > 0 && !filter.locked ? (
        <Alert color="red" variant="light" mb="md" icon={<Icon name="alert" />}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('people.lockouts', { count: locked })}</Text>
            <Button
              size="xs"
              variant="outline"
              onClick={() => setFilter({ ...filter, locked: true, page: 1 })}
            >
              {t('people.showLockouts')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <PersonFilters value={filter} onChange={setFilter} />
      <QueryView query={people}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('people.empty')}</Text>
          ) : (
            <Stack gap="md">
              <Text size="sm" c="dimmed" aria-live="polite">
                {t('people.total', { count: data.total })}
              </Text>
              <List
                people={data.items}
                roleName={nameOf}
                onUnlocked={(name) => setNotice(t('people.unlocked', { name }))}
              />
              {data.total > PAGE_SIZE ? (
                <nav aria-label={t('people.pagination')}>
                  <Pagination
                    total={Math.ceil(data.total / PAGE_SIZE)}
                    value={filter.page}
                    onChange={(page) => setFilter({ ...filter, page })}
                    withEdges
                    getControlProps={(control) => ({ 'aria-label': t(`people.pages.${control}`) })}
                    getItemProps={(page) => ({ 'aria-label': t('people.pages.page', { page }) })}
                  />
                </nav>
              ) : null}
            </Stack>
          )
        }
      </QueryView>
      <PersonCreateModal
        opened={creating}
        onClose={createModal.close}
        onCreated={(person) => void navigate(`/admin/people/${person.id}`)}
      />
    </>
  );
}
