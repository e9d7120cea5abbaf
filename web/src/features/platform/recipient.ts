import type { OutboxMessage } from '../../api/types.js';

/** How a message's recipient reads in the outbox: the person's name, and the address where it adds anything. */
export function recipientLabel(
  m: Pick<OutboxMessage, 'channel' | 'address' | 'recipientName'>,
  noAddress: string,
): string {
  if (m.channel === 'inapp') return m.recipientName ?? m.address ?? noAddress;
  if (!m.recipientName) return m.address ?? noAddress;
  return `${m.recipientName} · ${m.address ?? noAddress}`;
}
