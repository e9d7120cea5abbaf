import { Alert, Button, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, ClientErrorCodes } from '../api/client.js';
import { useLanguage, type Language } from '../i18n/index.js';
import { Icon } from './icons.js';

/** The server's message in the language on screen, or ours when the server could not answer. */
export function errorMessage(error: unknown, language: Language, t: TFunction): string {
  if (error instanceof ApiError) {
    const fromServer = error.messageIn(language);
    if (fromServer) return fromServer;
    if (error.code === ClientErrorCodes.NETWORK) return t('errors.network');
  }
  return t('errors.unexpected');
}

interface ErrorAlertProps {
  error: unknown;
  /** Extra lines, e.g. remaining attempts. */
  children?: ReactNode;
  onRetry?: () => void;
}

/** A failed request, announced to screen readers, with the request id support staff ask for. */
export function ErrorAlert({ error, children, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert color="brand" variant="light" icon={<Icon name="alert" />} className="cpdt-wrap">
      <Stack gap={4}>
        <Text fw={600}>{errorMessage(error, language, t)}</Text>
        {children}
        {requestId ? (
          <Text size="xs" c="dimmed">
            {t('errors.requestId', { id: requestId })}
          </Text>
        ) : null}
        {onRetry ? (
          <Button variant="outline" size="xs" onClick={onRetry} w="fit-content">
            {t('app.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
