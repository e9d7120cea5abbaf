import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { passkeysSupported, usePasskeySignIn } from '../mfa.api.js';

/** One button for a passkey ceremony: a whole sign-in from nothing, or the second step of a pending one. */
export function PasskeySignInButton({ label, onSignedIn }: { label: string; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const signIn = usePasskeySignIn();
  if (!passkeysSupported()) return null;
  return (
    <Stack gap="xs">
      <Button
        variant="default"
        fullWidth
        loading={signIn.isPending}
        onClick={() => signIn.mutate(undefined, { onSuccess: onSignedIn })}
      >
        {label}
      </Button>
      {signIn.isError ? (
        signIn.error instanceof ApiError ? (
          <ErrorAlert error={signIn.error} />
        ) : (
          <Alert color="red">{t('mfa.passkeyFailed')}</Alert>
        )
      ) : null}
    </Stack>
  );
}
