import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { CardList, ListCard } from '../../app/CardList.js';
import { DetailList } from '../../app/DetailList.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';
import { PageHeader } from '../../app/PageHeader.js';
import { PageLoader } from '../../app/PageLoader.js';
import { QueryView } from '../../app/QueryView.js';
import { SuccessNotice } from '../../app/SuccessNotice.js';
import { useDateTime } from '../../i18n/format.js';
import { agentEnabled, agentUrl, isAgentUrl, setAgentUrl } from './agent.js';
import { deviceKeysSupported, groupedHex } from './deviceKey.js';
import { useEnrolDeviceKey, useRefreshAgent, useSigner, type SigningCertificate } from './useSigner.js';

function CertificateDetails({ certificate }: { certificate: SigningCertificate }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <DetailList
      items={[
        { label: t('signing.certificate.subject'), value: certificate.subject },
        { label: t('signing.certificate.issuer'), value: certificate.issuer },
        { label: t('signing.certificate.validUntil'), value: dateTime(certificate.notAfter) },
        {
          label: t('signing.certificate.fingerprint'),
          value: <span style={{ fontFamily: 'monospace' }}>{groupedHex(certificate.fingerprint)}</span>,
        },
      ]}
    />
  );
}

/** This device's key: create it (and its certificate), or see the certificate it has. */
function DeviceSection({ signer }: { signer: ReturnType<typeof useSigner> }) {
  const { t } = useTranslation();
  const enrol = useEnrolDeviceKey();
  const [label, setLabel] = useState(t('signing.device.labelDefault'));
  const [notice, setNotice] = useState<string | null>(null);
  const certificate = signer.keys.data?.find((k) => k.id === signer.deviceCertificateId) ?? null;
  const stale = signer.deviceKey !== null && certificate === null && signer.keys.isSuccess;
  const supported = deviceKeysSupported();
  const create = () =>
    enrol.mutate(
      { personId: signer.personId!, label },
      { onSuccess: () => setNotice(t('signing.device.created')) },
    );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="device-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="device-title">
          {t('signing.device.title')}
        </Title>
        <Text size="sm">{t('signing.device.intro')}</Text>
        <SuccessNotice message={notice} onClose={() => setNotice(null)} />
        {!supported ? <Alert color="yellow">{t('signing.device.unsupported')}</Alert> : null}
        {certificate ? (
          <Stack gap="xs" data-testid="device-certificate">
            <Group gap="xs">
              <Badge color="green">{t('signing.device.ready')}</Badge>
            </Group>
            <CertificateDetails certificate={certificate} />
            {certificate.source === 'ca' ? (
              <Text size="xs" c="dimmed">
                {t('signing.device.demoNote')}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text c="dimmed">{stale ? t('signing.device.stale') : t('signing.device.none')}</Text>
        )}
        {supported && (!certificate || stale) ? (
          <Stack gap="xs" maw={480}>
            <TextInput
              label={t('signing.device.label')}
              value={label}
              maxLength={100}
              onChange={(e) => setLabel(e.currentTarget.value)}
            />
            <Group>
              <Button onClick={create} loading={enrol.isPending}>
                {stale ? t('signing.device.recreate') : t('signing.device.create')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {enrol.isError ? <ErrorAlert error={enrol.error} /> : null}
      </Stack>
    </Paper>
  );
}

/** The local signing agent: where it listens, whether it answers, the certificates on the token. */
function AgentSection({
  signer,
  onEnabled,
}: {
  signer: ReturnType<typeof useSigner>;
  onEnabled: () => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshAgent();
  const [url, setUrl] = useState(agentUrl());
  const valid = isAgentUrl(url.trim());
  const agent = signer.agent;
  const save = () => {
    if (!valid) return;
    setAgentUrl(url);
    onEnabled();
    void refresh();
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="agent-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="agent-title">
          {t('signing.agent.title')}
        </Title>
        <Text size="sm">{t('signing.agent.intro')}</Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('signing.agent.url')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={valid ? undefined : t('signing.agent.urlInvalid')}
            style={{ flex: '1 1 16rem' }}
          />
          <Button variant="light" onClick={save} disabled={!valid} loading={agent.isFetching}>
            {t('signing.agent.save')}
          </Button>
        </Group>
        <div role="status">
          {agent.isFetching ? null : agent.isError ? (
            <Alert color="red">{t('signing.agent.failed', { message: agent.error.message })}</Alert>
          ) : agent.data ? (
            <Stack gap="xs">
              <Badge color="green">
                {t('signing.agent.connected', {
                  name: agent.data.info.name,
                  version: agent.data.info.version,
                })}
              </Badge>
              {agent.data.certificates.length === 0 ? (
                <Text c="dimmed">{t('signing.agent.noCertificates')}</Text>
              ) : (
                <CardList label={t('signing.agent.title')}>
                  {agent.data.certificates.map((c) => (
                    <ListCard key={c.id}>
                      <Group gap="xs">
                        <Text fw={600}>{c.label}</Text>
                        <Badge color={c.registeredId ? 'green' : 'gray'} variant="light">
                          {c.registeredId ? t('signing.agent.registered') : t('signing.agent.notRegistered')}
                        </Badge>
                      </Group>
                      <Text size="xs" style={{ fontFamily: 'monospace' }} className="cpdt-wrap">
                        {groupedHex(c.fingerprint)}
                      </Text>
                    </ListCard>
                  ))}
                </CardList>
              )}
            </Stack>
          ) : agent.isSuccess ? (
            <Text c="dimmed">{t('signing.agent.notFound')}</Text>
          ) : null}
        </div>
      </Stack>
    </Paper>
  );
}

/** /signing: this device's key and certificate, the person's signing certificates, the signing agent. */
export function SigningPage() {
  const { t } = useTranslation();
  const [agentOn, setAgentOn] = useState(agentEnabled());
  const signer = useSigner({ probeAgent: agentOn });
  if (signer.loading && !signer.personId) return <PageLoader />;
  if (!signer.personId) return <Navigate to="/sign-in?next=%2Fsigning" replace />;
  const onToken = new Set(
    (signer.agent.data?.certificates ?? []).map((c) => c.registeredId).filter((id) => id !== null),
  );
  return (
    <Stack gap="lg" maw={820}>
      <PageHeader title={t('signing.title')} intro={t('signing.intro')} />
      {signer.device.isPending ? <PageLoader /> : <DeviceSection signer={signer} />}
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="certificates-list-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="certificates-list-title">
            {t('signing.list.title')}
          </Title>
          <QueryView query={signer.keys}>
            {(items) =>
              items.length === 0 ? (
                <Text c="dimmed">{t('signing.list.empty')}</Text>
              ) : (
                <CardList label={t('signing.list.label')}>
                  {items.map((c) => (
                    <ListCard key={c.id}>
                      <Group gap="xs">
                        <Text fw={600}>{c.label ?? c.subject}</Text>
                        <Badge variant="light" color="gray">
                          {c.source === 'ca'
                            ? t('signing.certificate.sourceCa')
                            : t('signing.certificate.sourceUpload')}
                        </Badge>
                        {c.id === signer.deviceCertificateId ? (
                          <Badge color="green">{t('signing.certificate.thisDevice')}</Badge>
                        ) : null}
                        {onToken.has(c.id) ? (
                          <Badge color="blue">{t('signing.certificate.onToken')}</Badge>
                        ) : null}
                      </Group>
                      <CertificateDetails certificate={c} />
                    </ListCard>
                  ))}
                </CardList>
              )
            }
          </QueryView>
        </Stack>
      </Paper>
      <AgentSection signer={signer} onEnabled={() => setAgentOn(true)} />
    </Stack>
  );
}
