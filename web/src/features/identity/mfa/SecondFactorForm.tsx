import { Anchor, Button, Divider, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../session.js';
import { SignInError } from '../SignInError.js';
import { useMfaSummary, useVerifySecondFactor } from '../mfa.api.js';
import { CodeInput } from './CodeInput.js';
import { PasskeySignInButton } from './PasskeySignInButton.js';

/** The second sign-in step: a code from the app, a recovery code, or one of the person's passkeys. */
export function SecondFactorForm({ onVerified }: { onVerified: () => void }) {
  const { t } = useTranslation();
  const mfa = useMfaSummary();
  const verify = useVerifySecondFactor();
  const signOut = useSignOut();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = recovery ? { recoveryCode: code.trim() } : { code: code.trim() };
    verify.mutate(body, { onSuccess: onVerified, onError: () => setCode('') });
  };
  const hasTotp = mfa.data?.totp ?? true;
  const hasPasskeys = (mfa.data?.passkeys.length ?? 0) > 0;
  return (
    <Stack gap="md">
      {hasTotp || recovery ? (
        <form onSubmit={submit}>
          <Stack gap="md">
            <Text size="sm">{recovery ? t('mfa.recoveryIntro') : t('mfa.verifyIntro')}</Text>
            <CodeInput
              label={recovery ? t('mfa.recoveryCode') : t('mfa.code')}
              value={code}
              onChange={setCode}
              recovery={recovery}
            />
            {verify.isError ? <SignInError error={verify.error} /> : null}
            <Button type="submit" loading={verify.isPending} fullWidth>
              {t('mfa.verify')}
            </Button>
          </Stack>
        </form>
      ) : null}
      {hasPasskeys ? (
        <>
          {hasTotp || recovery ? <Divider label={t('mfa.or')} /> : null}
          <PasskeySignInButton label={t('mfa.usePasskey')} onSignedIn={onVerified} />
        </>
      ) : null}
      <Stack gap={4} align="flex-start">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            verify.reset();
          }}
        >
          {recovery ? t('mfa.useAppCode') : t('mfa.useRecoveryCode')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={() => signOut.mutate()}>
          {t('mfa.cancel')}
        </Anchor>
      </Stack>
    </Stack>
  );
}
