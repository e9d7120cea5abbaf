import { Permissions } from '../../../api/permissions.js';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/index.js';
import { hasPermission, useSession } from '../session.js';
import type { MemberTerm, PersonDetail } from './people.api.js';
import { PersonAppointModal } from './PersonAppointModal.js';
import { PersonEndTermModal } from './PersonEndTermModal.js';
import { usePeriod } from './PersonFormat.js';
import { PersonItemList } from './PersonItemList.js';
import { PersonSection, PersonSectionButton, type Notify } from './PersonSection.js';

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
          <PersonSectionButton onClick={add.open}>{t('people.members.add')}</PersonSectionButton>
        ) : null
      }
    >
      <PersonItemList items={person.memberTerms} empty={t('people.members.empty')} keyOf={(term) => term.id}>
        {(term) => (
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
        )}
      </PersonItemList>
      {adding ? <PersonAppointModal person={person} onClose={add.close} notify={notify} /> : null}
      {ending ? (
        <PersonEndTermModal person={person} term={ending} onClose={() => setEnding(null)} notify={notify} />
      ) : null}
    </PersonSection>
  );
}
