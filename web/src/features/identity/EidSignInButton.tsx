import { Alert, Button, Divider, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { Icon } from '../../app/icons.js';

/** GET /api/auth/eid: whether citizens may sign in through the national e-ID here. */
export interface EidStatus {
  enabled: boolean;
  providerName: string;
}

/** Codes the server may send back in `?eidError=` (src/modules/identity/eid.errors.ts, plus two generic). */
const EID_ERROR_CODES = [
  'IDENTITY_EID_NOT_CONFIGURED',
  'IDENTITY_EID_NEXT_INVALID',
  'IDENTITY_EID_STATE_INVALID',
  'IDENTITY_EID_CANCELLED',
  'IDENTITY_EID_PROVIDER_ERROR',
  'IDENTITY_EID_CLAIMS_MISSING',
  'IDENTITY_EID_PERSONAL_ID_INVALID',
  'IDENTITY_EID_ACCOUNT_DISABLED',
  'IDENTITY_EID_OFFICIAL_ACCOUNT',
  'IDENTITY_EID_ACCOUNT_CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
type EidErrorCode = (typeof EID_ERROR_CODES)[number];
const isEidErrorCode = (code: string): code is EidErrorCode =>
  (EID_ERROR_CODES as readonly string[]).includes(code);

export function useEidStatus() {
  return useQuery({
    queryKey: ['auth', 'eid'],
    queryFn: () => api.get<EidStatus>('/api/auth/eid'),
    staleTime: 5 * 60_000,
  });
}

/** Same-site paths only (the server refuses anything else too): `//host` or `/\host` leave the site. */
function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * "Sign in with the national e-ID" (VNeID), shown only when the server has it on. A plain link, not a
 * fetch: the whole page goes to the provider and comes back signed in, at `next` (default: the page's own
 * `?next=`, else the home page).
 */
export function EidSignInButton({ next }: { next?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = useEidStatus();
  if (!status.data?.enabled) return null;
  const target = safeNext(next ?? params.get('next'));
  return (
    <Stack gap="xs">
      <Divider label={t('eid.or')} labelPosition="center" />
      <Button
        component="a"
        href={`/api/auth/eid/start?next=${encodeURIComponent(target)}`}
        variant="outline"
        fullWidth
        leftSection={<Icon name="key" />}
        styles={{
          root: { height: 'auto', minHeight: 44, paddingBlock: 8 },
          label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.35 },
        }}
      >
        {t('eid.signIn', { provider: status.data.providerName })}
      </Button>
      <Text size="sm" c="dimmed">
        {t('eid.hint')}
      </Text>
    </Stack>
  );
}

/** The refusal the server sent back after an e-ID attempt (`/sign-in?eidError=CODE`), as a message. */
export function useEidError(): { code: string; message: string } | null {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('eidError');
  if (!code) return null;
  return { code, message: isEidErrorCode(code) ? t(`eid.errors.${code}`) : t('eid.unknownError') };
}

/** Shows the e-ID refusal, if any, with its code for support staff; closing it clears it from the address. */
export function EidSignInError() {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const error = useEidError();
  if (!error) return null;
  const dismiss = () =>
    setParams(
      (current) => {
        const kept = new URLSearchParams(current);
        kept.delete('eidError');
        return kept;
      },
      { replace: true },
    );
  return (
    <Alert
      color="brand"
      variant="light"
      icon={<Icon name="alert" />}
      title={t('eid.errorTitle')}
      withCloseButton
      closeButtonLabel={t('eid.dismiss')}
      onClose={dismiss}
      className="cpdt-wrap"
    >
      <Stack gap={4}>
        <Text size="sm">{error.message}</Text>
        <Text size="xs" c="dimmed">
          {error.code}
        </Text>
      </Stack>
    </Alert>
  );
}
