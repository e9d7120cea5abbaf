import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListTable } from '../../../app/ListTable.js';
import type { PersonSummary } from './people.api.js';
import { PersonStateCell } from './PersonLockState.js';

export interface PersonListProps {
  people: PersonSummary[];
  /** Role code → name in the language on screen. */
  roleName: (code: string) => string;
  onUnlocked: (name: string) => void;
}

/** Wide screens: one row per person; the name opens their page. */
export function PersonTable({ people, roleName, onUnlocked }: PersonListProps) {
  const { t } = useTranslation();
  return (
    <ListTable
      label={t('people.listLabel')}
      minWidth={880}
      columns={[
        t('people.name'),
        t('people.username'),
        t('people.kind'),
        t('people.agency'),
        t('people.role'),
        t('people.status'),
      ]}
    >
      {people.map((p) => (
        <Table.Tr key={p.id}>
          <Table.Td>
            <Anchor component={Link} to={`/admin/people/${p.id}`} className="cpdt-wrap" fw={600}>
              {p.displayName}
            </Anchor>
            {p.email ? (
              <Text size="xs" c="dimmed" className="cpdt-wrap">
                {p.email}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {p.username}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{t(`people.kinds.${p.kind}`)}</Text>
          </Table.Td>
          <Table.Td className="cpdt-wrap">
            <Text size="sm">{p.agency?.nameVi ?? t('people.noAgency')}</Text>
          </Table.Td>
          <Table.Td>
            <Group gap={4}>
              {p.roles.map((code) => (
                <Badge key={code} variant="outline" size="sm" style={{ textTransform: 'none' }}>
                  {roleName(code)}
                </Badge>
              ))}
            </Group>
          </Table.Td>
          <Table.Td>
            <PersonStateCell person={p} onUnlocked={onUnlocked} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
