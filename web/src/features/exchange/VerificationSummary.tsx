import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Verification, VerificationOutcome } from './exchange.api.js';
import { WHOLE } from './ExchangeBadges.js';

/** The reasons the PDF check gives (src/platform/crypto/pdf-verify.ts), each in words. */
const REASONS = [
  'digest_mismatch',
  'signature_invalid',
  'malformed',
  'unsupported',
  'untrusted',
  'expired',
  'not_yet_valid',
  'key_usage',
  'revoked',
  'revocation_unknown',
  'no_signature',
  'modified_after_signing',
  'trust_not_checked',
] as const;
type Reason = (typeof REASONS)[number];
const isReason = (code: string): code is Reason => (REASONS as readonly string[]).includes(code);

const OUTCOME_COLOURS: Record<VerificationOutcome, string> = {
  valid: 'green',
  absent: 'gray',
  invalid: 'red',
  untrusted: 'orange',
};

/** What the node found when it checked the envelope's and the files' digital signatures on arrival. */
export function VerificationSummary({ verification }: { verification: Verification | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="exchange-verification-title">
      <Title order={2} size="h4" id="exchange-verification-title" mb="sm">
        {t('exchange.verification.title')}
      </Title>
      {verification === null ? (
        <Text c="dimmed" size="sm">
          {t('exchange.verification.notChecked')}
        </Text>
      ) : (
        <Stack gap="sm">
          <div>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('exchange.verification.envelope')}
              </Text>
              <Badge color={OUTCOME_COLOURS[verification.envelope] ?? 'gray'} variant="light" styles={WHOLE}>
                {t(`exchange.verification.outcome.${verification.envelope}`)}
              </Badge>
            </Group>
            {verification.envelopeSigner ? (
              <Text size="sm" className="cpdt-wrap">
                {t('exchange.verification.signer', { name: verification.envelopeSigner })}
              </Text>
            ) : null}
          </div>
          {verification.files.length > 0 ? (
            <div>
              <Text size="sm" fw={600} id="exchange-verification-files">
                {t('exchange.verification.files')}
              </Text>
              <Stack
                component="ul"
                gap={6}
                m={0}
                p={0}
                style={{ listStyle: 'none' }}
                aria-labelledby="exchange-verification-files"
              >
                {verification.files.map((f) => (
                  <li key={f.name}>
                    <Group gap="xs" wrap="wrap">
                      <Text size="sm" className="cpdt-wrap">
                        {f.name}
                      </Text>
                      <Badge
                        color={!f.signed ? 'gray' : f.valid ? 'green' : 'red'}
                        variant="light"
                        styles={WHOLE}
                      >
                        {t(
                          !f.signed
                            ? 'exchange.verification.fileUnsigned'
                            : f.valid
                              ? 'exchange.verification.fileValid'
                              : 'exchange.verification.fileInvalid',
                        )}
                      </Badge>
                    </Group>
                    {f.signer ? (
                      <Text size="xs" c="dimmed" className="cpdt-wrap">
                        {t('exchange.verification.signer', { name: f.signer })}
                      </Text>
                    ) : null}
                    {/* An unsigned file's badge already says so; other reasons are told in words. */}
                    {f.reason && f.reason !== 'no_signature' ? (
                      <Text size="xs" c="dimmed" className="cpdt-wrap">
                        {isReason(f.reason)
                          ? t(`exchange.verification.reasons.${f.reason}`)
                          : t('exchange.verification.reason', { reason: f.reason })}
                      </Text>
                    ) : null}
                  </li>
                ))}
              </Stack>
            </div>
          ) : null}
        </Stack>
      )}
    </section>
  );
}
