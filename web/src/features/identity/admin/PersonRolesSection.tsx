import { Badge, Button, Checkbox, Group, SimpleGrid, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { QueryView } from '../../../app/QueryView.js';
import { useSession } from '../session.js';
import { useUpdatePerson, type PersonDetail } from './people.api.js';
import { useRoleName } from './PersonFormat.js';
import { PersonSection, type Notify } from './PersonSection.js';
import { useRoles } from './roles.api.js';

/** The person's roles as checkboxes; the server refuses what the administrator may not give or take. */
export function PersonRolesSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const roleName = useRoleName();
  const session = useSession();
  const update = useUpdatePerson(person.id);
  const held = person.roles.map((r) => r.code).sort();
  const [chosen, setChosen] = useState<string[]>(held);
  const self = session.data?.person.id === person.id;
  const changed = [...chosen].sort().join(',') !== held.join(',');
  return (
    <PersonSection
      title={t('people.roles.title')}
      intro={self ? t('people.roles.selfHint') : t('people.roles.hint')}
    >
      <QueryView query={roles}>
        {(data) => (
          <Checkbox.Group
            label={<VisuallyHidden>{t('people.roles.title')}</VisuallyHidden>}
            value={chosen}
            onChange={setChosen}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
              {data.items.map((r) => (
                <Checkbox
                  key={r.code}
                  value={r.code}
                  disabled={self}
                  label={
                    <Group gap={6} component="span">
                      <Text span size="sm">
                        {roleName(r)}
                      </Text>
                      {r.requiresMfa ? (
                        <Badge size="xs" variant="light" color="orange" style={{ textTransform: 'none' }}>
                          {t('people.roles.requiresMfa')}
                        </Badge>
                      ) : null}
                    </Group>
                  }
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
      </QueryView>
      {update.isError ? <ErrorAlert error={update.error} /> : null}
      {!self ? (
        <Group justify="flex-end">
          <Button
            size="xs"
            disabled={!changed}
            loading={update.isPending}
            onClick={() =>
              update.mutate({ roles: chosen }, { onSuccess: () => notify(t('people.roles.saved')) })
            }
          >
            {t('people.roles.save')}
          </Button>
        </Group>
      ) : null}
    </PersonSection>
  );
}
