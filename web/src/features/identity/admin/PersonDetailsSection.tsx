import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../../app/DetailList.js';
import { useDateTime } from '../../../i18n/format.js';
import type { PersonDetail } from './people.api.js';
import { PersonEditModal } from './PersonEditModal.js';
import { useDay } from './PersonFormat.js';
import { PersonSection, PersonSectionButton, type Notify } from './PersonSection.js';

export function PersonDetailsSection({ person, notify }: { person: PersonDetail; notify: Notify }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const day = useDay();
  const [editing, edit] = useDisclosure(false);
  return (
    <PersonSection
      title={t('people.detail.details')}
      actions={<PersonSectionButton onClick={edit.open}>{t('people.detail.edit')}</PersonSectionButton>}
    >
      <DetailList
        items={[
          { label: t('people.kind'), value: t(`people.kinds.${person.kind}`) },
          { label: t('people.username'), value: person.username },
          { label: t('people.email'), value: person.email },
          { label: t('people.phone'), value: person.phone },
          {
            label: t('people.detail.mainAgency'),
            value: person.agency ? `${person.agency.nameVi} (${person.agency.code})` : null,
          },
          { label: t('people.detail.personalId'), value: person.personalId },
          { label: t('people.detail.birthDate'), value: day(person.birthDate) },
          {
            label: t('people.detail.locale'),
            value: t(`people.detail.locales.${person.locale === 'en' ? 'en' : 'vi'}`),
          },
          {
            label: t('people.detail.password'),
            value: person.hasPassword ? t('people.detail.passwordSet') : t('people.detail.passwordNone'),
          },
          { label: t('people.detail.createdAt'), value: dateTime(person.createdAt) },
          { label: t('people.detail.updatedAt'), value: dateTime(person.updatedAt) },
        ]}
      />
      {editing ? (
        <PersonEditModal
          person={person}
          opened={editing}
          onClose={edit.close}
          onSaved={() => notify(t('people.saved'))}
        />
      ) : null}
    </PersonSection>
  );
}
