import { Badge, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../../i18n/format.js';
import { usePersonAction, type PersonSummary } from './people.api.js';

/** "Đang bị khoá đến 10:15" with the time sign-in opens again, or nothing. */
export function PersonLockBadge({ person }: { person: Pick<PersonSummary, 'lock'> }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  if (!person.lock.locked) return null;
  return (
    <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
      {t('people.lockedUntil', { time: dateTime(person.lock.lockedUntil) })}
    </Badge>
  );
}

export function PersonStatusBadge({ person }: { person: Pick<PersonSummary, 'active'> }) {
  const { t } = useTranslation();
  return person.active ? (
    <Badge color="green" variant="light" style={{ textTransform: 'none' }}>
      {t('people.active')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>
      {t('people.inactive')}
    </Badge>
  );
}

/** Lifts the lock at once (audited on the server); harmless, so it does not ask first. */
export function PersonUnlockButton({
  person,
  onUnlocked,
}: {
  person: Pick<PersonSummary, 'id' | 'displayName' | 'lock'>;
  onUnlocked?: (name: string) => void;
}) {
  const { t } = useTranslation();
  const action = usePersonAction();
  if (!person.lock.locked) return null;
  return (
    <Button
      size="xs"
      variant="outline"
      loading={action.isPending}
      aria-label={t('people.unlockPerson', { name: person.displayName })}
      onClick={() =>
        action.mutate(
          { id: person.id, action: 'unlock' },
          { onSuccess: () => onUnlocked?.(person.displayName) },
        )
      }
    >
      {t('people.unlock')}
    </Button>
  );
}

/** Status, lock and the unlock button together, as lists show them. */
export function PersonStateCell({
  person,
  onUnlocked,
}: {
  person: PersonSummary;
  onUnlocked?: (name: string) => void;
}) {
  return (
    <Group gap={6} wrap="wrap">
      <PersonStatusBadge person={person} />
      <PersonLockBadge person={person} />
      <PersonUnlockButton person={person} onUnlocked={onUnlocked} />
    </Group>
  );
}
