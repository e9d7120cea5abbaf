import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { useDateTime } from '../../i18n/format.js';

export const SignInErrorCodes = {
  locked: 'IDENTITY_ACCOUNT_LOCKED',
  badCredentials: 'IDENTITY_BAD_CREDENTIALS',
} as const;

/**
 * The server's message, plus what the person can do: the lock policy after a wrong password (no count, which
 * would tell whether the username exists), attempts left after a wrong one-time code, or when the lock ends.
 */
export function SignInError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { remainingAttempts, lockedUntil } = error.details;
  let hint: string | null = null;
  if (typeof remainingAttempts === 'number')
    hint = t('signIn.remainingAttempts', { count: remainingAttempts });
  else if (error.code === SignInErrorCodes.badCredentials) hint = t('signIn.lockPolicy');
  else if (error.code === SignInErrorCodes.locked && typeof lockedUntil === 'string')
    hint = t('signIn.lockedUntil', { time: dateTime(lockedUntil) });
  return <ErrorAlert error={error}>{hint ? <Text size="sm">{hint}</Text> : null}</ErrorAlert>;
}
