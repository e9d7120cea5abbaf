import { Paper, Stack, Text } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/PageHeader.js';
import { PageLoader } from '../../app/PageLoader.js';
import { SignInForm } from './SignInForm.js';
import { useSession } from './session.js';

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (session.isPending) return <PageLoader />;
  if (session.data) return <Navigate to={next} replace />;
  return (
    <Stack maw={420} mx="auto" mt={{ base: 0, sm: 'xl' }}>
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <PageHeader title={t('signIn.title')} />
        <Text mb="md">{t('signIn.intro')}</Text>
        <SignInForm onSignedIn={() => void navigate(next, { replace: true })} />
      </Paper>
    </Stack>
  );
}
