import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import {
  useCreateDelegation,
  useRevokeDelegation,
  type Delegation,
  type PersonDetail,
  type PersonSummary,
} from './people.api.js';
import { PersonConfirmButton } from './PersonConfirmButton.js';
import { usePeriod } from './PersonFormat.js';
import { PersonPicker } from './PersonPicker.js';
import { PersonSection, type Notify } from './PersonSection.js';

type Side = 'actsFor' | 'delegates';

/** Both directions: whom this person acts for, and who acts for them. */
export function PersonDelegationsSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<Side | null>(null);
  return (
    <PersonSection
      title={t('people.delegations.title')}
      intro={t('people.delegations.intro')}
      actions={
        <Group gap="xs">
          <Button size="xs" variant="outline" onClick={() => setAdding('delegates')}>
            {t('people.delegations.addDelegate')}
          </Button>
          <Button size="xs" variant="outline" onClick={() => setAdding('actsFor')}>
            {t('people.delegations.addPrincipal')}
          </Button>
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
        <AddDelegationModal person={person} side={adding} onClose={() => setAdding(null)} notify={notify} />
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
  side: Side;
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
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people.delegations.none')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((d) => {
            const other = side === 'actsFor' ? d.principal : d.delegate;
            const names = { principal: d.principal.displayName, delegate: d.delegate.displayName };
            return (
              <li key={d.id}>
                <Paper withBorder p="sm" radius="sm">
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
                          onConfirm={(done) =>
                            revoke.mutate(d.id, {
                              onSuccess: () => {
                                done();
                                notify(t('people.saved'));
                              },
                            })
                          }
                        />
                      )}
                    </Group>
                  </Group>
                </Paper>
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

function AddDelegationModal({
  person,
  side,
  onClose,
  notify,
}: {
  person: PersonDetail;
  side: Side;
  onClose: () => void;
  notify: Notify;
}) {
  const { t } = useTranslation();
  const create = useCreateDelegation();
  const [other, setOther] = useState<PersonSummary | null>(null);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!other) return;
    const pair =
      side === 'delegates'
        ? { principalId: person.id, delegateId: other.id }
        : { principalId: other.id, delegateId: person.id };
    create.mutate(
      { ...pair, validFrom: validFrom || null, validTo: validTo || null },
      {
        onSuccess: () => {
          onClose();
          notify(t('people.delegations.created'));
        },
      },
    );
  };
  const title =
    side === 'delegates'
      ? t('people.delegations.addDelegateTitle', { name: person.displayName })
      : t('people.delegations.addPrincipalTitle', { name: person.displayName });
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <form onSubmit={submit}>
        <Stack gap="md">
          <PersonPicker
            label={
              side === 'delegates' ? t('people.delegations.delegate') : t('people.delegations.principal')
            }
            value={other}
            onChange={setOther}
            kind="official"
            exclude={person.id}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="date"
              label={t('people.validFrom')}
              value={validFrom}
              onChange={(e) => setValidFrom(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('people.validTo')}
              description={t('people.validToHint')}
              value={validTo}
              onChange={(e) => setValidTo(e.currentTarget.value)}
            />
          </SimpleGrid>
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('people.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!other}>
              {t('people.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
