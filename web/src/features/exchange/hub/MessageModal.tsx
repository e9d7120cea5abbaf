import { Button, Code, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '../../../app/DetailList.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { QueryView } from '../../../app/QueryView.js';
import { useIsPhone } from '../../../app/useIsPhone.js';
import {
  useHubMessage,
  useRequeueDelivery,
  type Delivery,
  type HopDetail,
  type HubMessageDetail,
} from '../exchange.api.js';
import { DeliveryStateBadge, useStatusLabel } from '../ExchangeBadges.js';
import { useExchangeFormat } from '../format.js';

/** One envelope in a dialog: its fields, each delivery (a failed one can be sent again) and its journey. */
export function MessageModal({
  id,
  onClose,
  onNotice,
}: {
  id: string | null;
  onClose: () => void;
  onNotice: (message: string) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const message = useHubMessage(id);
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      title={t('exchange.hub.message.title')}
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {id !== null ? (
        <QueryView query={message}>{(m) => <MessageView message={m} onNotice={onNotice} />}</QueryView>
      ) : null}
    </Modal>
  );
}

/** The hub's trace events (src/modules/exchange/hub.service.ts), each in words. */
const HOP_EVENTS = [
  'received',
  'routed',
  'unroutable',
  'duplicate',
  'fetched',
  'processing',
  'done',
  'failed',
  'requeued',
] as const;
const isHopEvent = (e: string): e is (typeof HOP_EVENTS)[number] =>
  (HOP_EVENTS as readonly string[]).includes(e);
const SIGNATURE_STATES = ['valid', 'absent', 'invalid', 'untrusted'] as const;
const isSignatureState = (s: string): s is (typeof SIGNATURE_STATES)[number] =>
  (SIGNATURE_STATES as readonly string[]).includes(s);
const BUSINESS_DOC_TYPES = ['0', '1', '2', '3'] as const;
const isBusinessDocType = (c: string): c is (typeof BUSINESS_DOC_TYPES)[number] =>
  (BUSINESS_DOC_TYPES as readonly string[]).includes(c);

function MessageView({
  message: m,
  onNotice,
}: {
  message: HubMessageDetail;
  onNotice: (message: string) => void;
}) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  const statusLabel = useStatusLabel();
  const requeue = useRequeueDelivery();
  // What the code means: the business type of a document, the status a status message carries.
  const business =
    m.kind === 'status'
      ? `${m.businessCode} · ${statusLabel(m.businessCode)}`
      : isBusinessDocType(m.businessCode)
        ? `${m.businessCode} · ${t(`exchange.businessDocType.t${m.businessCode}`)}`
        : m.businessCode;
  return (
    <Stack gap="lg">
      <section aria-labelledby="exchange-message-overview">
        <Title order={3} size="h5" id="exchange-message-overview" mb="xs">
          {t('exchange.hub.message.overview')}
        </Title>
        <DetailList
          items={[
            { label: t('exchange.hub.traffic.subject'), value: m.subject },
            { label: t('exchange.fields.number'), value: m.notation },
            { label: t('exchange.hub.traffic.kind'), value: t(`exchange.hub.traffic.kinds.${m.kind}`) },
            { label: t('exchange.hub.message.businessCode'), value: business },
            { label: t('exchange.hub.traffic.from'), value: m.fromCode },
            { label: t('exchange.hub.message.senderSystem'), value: m.senderSystem },
            { label: t('exchange.fields.documentId'), value: <Code>{m.documentId}</Code> },
            { label: t('exchange.hub.message.id'), value: <Code>{m.id}</Code> },
            { label: t('exchange.hub.traffic.size'), value: format.bytes(m.size) },
            {
              label: t('exchange.hub.message.signature'),
              value: isSignatureState(m.signature) ? (
                t(`exchange.verification.outcome.${m.signature}`)
              ) : (
                <Text component="span" size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {m.signature}
                </Text>
              ),
            },
            { label: t('exchange.hub.traffic.receivedAt'), value: format.dateTime(m.receivedAt) },
          ]}
        />
      </section>
      <section aria-labelledby="exchange-message-deliveries">
        <Title order={3} size="h5" id="exchange-message-deliveries" mb="xs">
          {t('exchange.hub.message.deliveries')}
        </Title>
        {requeue.error ? <ErrorAlert error={requeue.error} /> : null}
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {m.deliveries.map((d) => (
            <DeliveryItem
              key={d.seq}
              delivery={d}
              pending={requeue.isPending && requeue.variables === d.seq}
              onRequeue={() =>
                requeue.mutate(d.seq, {
                  onSuccess: () => onNotice(t('exchange.hub.message.requeued', { seq: d.seq })),
                })
              }
            />
          ))}
        </Stack>
      </section>
      <section aria-labelledby="exchange-message-hops">
        <Title order={3} size="h5" id="exchange-message-hops" mb="xs">
          {t('exchange.hub.message.hops')}
        </Title>
        {m.hops.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('exchange.hub.message.noHops')}
          </Text>
        ) : (
          <Stack
            component="ol"
            gap="xs"
            m={0}
            p={0}
            style={{ listStyle: 'none', borderInlineStart: '2px solid var(--mantine-color-gray-3)' }}
          >
            {m.hops.map((h, index) => (
              <Stack component="li" key={`${h.at}-${index}`} gap={2} pl="sm">
                <Text size="sm" fw={600} className="cpdt-wrap">
                  {isHopEvent(h.event) ? t(`exchange.hub.hops.${h.event}`) : h.event}
                  {h.agencyCode ? ` · ${h.agencyCode}` : ''}
                </Text>
                <Text size="xs" c="dimmed" className="cpdt-wrap">
                  {format.dateTime(h.at)} · {t('exchange.hub.message.hopActor', { actor: h.actor })}
                </Text>
                {h.detail ? (
                  <Text size="xs" className="cpdt-wrap">
                    <HopDetailText detail={h.detail} />
                  </Text>
                ) : null}
              </Stack>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function DeliveryItem({
  delivery: d,
  pending,
  onRequeue,
}: {
  delivery: Delivery;
  pending: boolean;
  onRequeue: () => void;
}) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600} ff="monospace">
              #{d.seq}
            </Text>
            <DeliveryStateBadge state={d.state} />
          </Group>
          <Text size="sm" className="cpdt-wrap">
            {d.systemId
              ? t('exchange.hub.message.routed', { code: d.agencyCode, system: d.systemId })
              : t('exchange.hub.message.addressed', { code: d.addressedCode })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('exchange.hub.message.fetches', { count: d.fetches })}
            {d.settledAt
              ? ` · ${t('exchange.hub.message.settledAt', { time: format.dateTime(d.settledAt) })}`
              : ''}
          </Text>
          {d.lastError ? (
            <Text size="xs" c="red.8" className="cpdt-wrap">
              {t('exchange.hub.message.lastError', { error: d.lastError })}
            </Text>
          ) : null}
        </Stack>
        {d.state === 'failed' ? (
          <Button
            size="xs"
            variant="outline"
            loading={pending}
            onClick={onRequeue}
            aria-label={t('exchange.hub.message.requeueLabel', { seq: d.seq, code: d.agencyCode })}
          >
            {t('exchange.hub.message.requeue')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

/** A hop's detail in the reader's language. */
function HopDetailText({ detail: d }: { detail: HopDetail }) {
  const { t } = useTranslation();
  const format = useExchangeFormat();
  if ('size' in d)
    return t('exchange.hub.hopDetail.received', {
      size: format.bytes(d.size),
      signature: isSignatureState(d.signature)
        ? t(`exchange.verification.outcome.${d.signature}`)
        : d.signature,
      count: d.warnings,
    });
  if ('system' in d)
    return d.addressedCode
      ? t('exchange.hub.hopDetail.successor', { code: d.addressedCode, system: d.system })
      : t('exchange.hub.hopDetail.system', { system: d.system });
  if ('successors' in d)
    return d.successors.length
      ? t('exchange.hub.hopDetail.successorsOffline', { codes: d.successors.join(', ') })
      : t('exchange.hub.hopDetail.offline');
  return t('exchange.hub.hopDetail.reason', { reason: d.reason });
}
