import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { passkeysSupported, useRegisterPasskey } from '../mfa.api.js';

/** Names and registers a passkey held by this device (or a security key). */
export function PasskeyRegister({ onRegistered }: { onRegistered?: () => void }) {
  const { t } = useTranslation();
  const register = useRegisterPasskey();
  const [name, setName] = useState(() => t('mfa.passkeyDefaultName'));
  if (!passkeysSupported()) return <Alert color="gray">{t('mfa.passkeyUnsupported')}</Alert>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    register.mutate(name.trim(), { onSuccess: () => onRegistered?.() });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('mfa.passkeyName')}
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        {register.isError ? (
          register.error instanceof ApiError ? (
            <ErrorAlert error={register.error} />
          ) : (
            <Alert color="red">{t('mfa.passkeyFailed')}</Alert>
          )
        ) : null}
        <Button type="submit" variant="light" loading={register.isPending}>
          {t('mfa.passkeyAdd')}
        </Button>
      </Stack>
    </form>
  );
}
