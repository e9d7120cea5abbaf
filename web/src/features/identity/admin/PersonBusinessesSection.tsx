import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from './people.api.js';
import { usePeriod } from './PersonFormat.js';
import { PersonItemList } from './PersonItemList.js';
import { PersonSection } from './PersonSection.js';

/** The businesses this person may act for, and in what capacity. */
export function PersonBusinessesSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const period = usePeriod();
  return (
    <PersonSection title={t('people.businesses.title')}>
      <PersonItemList
        items={person.businesses}
        empty={t('people.businesses.none')}
        keyOf={(b) => b.business.id}
        framed={false}
      >
        {(b) => (
          <>
            <Text size="sm" fw={600} className="cpdt-wrap">
              {b.business.name}
            </Text>
            <Text size="xs" c="dimmed" className="cpdt-wrap">
              {t('people.businesses.code')}: {b.business.enterpriseCode} ·{' '}
              {t(`people.representativeRoles.${b.role}`)}
              {b.validFrom || b.validTo ? ` · ${period(b.validFrom, b.validTo)}` : ''}
            </Text>
          </>
        )}
      </PersonItemList>
    </PersonSection>
  );
}
