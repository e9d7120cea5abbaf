import { Divider, Paper, Stack, Title } from '@mantine/core';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../../app/DetailList.js';
import { PageHeader } from '../../../app/PageHeader.js';
import { PageLoader } from '../../../app/PageLoader.js';
import { useLanguage } from '../../../i18n/index.js';
import { useSession } from '../session.js';
import { CertificatesSection } from './CertificatesSection.js';
import { MfaSection } from './MfaSection.js';
import { PasswordSection } from './PasswordSection.js';
import { SessionsSection } from './SessionsSection.js';

/** The signed-in person's own page: who they are, how they sign in, where, and their signing certificates. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const session = useSession();
  if (session.isPending) return <PageLoader />;
  if (!session.data) return <Navigate to="/sign-in?next=%2Fprofile" replace />;
  const { person, agency } = session.data;
  const agencyName = agency
    ? `${language === 'en' && agency.nameEn ? agency.nameEn : agency.nameVi} (${agency.code})`
    : null;
  return (
    <Stack gap="lg" maw={820}>
      <PageHeader title={t('mfa.profileTitle')} />
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h3" mb="sm">
          {t('mfa.account')}
        </Title>
        <DetailList
          items={[
            { label: t('mfa.username'), value: person.username },
            { label: t('mfa.agency'), value: agencyName },
          ]}
        />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h3" mb="sm">
          {t('mfa.security')}
        </Title>
        <MfaSection />
        <Divider my="lg" />
        <PasswordSection />
        <Divider my="lg" />
        <SessionsSection />
      </Paper>
      <CertificatesSection />
    </Stack>
  );
}
