import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  STATUS_CODES,
  type BusinessDocType,
  type DeliveryState,
  type DocumentState,
  type KnownStatusCode,
} from './exchange.api.js';

/**
 * Badges cut long text with an ellipsis, and a table squeezes them: a state must be read whole. It wraps at
 * spaces on a narrow card, and stays on one line where its cell says so (white-space: nowrap).
 */
export const WHOLE = {
  root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', flexShrink: 0 },
  label: { whiteSpace: 'inherit', overflow: 'visible' },
} as const;

const STATE_COLOURS: Record<DocumentState, string> = {
  arrived: 'blue',
  registered: 'cyan',
  assigned: 'indigo',
  processing: 'yellow',
  completed: 'green',
  rejected: 'red',
  sending: 'gray',
  sent: 'teal',
  failed: 'red',
  revoked: 'orange',
};

export function DocumentStateBadge({ state }: { state: DocumentState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOURS[state] ?? 'gray'} variant="light" styles={WHOLE}>
      {t(`exchange.states.${state}`, { defaultValue: state })}
    </Badge>
  );
}

/**
 * A request about an earlier document (revoke, update, replace) looks like that document in a list: it says
 * what it is. A new document needs no badge.
 */
export function BusinessDocTypeBadge({ type }: { type: BusinessDocType }) {
  const { t } = useTranslation();
  if (type === '0' || !['1', '2', '3'].includes(type)) return null;
  return (
    <Badge color="grape" variant="light" styles={WHOLE}>
      {t(`exchange.businessDocType.t${type}`)}
    </Badge>
  );
}

/**
 * Normal urgency needs no badge in a list; the higher ones are louder, "hỏa tốc" filled red (a dark shade:
 * white on Mantine's red-6 is below 4.5:1).
 */
const PRIORITY_COLOURS = ['gray', 'orange', 'red', 'red.9', 'red.9'] as const;

export function PriorityBadge({ priority, always }: { priority: number; always?: boolean }) {
  const { t } = useTranslation();
  const p = Math.min(Math.max(Math.trunc(priority), 0), 4) as 0 | 1 | 2 | 3 | 4;
  if (p === 0 && !always) return null;
  return (
    <Badge color={PRIORITY_COLOURS[p]} variant={p >= 3 ? 'filled' : 'light'} styles={WHOLE}>
      {t(`exchange.priority.p${p}`)}
    </Badge>
  );
}

const isKnownStatus = (code: string): code is KnownStatusCode =>
  (STATUS_CODES as readonly string[]).includes(code);

/** An edXML status code in words ("03" → "Đã vào sổ"); an unknown code is still shown, as itself. */
export function useStatusLabel(): (code: string | null) => string {
  const { t } = useTranslation();
  return (code) =>
    code === null
      ? t('exchange.status.none')
      : isKnownStatus(code)
        ? t(`exchange.status.c${code}`)
        : t('exchange.status.other', { code });
}

const STATUS_COLOURS: Record<KnownStatusCode, string> = {
  '01': 'blue',
  '02': 'red',
  '03': 'cyan',
  '04': 'indigo',
  '05': 'yellow',
  '06': 'green',
  '13': 'orange',
  '15': 'teal',
  '16': 'red',
};

export function StatusBadge({ code }: { code: string | null }) {
  const label = useStatusLabel();
  const colour = code !== null && isKnownStatus(code) ? STATUS_COLOURS[code] : 'gray';
  return (
    <Badge color={colour} variant="light" styles={WHOLE}>
      {label(code)}
    </Badge>
  );
}

export const DELIVERY_COLOURS: Record<DeliveryState, string> = {
  queued: 'blue',
  done: 'green',
  failed: 'red',
  unroutable: 'orange',
};

export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  const { t } = useTranslation();
  return (
    <Badge color={DELIVERY_COLOURS[state] ?? 'gray'} variant="light" styles={WHOLE}>
      {t(`exchange.hub.deliveryStates.${state}`, { defaultValue: state })}
    </Badge>
  );
}
