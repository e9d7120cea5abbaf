import { Permissions } from '../../../api/permissions.js';
import {
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useLanguage } from '../../../i18n/index.js';
import { hasPermission, useSession } from '../session.js';
import {
  GOVERNMENT_OFFICES,
  OFFICES_WITH_AGENCY,
  useAddMemberTerm,
  useEndMemberTerm,
  type AgencyOption,
  type GovernmentOffice,
  type MemberTerm,
  type PersonDetail,
} from './people.api.js';
import { PersonAgencySelect } from './PersonAgencySelect.js';
import { usePeriod } from './PersonFormat.js';
import { PersonSection, type Notify } from './PersonSection.js';

/** Terms of office as a Government member: appoint, and end a term (it stays on record). */
export function PersonMemberTermsSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const period = usePeriod();
  const session = useSession();
  // Only holders of the all-agency scope appoint Government members (checked again by the server).
  const mayAppoint = hasPermission(session.data, Permissions.allAgencies);
  const [adding, add] = useDisclosure(false);
  const [ending, setEnding] = useState<MemberTerm | null>(null);
  const title = (term: MemberTerm) => (language === 'en' && term.titleEn ? term.titleEn : term.titleVi);
  return (
    <PersonSection
      title={t('people.members.title')}
      intro={mayAppoint ? undefined : t('people.members.onlyAll')}
      actions={
        mayAppoint ? (
          <Button size="xs" variant="outline" onClick={add.open}>
            {t('people.members.add')}
          </Button>
        ) : null
      }
    >
      {person.memberTerms.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people.members.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {person.memberTerms.map((term) => (
            <li key={term.id}>
              <Paper withBorder p="sm" radius="sm">
                <Stack gap={4}>
                  <Group gap={6} wrap="wrap">
                    <Text fw={600} size="sm" className="cpdt-wrap">
                      {title(term)}
                    </Text>
                    <Badge
                      size="sm"
                      variant="light"
                      color={term.current ? 'green' : 'gray'}
                      style={{ textTransform: 'none' }}
                    >
                      {term.current ? t('people.members.current') : t('people.members.ended')}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed" className="cpdt-wrap">
                    {t(`people.members.offices.${term.office}`)}
                    {term.agency ? ` · ${term.agency.nameVi}` : ''} · {period(term.validFrom, term.validTo)}
                  </Text>
                  {mayAppoint ? (
                    <Group>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={t('people.members.endFor', { title: title(term) })}
                        onClick={() => setEnding(term)}
                      >
                        {t('people.members.end')}
                      </Button>
                    </Group>
                  ) : null}
                </Stack>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      {adding ? <AppointModal person={person} onClose={add.close} notify={notify} /> : null}
      {ending ? (
        <EndTermModal person={person} term={ending} onClose={() => setEnding(null)} notify={notify} />
      ) : null}
    </PersonSection>
  );
}

function AppointModal({
  person,
  onClose,
  notify,
}: {
  person: PersonDetail;
  onClose: () => void;
  notify: Notify;
}) {
  const { t } = useTranslation();
  const appoint = useAddMemberTerm(person.id);
  const [office, setOffice] = useState<GovernmentOffice>('minister');
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [titleVi, setTitleVi] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const needsAgency = OFFICES_WITH_AGENCY.includes(office);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    appoint.mutate(
      {
        office,
        agencyId: needsAgency ? (agency?.id ?? null) : null,
        titleVi,
        titleEn: titleEn.trim() || null,
        validFrom: validFrom || null,
        validTo: validTo || null,
      },
      {
        onSuccess: () => {
          onClose();
          notify(t('people.saved'));
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('people.members.addTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <NativeSelect
            label={t('people.members.office')}
            value={office}
            onChange={(e) =>
              setOffice(GOVERNMENT_OFFICES.find((o) => o === e.currentTarget.value) ?? 'minister')
            }
            data={GOVERNMENT_OFFICES.map((o) => ({ value: o, label: t(`people.members.offices.${o}`) }))}
          />
          {needsAgency ? (
            <PersonAgencySelect
              label={t('people.members.agency')}
              value={agency}
              onChange={setAgency}
              required
            />
          ) : null}
          <TextInput
            label={t('people.members.titleVi')}
            description={t('people.members.titleViHint')}
            required
            value={titleVi}
            onChange={(e) => setTitleVi(e.currentTarget.value)}
          />
          <TextInput
            label={t('people.members.titleEn')}
            value={titleEn}
            onChange={(e) => setTitleEn(e.currentTarget.value)}
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
          {appoint.isError ? <ErrorAlert error={appoint.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('people.cancel')}
            </Button>
            <Button type="submit" loading={appoint.isPending} disabled={needsAgency && !agency}>
              {t('people.members.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function EndTermModal({
  person,
  term,
  onClose,
  notify,
}: {
  person: PersonDetail;
  term: MemberTerm;
  onClose: () => void;
  notify: Notify;
}) {
  const { t } = useTranslation();
  const end = useEndMemberTerm(person.id);
  const [validTo, setValidTo] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    end.mutate(
      { termId: term.id, validTo: validTo || null },
      {
        onSuccess: () => {
          onClose();
          notify(t('people.members.endedDone'));
        },
      },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('people.members.endFor', { title: term.titleVi })}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          <TextInput
            type="date"
            label={t('people.members.lastDay')}
            description={t('people.members.lastDayHint')}
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            data-autofocus
          />
          {end.isError ? <ErrorAlert error={end.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('people.cancel')}
            </Button>
            <Button type="submit" loading={end.isPending}>
              {t('people.members.end')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
