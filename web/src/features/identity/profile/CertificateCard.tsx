import { Badge, Button, Card, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../../app/DetailList.js';
import { useDateTime } from '../../../i18n/format.js';
import {
  colonFingerprint,
  shortFingerprint,
  type Certificate,
  type CertificateStatus,
} from './certificates.api.js';

const STATUS_COLORS: Record<CertificateStatus, string> = {
  valid: 'green',
  expired: 'gray',
  not_yet_valid: 'yellow',
  revoked: 'red',
};

/** Badges cut long text with an ellipsis; a status must be read whole (it may wrap on a phone). */
const WHOLE = {
  root: { height: 'auto', maxWidth: '100%' },
  label: { whiteSpace: 'normal', overflow: 'visible' },
} as const;

export function certificateName(c: Certificate, fallback: string): string {
  return c.label ?? c.subjectCommonName ?? fallback;
}

/** One certificate: who it names, who issued it, validity in Vietnam time, status, fingerprint to copy. */
export function CertificateCard({
  certificate: c,
  onRevoke,
}: {
  certificate: Certificate;
  /** Only the holder revokes their own certificate; an administrator's view leaves it out. */
  onRevoke?: (c: Certificate) => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const name = certificateName(c, t('certificates.noName'));
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div style={{ minWidth: 0, flex: '1 1 12rem' }}>
            <Text fw={600} className="cpdt-wrap">
              {c.subjectCommonName ?? t('certificates.noName')}
            </Text>
            {c.label ? (
              <Text size="sm" c="dimmed" className="cpdt-wrap">
                {c.label}
              </Text>
            ) : null}
          </div>
          <Group gap={6}>
            <Badge color={STATUS_COLORS[c.status]} variant="light" styles={WHOLE}>
              {t(`certificates.status.${c.status}`)}
            </Badge>
            {c.issuedByDeploymentCa ? (
              <Badge color="orange" variant="outline" styles={WHOLE} title={t('certificates.demoCaTitle')}>
                {t('certificates.demoCa')}
              </Badge>
            ) : null}
          </Group>
        </Group>
        <DetailList
          items={[
            { label: t('certificates.fields.issuer'), value: c.issuerCommonName ?? c.issuer },
            {
              label: t('certificates.fields.validity'),
              value: t('certificates.validity', { from: dateTime(c.notBefore), to: dateTime(c.notAfter) }),
            },
            { label: t('certificates.fields.revokedAt'), value: dateTime(c.revokedAt) },
            {
              label: t('certificates.fields.serial'),
              value: (
                <Text component="span" size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {c.serialNumber}
                </Text>
              ),
            },
            { label: t('certificates.fields.key'), value: c.publicKeyAlgorithm },
            {
              label: t('certificates.fields.fingerprint'),
              value: (
                <Group gap={4} wrap="wrap" component="span">
                  <Text
                    component="span"
                    size="sm"
                    ff="monospace"
                    title={colonFingerprint(c.fingerprint)}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {shortFingerprint(c.fingerprint)}
                  </Text>
                  <CopyButton value={colonFingerprint(c.fingerprint)}>
                    {({ copied, copy }) => (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={copied ? 'green' : undefined}
                        onClick={copy}
                        aria-label={copied ? t('certificates.copied') : t('certificates.copyLabel', { name })}
                      >
                        {copied ? t('certificates.copied') : t('certificates.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              ),
            },
          ]}
        />
        {c.status === 'revoked' || !onRevoke ? null : (
          <Group justify="flex-end">
            <Button
              size="compact-sm"
              variant="default"
              color="red"
              onClick={() => onRevoke(c)}
              aria-label={t('certificates.revokeLabel', { name })}
            >
              {t('certificates.revoke')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
