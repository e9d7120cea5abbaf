import { Anchor, Group, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../app/PageHeader.js';
import { QueryView } from '../../../app/QueryView.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { usePerson } from './people.api.js';
import { PersonBusinessesSection } from './PersonBusinessesSection.js';
import { PersonCertificatesSlot } from './PersonCertificatesSlot.js';
import { PersonDelegationsSection } from './PersonDelegationsSection.js';
import { PersonDetailsSection } from './PersonDetailsSection.js';
import { PersonLockBadge, PersonStatusBadge } from './PersonLockState.js';
import { PersonMemberTermsSection } from './PersonMemberTermsSection.js';
import { PersonPostsSection } from './PersonPostsSection.js';
import { PersonRolesSection } from './PersonRolesSection.js';
import { PersonSecuritySection } from './PersonSecuritySection.js';

/** One person, everything an administrator manages about them (route /admin/people/:personId). */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <Anchor component={Link} to="/admin/people" size="sm" mb="xs" display="inline-block">
        ← {t('people.detail.back')}
      </Anchor>
      <QueryView query={person}>
        {(p) => (
          <>
            <PageHeader
              title={p.displayName}
              intro={`${p.username} · ${t(`people.kinds.${p.kind}`)}`}
              actions={
                <Group gap={6}>
                  <PersonStatusBadge person={p} />
                  <PersonLockBadge person={p} />
                </Group>
              }
            />
            <SuccessNotice message={notice} onClose={() => setNotice(null)} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
              <Stack gap="md">
                <PersonDetailsSection person={p} notify={setNotice} />
                <PersonSecuritySection person={p} notify={setNotice} />
                <PersonCertificatesSlot person={p} />
              </Stack>
              <Stack gap="md">
                {p.kind === 'official' ? <PersonPostsSection person={p} notify={setNotice} /> : null}
                <PersonRolesSection key={p.roles.map((r) => r.code).join()} person={p} notify={setNotice} />
                {p.kind === 'official' ? (
                  <>
                    <PersonMemberTermsSection person={p} notify={setNotice} />
                    <PersonDelegationsSection person={p} notify={setNotice} />
                  </>
                ) : null}
                {p.kind !== 'official' || p.businesses.length > 0 ? (
                  <PersonBusinessesSection person={p} />
                ) : null}
              </Stack>
            </SimpleGrid>
          </>
        )}
      </QueryView>
    </>
  );
}
