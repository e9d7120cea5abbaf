import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRevokeDelegation, type Delegation, type PersonDetail } from './people.api.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { PersonDelegationModal, type DelegationSide } from './PersonDelegationModal.js';
import { usePeriod } from './PersonFormat.js';
import { PersonItemList } from './PersonItemList.js';
import { closeAndNotify, PersonSection, PersonSectionButton, type Notify } from './PersonSection.js';

/** Both directions: whom this person acts for, and who acts for them. */
export function PersonDelegationsSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<DelegationSide | null>(null);
  return (
    <PersonSection
      title={t('people.delegations.title')}
      intro={t('people.delegations.intro')}
      actions={
        <Group gap="xs">
          <PersonSectionButton onClick={() => setAdding('delegates')}>
            {t('people.delegations.addDelegate')}
          </PersonSectionButton>
          <PersonSectionButton onClick={() => setAdding('actsFor')}>
            {t('people.delegations.addPrincipal')}
          </PersonSectionButton>
        </Group>
      }
    >
      <DelegationList
        title={t('people.delegations.delegates')}
        side="delegates"
        items={person.delegates}
        notify={notify}
      />
      <DelegationList
        title={t('people.delegations.actsFor')}
        side="actsFor"
        items={person.actsFor}
        notify={notify}
      />
      {adding ? (
        <PersonDelegationModal
          person={person}
          side={adding}
          onClose={() => setAdding(null)}
          notify={notify}
        />
      ) : null}
    </PersonSection>
  );
}

function DelegationList({
  title,
  side,
  items,
  notify,
}: {
  title: string;
  side: DelegationSide;
  items: Delegation[];
  notify: Notify;
}) {
  const { t } = useTranslation();
  const period = usePeriod();
  const revoke = useRevokeDelegation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {title}
      </Title>
      <PersonItemList items={items} empty={t('people.delegations.none')} keyOf={(d) => d.id}>
        {(d) => {
          const other = side === 'actsFor' ? d.principal : d.delegate;
          const names = { principal: d.principal.displayName, delegate: d.delegate.displayName };
          return (
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Stack gap={2}>
                <Anchor
                  component={Link}
                  to={`/admin/people/${other.id}`}
                  size="sm"
                  fw={600}
                  className="cpdt-wrap"
                >
                  {other.displayName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {period(d.validFrom, d.validTo)}
                </Text>
              </Stack>
              <Group gap="xs">
                <Badge
                  size="sm"
                  variant="light"
                  color={d.revokedAt ? 'gray' : d.current ? 'green' : 'yellow'}
                  style={{ textTransform: 'none' }}
                >
                  {d.revokedAt
                    ? t('people.delegations.revoked')
                    : d.current
                      ? t('people.delegations.current')
                      : t('people.delegations.notCurrent')}
                </Badge>
                {d.revokedAt ? null : (
                  <PersonConfirmButton
                    label={t('people.delegations.revoke')}
                    ariaLabel={t('people.delegations.revokeFor', names)}
                    question={t('people.delegations.revokeConfirm', names)}
                    variant="subtle"
                    color="red"
                    loading={revoke.isPending}
                    error={revoke.error}
                    onConfirm={(done) => revoke.mutate(d.id, closeAndNotify(done, notify, t('people.saved')))}
                  />
                )}
              </Group>
            </Group>
          );
        }}
      </PersonItemList>
    </Stack>
  );
}
