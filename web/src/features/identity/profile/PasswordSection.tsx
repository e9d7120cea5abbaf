import { Button, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../../api/client.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { SuccessNotice } from '../../../app/SuccessNotice.js';
import { useRefreshIdentity } from '../mfa.api.js';

/** Change my password: the current one, then the new one twice; every other session ends. */
export function PasswordSection() {
  const { t } = useTranslation();
  const refresh = useRefreshIdentity();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const change = useMutation<{ endedSessions: number }, ApiError>({
    mutationFn: () => api.post('/api/auth/password', { current, next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setAgain('');
      void refresh();
    },
  });
  const mismatch = again !== '' && again !== next;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!mismatch) change.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm" maw={420}>
        <Title order={3} size="h4">
          {t('mfa.passwordTitle')}
        </Title>
        <SuccessNotice
          message={change.data ? t('mfa.passwordChanged', { count: change.data.endedSessions }) : null}
          onClose={() => change.reset()}
        />
        <PasswordInput
          label={t('mfa.passwordCurrent')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('mfa.passwordNew')}
          description={t('mfa.passwordHint')}
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('mfa.passwordAgain')}
          autoComplete="new-password"
          required
          value={again}
          error={mismatch ? t('mfa.passwordMismatch') : undefined}
          onChange={(e) => setAgain(e.currentTarget.value)}
        />
        {change.isError ? <ErrorAlert error={change.error} /> : null}
        <Button type="submit" variant="light" loading={change.isPending}>
          {t('mfa.passwordSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
