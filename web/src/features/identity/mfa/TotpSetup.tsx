import { Button, Code, CopyButton, Group, Image, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useConfirmTotp, useStartTotp } from '../mfa.api.js';
import { CodeInput } from './CodeInput.js';

/** Authenticator set-up: QR code and key, then the first code; hands back the recovery codes. */
export function TotpSetup({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [code, setCode] = useState('');
  if (!start.data)
    return (
      <Stack gap="xs">
        {start.isError ? <ErrorAlert error={start.error} /> : null}
        <Button variant="light" onClick={() => start.mutate()} loading={start.isPending}>
          {t('mfa.totpStart')}
        </Button>
      </Stack>
    );
  const { secret, qrSvg } = start.data;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(code.trim(), {
      onSuccess: (r) => onEnrolled(r.recoveryCodes),
      onError: () => setCode(''),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('mfa.totpScan')}</Text>
        <Image
          src={`data:image/svg+xml;utf8,${encodeURIComponent(qrSvg)}`}
          alt={t('mfa.qrAlt')}
          w={200}
          h={200}
          bg="white"
          p={4}
        />
        <div>
          <Text size="sm" fw={600} id="totp-secret-label">
            {t('mfa.secret')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code aria-labelledby="totp-secret-label" style={{ wordBreak: 'break-all' }}>
              {secret.replace(/(.{4})/g, '$1 ').trim()}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="compact-sm" variant="default" onClick={copy}>
                  {copied ? t('mfa.copied') : t('mfa.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </div>
        <CodeInput label={t('mfa.totpConfirm')} value={code} onChange={setCode} />
        {confirm.isError ? <ErrorAlert error={confirm.error} /> : null}
        <Button type="submit" loading={confirm.isPending}>
          {t('mfa.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
