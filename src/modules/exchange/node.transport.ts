/**
 * How an agency node talks to its hub: over HTTPS with the axis client protocol (VXP headers, HMAC-SHA256),
 * or, when this deployment is its own hub, by calling the hub in process as the `local` system.
 * Failures say whether trying again can help: a refusal (the hub answered 4xx: invalid envelope, no route…)
 * will not change by resending; a transport failure (no answer, 5xx, 429) will be retried.
 */
import crypto from 'node:crypto';
import { isAppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { acceptEnvelope, acknowledge, fetchDelivery, listReceived } from './hub.service.js';
import { directory } from './hub.systems.js';
import { VXP_PREFIX_PATH } from './hub.vxp.routes.js';
import { signVxpHeaders } from './vxp.auth.js';

export interface Incoming {
  docId: string;
  messageId: string;
  messageType: 'edoc' | 'status';
  /** The node agency it is for. */
  to: string;
  sha256: string;
}

export interface HubClient {
  send(envelope: Buffer): Promise<{ messageId: string; duplicate: boolean }>;
  received(): Promise<Incoming[]>;
  download(docId: string): Promise<Buffer>;
  acknowledge(docId: string, status: 'done' | 'fail', reason?: string): Promise<void>;
}

/** The hub refused (do not resend as is): its code and message. */
export class HubRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The local system's id: the in-process hub hosts the node's own agencies under it. */
export const LOCAL_SYSTEM_ID = 'local';

export class LocalHubClient implements HubClient {
  constructor(private readonly p: Platform) {}

  private async system() {
    const system = (await directory(this.p)).systems.get(LOCAL_SYSTEM_ID);
    if (!system) throw new Error('the local exchange system is not registered');
    return system;
  }

  async send(envelope: Buffer) {
    try {
      const r = await acceptEnvelope(this.p, await this.system(), envelope);
      return { messageId: r.messageId, duplicate: r.duplicate };
    } catch (e) {
      if (isAppError(e) && e.status < 500) throw new HubRefusal(e.code, e.message);
      throw e;
    }
  }

  async received(): Promise<Incoming[]> {
    return (await listReceived(this.p, LOCAL_SYSTEM_ID)).map((i) => ({
      docId: i.docId,
      messageId: i.messageId,
      messageType: i.messageType,
      to: i.to,
      sha256: i.sha256,
    }));
  }

  async download(docId: string): Promise<Buffer> {
    const { body } = await fetchDelivery(this.p, LOCAL_SYSTEM_ID, docId);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  acknowledge(docId: string, status: 'done' | 'fail', reason?: string): Promise<void> {
    return acknowledge(this.p, LOCAL_SYSTEM_ID, docId, status, reason);
  }
}

interface VxpAnswer {
  status?: string;
  ErrorCode?: string;
  ErrorDesc?: string;
  DocId?: string;
  duplicate?: boolean;
  data?: unknown;
}

export class HttpHubClient implements HubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly systemId: string,
    private readonly secret: string,
    private readonly timeoutMs = 60_000,
  ) {}

  private async call(path: string, params: Record<string, string>, body?: Buffer): Promise<Response> {
    const headers = signVxpHeaders(this.systemId, this.secret, params, new Date());
    // Relative to the configured URL, so a hub behind a path prefix (https://host/truc/) is reached there.
    const base = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    const url = new URL(`${VXP_PREFIX_PATH.replace(/^\//, '')}/${path}`, base);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': body ? 'application/octet-stream' : 'application/json' },
        body: (body ?? '{}') as unknown as BodyInit,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new Error(`hub unreachable: ${(e as Error).message}`, { cause: e });
    }
    if (response.ok) return response;
    const answer = (await response.json().catch(() => ({}))) as VxpAnswer;
    const message = `${answer.ErrorCode ?? response.status} ${answer.ErrorDesc ?? response.statusText}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
      throw new HubRefusal(answer.ErrorCode ?? `HTTP_${response.status}`, message);
    throw new Error(`hub answered ${response.status}: ${message}`);
  }

  private async json(path: string, params: Record<string, string>, body?: Buffer): Promise<VxpAnswer> {
    return (await (await this.call(path, params, body)).json()) as VxpAnswer;
  }

  async send(envelope: Buffer) {
    const hash = crypto.createHash('sha256').update(envelope).digest('hex');
    const answer = await this.json('sendEdoc', { servicetype: 'eDoc', 'hash-file': hash }, envelope);
    if (!answer.DocId) throw new Error('hub answered without DocId');
    return { messageId: answer.DocId, duplicate: answer.duplicate === true };
  }

  async received(): Promise<Incoming[]> {
    const answer = await this.json('getReceivedEdocList', { servicetype: 'eDoc' });
    return ((answer.data as Incoming[] | undefined) ?? []).map((i) => ({
      docId: String(i.docId),
      messageId: i.messageId,
      messageType: i.messageType,
      to: i.to,
      sha256: i.sha256,
    }));
  }

  async download(docId: string): Promise<Buffer> {
    const response = await this.call('downloadEdoc', { docid: docId });
    return Buffer.from(await response.arrayBuffer());
  }

  async acknowledge(docId: string, status: 'done' | 'fail', reason?: string): Promise<void> {
    await this.json('updateStatus', {
      docid: docId,
      status,
      ...(reason ? { reason: reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 500) } : {}),
    });
  }
}
