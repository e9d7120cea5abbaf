import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../app/QueryView.js';
import { CertificateCard } from '../profile/CertificateCard.js';
import { usePersonCertificates } from '../profile/certificates.api.js';
import type { PersonDetail } from './people.api.js';
import { PersonSection } from './PersonSection.js';

/** The person's signing certificates, read-only: only the holder registers or revokes their own. */
export function PersonCertificatesSlot({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const certificates = usePersonCertificates(person.id);
  return (
    <PersonSection title={t('certificates.title')}>
      <QueryView query={certificates}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm">{t('certificates.noneForPerson')}</Text>
          ) : (
            <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((c) => (
                <CertificateCard key={c.id} certificate={c} />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </PersonSection>
  );
}
