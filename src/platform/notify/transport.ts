import type { StoredAttachment } from './schema.js';

/** One rendered message handed to a transport. `id` is stable across retries (it names the message). */
export interface OutgoingMessage {
  id: string;
  address: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: StoredAttachment[];
}

export interface DeliveryReceipt {
  /** The id the relay or SMSC gave the message (several, comma-separated, for a split SMS). */
  providerMessageId: string | null;
}

/** A way out for one channel (SMTP for e-mail; SMPP or an HTTP gateway for SMS). */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<DeliveryReceipt>;
  close(): Promise<void>;
}

/**
 * The provider refused this message for good (bad address, rejected content): retrying would get the
 * same answer, so the message is marked failed at once. Any other error is retried with back-off.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** A short, non-personal code for the audit record: never the provider's text, which may name the address. */
export function errorCode(e: unknown): string {
  if (e instanceof PermanentDeliveryError) return e.code;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_.-]{1,40}$/i.test(code) ? code : 'DELIVERY_ERROR';
}

export function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 2000);
}
