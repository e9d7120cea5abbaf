import { Alert, Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/ErrorAlert.js';
import { useIsPhone } from '../../app/useIsPhone.js';
import { useDateTime } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { AgentError } from './agent.js';
import { groupedHex, sha256Hex } from './deviceKey.js';
import { useSigner, type SignResult } from './useSigner.js';

export interface SignDialogProps {
  opened: boolean;
  /** What the person signs, in words (already in the language on screen), one line each. */
  summary: string[];
  /** The canonical JSON payload, when the caller has it: its SHA-256 is recomputed here and must match. */
  payload?: string | undefined;
  /** SHA-256 (hex) of the payload, as the module's prepare endpoint returned it. */
  payloadSha256: string;
  /** Base64 of the bytes to sign (CMS signed attributes), from the module's prepare endpoint. */
  toBeSigned: string;
  /** The certificate the prepare endpoint chose (ask it for `useSigner().certificateId`). */
  certificateId: string;
  /** Called with the signature; the caller submits it (keep `submitting` true meanwhile). */
  onSigned: (result: SignResult) => void | Promise<void>;
  onCancel: () => void;
  submitting?: boolean | undefined;
  /** The caller's submit error, shown in the dialog. */
  error?: unknown;
}

/**
 * Shows exactly what is signed — the summary, the payload's SHA-256 in groups of four, the certificate — and
 * signs with this device's non-extractable key or the USB token through the signing agent. Phone-friendly:
 * the whole screen on a phone.
 */
export function SignDialog(props: SignDialogProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const phone = useIsPhone();
  const dateTime = useDateTime();
  const signer = useSigner();
  const [signing, setSigning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [hashOk, setHashOk] = useState(true);

  useEffect(() => {
    setFailure(null);
    if (props.payload === undefined) {
      setHashOk(true);
      return;
    }
    let live = true;
    void sha256Hex(props.payload).then((hex) => {
      if (live) setHashOk(hex === props.payloadSha256.toLowerCase());
    });
    return () => {
      live = false;
    };
  }, [props.payload, props.payloadSha256, props.opened]);

  const certificate = signer.keys.data?.find((k) => k.id === props.certificateId) ?? null;
  const method = signer.methodFor(props.certificateId);
  const busy = signing || Boolean(props.submitting);

  const onSign = async () => {
    setSigning(true);
    setFailure(null);
    try {
      const result = await signer.sign({
        certificateId: props.certificateId,
        toBeSigned: props.toBeSigned,
        payloadSha256: props.payloadSha256,
        summary: props.summary,
      });
      await props.onSigned(result);
    } catch (e) {
      setFailure(
        e instanceof AgentError
          ? e.code === 'data_mismatch'
            ? t('signing.dialog.hashMismatch')
            : t('signing.dialog.failed', { message: `${e.code}: ${e.message}` })
          : t('signing.dialog.failed', {
              message: e instanceof Error && e.name !== 'ApiError' ? e.message : errorMessage(e, language, t),
            }),
      );
    } finally {
      setSigning(false);
    }
  };

  return (
    <Modal
      opened={props.opened}
      onClose={() => (busy ? undefined : props.onCancel())}
      title={t('signing.dialog.title')}
      fullScreen={phone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('signing.dialog.intro')}</Text>
        <div>
          <Text size="sm" c="dimmed">
            {t('signing.dialog.content')}
          </Text>
          <List spacing={4} size="md" aria-label={t('signing.dialog.content')}>
            {props.summary.map((line, i) => (
              <List.Item key={i}>
                <Text fw={600} className="cpdt-wrap">
                  {line}
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
        <div>
          <Text size="sm" c="dimmed" id="sign-hash-label">
            {t('signing.dialog.hash')}
          </Text>
          <Code
            block
            aria-labelledby="sign-hash-label"
            data-testid="sign-hash"
            style={{ wordSpacing: '0.3em' }}
          >
            {groupedHex(props.payloadSha256)}
          </Code>
        </div>
        <div>
          <Text size="sm" c="dimmed">
            {t('signing.dialog.certificate')}
          </Text>
          <Text size="sm" className="cpdt-wrap">
            {certificate
              ? `${certificate.subject} — ${t('signing.certificate.validUntil')} ${dateTime(certificate.notAfter)}`
              : props.certificateId}
          </Text>
          {method ? (
            <Text size="sm">
              {t('signing.dialog.method')}:{' '}
              {method === 'device' ? t('signing.dialog.methodDevice') : t('signing.dialog.methodAgent')}
            </Text>
          ) : null}
        </div>
        {!hashOk ? (
          <Alert color="red" role="alert">
            {t('signing.dialog.hashMismatch')}
          </Alert>
        ) : null}
        {!signer.loading && !signer.agent.isFetching && method === null ? (
          <Alert color="yellow" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('signing.dialog.noKey')}</Text>
              <Button component={Link} to="/signing" size="xs" variant="light">
                {t('signing.dialog.setUp')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        {props.error ? (
          <Alert color="red" role="alert">
            {errorMessage(props.error, language, t)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm" mt="sm" grow={phone}>
          <Button variant="default" onClick={props.onCancel} disabled={busy} size={phone ? 'md' : 'sm'}>
            {t('signing.dialog.cancel')}
          </Button>
          <Button
            onClick={() => void onSign()}
            loading={busy}
            disabled={!hashOk || method === null}
            size={phone ? 'md' : 'sm'}
          >
            {t('signing.dialog.sign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
