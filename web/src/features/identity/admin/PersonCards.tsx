import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CardList, ListCard } from '../../../app/CardList.js';
import { PersonStateCell } from './PersonLockState.js';
import type { PersonListProps } from './PersonTable.js';

/** Phones: one card per person; the name opens their page, the unlock button stays reachable on the card. */
export function PersonCards({ people, roleName, onUnlocked }: PersonListProps) {
  const { t } = useTranslation();
  return (
    <CardList label={t('people.listLabel')}>
      {people.map((p) => (
        <ListCard key={p.id}>
          <Anchor component={Link} to={`/admin/people/${p.id}`} fw={600} className="cpdt-wrap">
            {p.displayName}
          </Anchor>
          <Text size="sm" className="cpdt-wrap">
            <Text span ff="monospace" size="sm">
              {p.username}
            </Text>{' '}
            · {t(`people.kinds.${p.kind}`)}
          </Text>
          <Text size="sm" c="dimmed" className="cpdt-wrap">
            {p.agency?.nameVi ?? t('people.noAgency')}
            {p.roles.length > 0 ? ` · ${p.roles.map(roleName).join(', ')}` : ''}
          </Text>
          <PersonStateCell person={p} onUnlocked={onUnlocked} />
        </ListCard>
      ))}
    </CardList>
  );
}
