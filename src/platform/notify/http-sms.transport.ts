import {
  PermanentDeliveryError,
  type DeliveryReceipt,
  type OutgoingMessage,
  type Transport,
} from './transport.js';

export interface HttpSmsOptions {
  /** SMS_HTTP_URL: the gateway endpoint that takes POST {to, text}. */
  url: string;
  /** SMS_HTTP_TOKEN: sent as a bearer token. */
  token?: string | undefined;
  timeoutMs?: number;
}

/**
 * A generic HTTP SMS gateway: POST JSON {to, text} with a bearer token; 2xx is accepted and an `id` or
 * `messageId` in the JSON reply is kept. 4xx (but 408 and 429) is a refusal for good; the rest is retried.
 * Operators' own APIs differ; an adapter for one is a small class like this one.
 */
export class HttpSmsTransport implements Transport {
  readonly name = 'http-sms';

  constructor(private readonly opts: HttpSmsOptions) {}

  async send(m: OutgoingMessage): Promise<DeliveryReceipt> {
    const res = await fetch(this.opts.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}),
      },
      body: JSON.stringify({ to: m.address, text: m.text, reference: m.id }),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 20_000),
    });
    const body = await res.text();
    if (!res.ok) {
      const message = `SMS gateway answered ${res.status}: ${body.slice(0, 300)}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new PermanentDeliveryError(message, `HTTP_${res.status}`);
      throw Object.assign(new Error(message), { code: `HTTP_${res.status}` });
    }
    return { providerMessageId: providerId(body) };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function providerId(body: string): string | null {
  try {
    const json = JSON.parse(body) as { id?: unknown; messageId?: unknown };
    const id = json.id ?? json.messageId;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}
