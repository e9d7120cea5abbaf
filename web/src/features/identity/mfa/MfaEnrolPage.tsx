import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/PageHeader.js';
import { PageLoader } from '../../../app/PageLoader.js';
import { useRefreshIdentity } from '../mfa.api.js';
import { safeNext, useGoNext } from '../next.js';
import { useSession } from '../session.js';
import { PasskeyRegister } from './PasskeyRegister.js';
import { RecoveryCodes } from './RecoveryCodes.js';
import { TotpSetup } from './TotpSetup.js';

/** Where a person who must use MFA but has none is held until they set one up. */
export function MfaEnrolPage() {
  const { t } = useTranslation();
  const session = useSession();
  const refresh = useRefreshIdentity();
  const goNext = useGoNext();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [codes, setCodes] = useState<string[] | null>(null);
  if (session.isPending) return <PageLoader />;
  if (!session.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  if (session.data.pending !== 'enrol' && !codes) return <Navigate to={next} replace />;
  const finish = () => void refresh().then(() => goNext(next));
  return (
    <Stack maw={560} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <PageHeader title={t('mfa.enrolTitle')} />
        {codes ? (
          <RecoveryCodes codes={codes} onDone={finish} />
        ) : (
          <Stack gap="lg">
            <Alert color="blue" variant="light">
              {t('mfa.enrolIntro')}
            </Alert>
            <Text fw={600}>{t('mfa.enrolChoose')}</Text>
            <section aria-labelledby="enrol-totp">
              <Title order={2} size="h4" id="enrol-totp" mb="xs">
                {t('mfa.totpTitle')}
              </Title>
              <TotpSetup onEnrolled={setCodes} />
            </section>
            <section aria-labelledby="enrol-passkey">
              <Title order={2} size="h4" id="enrol-passkey" mb="xs">
                {t('mfa.passkeyTitle')}
              </Title>
              <Text size="sm" mb="xs">
                {t('mfa.passkeyIntro')}
              </Text>
              <PasskeyRegister onRegistered={finish} />
            </section>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
