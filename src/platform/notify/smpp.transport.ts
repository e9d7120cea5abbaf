import crypto from 'node:crypto';
import smpp, { type PDU, type Session } from 'smpp';
import { ESM_CLASS_UDHI, encodeSms } from './sms-encoding.js';
import {
  PermanentDeliveryError,
  type DeliveryReceipt,
  type OutgoingMessage,
  type Transport,
} from './transport.js';

export interface SmppOptions {
  /** smpp://systemId:password@host:2775 (ssmpp:// for TLS); `?long=payload` sends long texts in message_payload. */
  url: string;
  /** SMPP_SOURCE_ADDR: a brand name (alphanumeric) or a number. */
  sourceAddr: string;
  timeoutMs?: number;
  enquireLinkMs?: number;
  logger?: { warn(obj: object, msg: string): void };
}

/** submit_sm statuses that are about the SMSC's state, not the message: worth retrying. */
const TRANSIENT_STATUS = new Set([0x04, 0x08, 0x14, 0x45, 0x58, 0x64, 0xff]);

interface Pending {
  reject(e: Error): void;
}

/**
 * SMS through an SMSC over SMPP 3.4 (transceiver bind). One long-lived session per process, bound on first
 * use; a broken session is dropped and the next message binds a new one (reconnect on failure).
 */
export class SmppTransport implements Transport {
  readonly name = 'smpp';
  private readonly host: string;
  private readonly port: number;
  private readonly tls: boolean;
  private readonly systemId: string;
  private readonly password: string;
  private readonly systemType: string;
  private readonly longMode: 'udh' | 'payload';
  private readonly timeoutMs: number;
  private session: Session | undefined;
  private bound: Promise<Session> | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Pending>();

  constructor(private readonly opts: SmppOptions) {
    const u = new URL(opts.url);
    if (u.protocol !== 'smpp:' && u.protocol !== 'ssmpp:')
      throw new Error(`SMPP_URL must be smpp:// or ssmpp://`);
    this.tls = u.protocol === 'ssmpp:';
    this.host = u.hostname;
    this.port = u.port ? Number(u.port) : this.tls ? 3550 : 2775;
    this.systemId = decodeURIComponent(u.username);
    this.password = decodeURIComponent(u.password);
    this.systemType = u.searchParams.get('system_type') ?? '';
    this.longMode = u.searchParams.get('long') === 'payload' ? 'payload' : 'udh';
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  async send(m: OutgoingMessage): Promise<DeliveryReceipt> {
    const encoded = encodeSms(m.text, crypto.randomInt(256));
    const base = {
      service_type: '',
      ...this.sourceAddress(),
      dest_addr_ton: 1, // international, from the stored +84… form
      dest_addr_npi: 1,
      destination_addr: m.address.replace(/^\+/, ''),
      registered_delivery: 0,
      data_coding: encoded.dataCoding,
    };
    const pdus =
      this.longMode === 'payload' && encoded.udh
        ? [{ ...base, esm_class: 0, short_message: Buffer.alloc(0), message_payload: encoded.payload }]
        : encoded.parts.map((part) => ({
            ...base,
            esm_class: encoded.udh ? ESM_CLASS_UDHI : 0,
            short_message: part,
          }));
    const ids: string[] = [];
    for (const fields of pdus) {
      // A session the SMSC dropped while idle fails on the first part: bind again once, before anything
      // of this message went out (resending accepted parts would duplicate them on the phone).
      let resp: PDU;
      try {
        resp = await this.submit(await this.connect(), fields);
      } catch (e) {
        if (ids.length > 0 || (e as { code?: unknown }).code !== 'SMPP_DISCONNECTED') throw e;
        resp = await this.submit(await this.connect(), fields);
      }
      ids.push(resp.message_id ?? '');
    }
    return { providerMessageId: ids.filter(Boolean).join(',') || null };
  }

  async close(): Promise<void> {
    const session = this.session;
    this.drop(new Error('SMPP transport closed'));
    if (!session) return;
    await new Promise<void>((resolve) => {
      const done = setTimeout(() => session.destroy(() => resolve()), 1000);
      const sent = session.send(new smpp.PDU('unbind'), () => {
        clearTimeout(done);
        session.close(() => resolve());
      });
      if (!sent) {
        clearTimeout(done);
        session.destroy(() => resolve());
      }
    });
  }

  /** Alphanumeric sender ids ("CPDT") are TON 5; numbers are international or short codes. */
  private sourceAddress() {
    const addr = this.opts.sourceAddr;
    if (/^\+?\d{8,15}$/.test(addr))
      return { source_addr_ton: 1, source_addr_npi: 1, source_addr: addr.replace(/^\+/, '') };
    if (/^\d+$/.test(addr)) return { source_addr_ton: 3, source_addr_npi: 0, source_addr: addr };
    return { source_addr_ton: 5, source_addr_npi: 0, source_addr: addr };
  }

  private connect(): Promise<Session> {
    this.bound ??= this.bind();
    return this.bound;
  }

  private bind(): Promise<Session> {
    const session = smpp.connect({ host: this.host, port: this.port, tls: this.tls });
    this.session = session;
    // Requests the SMSC sends us must be answered, or it stops talking to us.
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('deliver_sm', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      this.drop(new Error('SMSC unbound the session'), session);
      session.close();
    });
    session.on('unknown', (pdu: PDU) => session.send(pdu.response()));
    session.on('error', (e: Error) => {
      this.opts.logger?.warn({ err: e.message }, 'SMPP session error');
      this.drop(e, session);
    });
    session.on('close', () => this.drop(new Error('SMPP connection closed'), session));
    return new Promise<Session>((resolve, reject) => {
      // A host that never answers (firewall drop) must fail the attempt, not hang the job until its lease ends.
      const connecting = setTimeout(() => {
        const e = Object.assign(new Error('SMPP connect timed out'), { code: 'SMPP_TIMEOUT' });
        this.drop(e, session);
        session.destroy();
        reject(e);
      }, this.timeoutMs);
      session.once(this.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(connecting);
        session.socket.unref(); // an idle SMSC link must not keep the process alive
        this.request(session, 'bind_transceiver', {
          system_id: this.systemId,
          password: this.password,
          system_type: this.systemType,
          interface_version: 0x34,
        }).then((resp) => {
          if (resp.command_status !== 0) {
            const e = new Error(`SMPP bind refused: status 0x${resp.command_status.toString(16)}`);
            this.drop(e, session);
            session.destroy();
            return reject(e);
          }
          this.startKeepalive(session);
          resolve(session);
        }, reject);
      });
      let cause = '';
      session.once('error', (e: Error) => (cause = `: ${e.message}`));
      session.once('close', () => {
        clearTimeout(connecting);
        reject(
          Object.assign(new Error(`SMPP connection closed before bind${cause}`), {
            code: 'SMPP_DISCONNECTED',
          }),
        );
      });
    });
  }

  private async submit(session: Session, fields: Record<string, unknown>): Promise<PDU> {
    const resp = await this.request(session, 'submit_sm', fields);
    if (resp.command_status === 0) return resp;
    const status = `0x${resp.command_status.toString(16).padStart(2, '0')}`;
    if (TRANSIENT_STATUS.has(resp.command_status))
      throw Object.assign(new Error(`SMSC busy: status ${status}`), { code: `SMPP_${status}` });
    throw new PermanentDeliveryError(`SMSC refused the message: status ${status}`, `SMPP_${status}`);
  }

  /** One request and its response, with a timeout; a session that stops answering is dropped. */
  private request(session: Session, command: string, fields: Record<string, unknown>): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const entry: Pending = { reject };
      const settle = () => {
        clearTimeout(timer);
        this.pending.delete(entry);
      };
      entry.reject = (e) => {
        settle();
        reject(e);
      };
      const timer = setTimeout(() => {
        entry.reject(Object.assign(new Error(`SMPP ${command} timed out`), { code: 'SMPP_TIMEOUT' }));
        this.drop(new Error('SMPP session unresponsive'), session);
        session.destroy();
      }, this.timeoutMs);
      this.pending.add(entry);
      const sent = session.send(new smpp.PDU(command, fields), (resp) => {
        settle();
        resolve(resp);
      });
      if (!sent) {
        entry.reject(
          Object.assign(new Error('SMPP connection is not writable'), { code: 'SMPP_DISCONNECTED' }),
        );
        this.drop(new Error('SMPP connection is not writable'), session);
      }
    });
  }

  private startKeepalive(session: Session): void {
    const every = this.opts.enquireLinkMs ?? 30_000;
    this.keepalive = setInterval(() => {
      this.request(session, 'enquire_link', {}).catch(() => undefined); // a timeout drops the session
    }, every);
    this.keepalive.unref();
  }

  /** Forget a broken session (only if it is still the current one) and fail what waited on it. */
  private drop(reason: Error, session?: Session): void {
    if (session && session !== this.session) return;
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = undefined;
    this.session = undefined;
    this.bound = undefined;
    for (const p of [...this.pending])
      p.reject(Object.assign(new Error(reason.message), { code: 'SMPP_DISCONNECTED' }));
  }
}
