import { Divider, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.js';
import { PageLoader } from '../../app/PageLoader.js';
import { EidSignInButton, EidSignInError } from './EidSignInButton.js';
import { PasskeySignInButton } from './mfa/PasskeySignInButton.js';
import { SecondFactorForm } from './mfa/SecondFactorForm.js';
import { safeNext, useGoNext } from './next.js';
import { SignInForm } from './SignInForm.js';
import { useSession, useSignOut } from './session.js';

/**
 * Sign-in in one place: password (then the second step when the account has one), passkey, or the national
 * e-ID. A session that must still set up a second factor is sent to the enrolment page.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const goNext = useGoNext();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // A system signing its user in through CPĐT may ask for a fresh sign-in (prompt=login, max_age): the
  // session there is ended first, so what follows is a real new sign-in.
  const [reauth, setReauth] = useState(params.get('reauth') === '1');
  const signOut = useSignOut();
  const signedIn = session.data && session.data.pending === null;
  useEffect(() => {
    if (!reauth || session.isPending || signOut.isPending) return;
    if (session.data) signOut.mutate(undefined, { onSettled: () => setReauth(false) });
    else setReauth(false);
  }, [reauth, session.isPending, session.data, signOut]);
  useEffect(() => {
    if (signedIn && !reauth) goNext(next);
  }, [signedIn, reauth, next, goNext]);
  if (session.isPending || reauth || signedIn) return <PageLoader />;
  if (session.data?.pending === 'enrol')
    return <Navigate to={`/mfa/enrol?next=${encodeURIComponent(next)}`} replace />;
  const verifying = session.data?.pending === 'verify';
  // The session query refetches after each step; the effect above then moves on.
  const done = () => void session.refetch();
  return (
    <Stack maw={420} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <PageHeader title={verifying ? t('mfa.verifyTitle') : t('signIn.title')} />
        {verifying ? (
          <SecondFactorForm onVerified={done} />
        ) : (
          <Stack gap="md">
            <Text>{t('signIn.intro')}</Text>
            <EidSignInError />
            <SignInForm onSignedIn={done} />
            <Divider label={t('mfa.or')} />
            <PasskeySignInButton label={t('mfa.passkeySignIn')} onSignedIn={done} />
            <EidSignInButton next={next} />
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
