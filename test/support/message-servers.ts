/**
 * Real local SMTP and SMPP servers for tests (not used by the running platform): the transports talk
 * the actual protocols, and what arrived is captured and decoded independently of our encoders.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import smpp, { type DecodedMessage, type PDU, type Session } from 'smpp';

// ---------------------------------------------------------------- SMTP

export interface CapturedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface SmtpTestServer {
  url: string;
  messages: CapturedMail[];
  close(): Promise<void>;
}

/** authOptional, no STARTTLS (no certificate here); recipients starting "reject" get a permanent 550. */
export async function startSmtpServer(): Promise<SmtpTestServer> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject'))
        return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const parsed = parseMime(Buffer.concat(chunks).toString('latin1'));
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parsed,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** RFC 2047 encoded words (B and Q), adjacent words joined as bytes so a split UTF-8 sequence survives. */
export function decodeHeader(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  const flush = () => {
    if (pending.length) out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (let m = word.exec(value); m; m = word.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(pending.length && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const [, , enc, data = ''] = m;
    pending.push(enc!.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qpBytes(data.replace(/_/g, ' ')));
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

function qpBytes(s: string): Buffer {
  const bytes: number[] = [];
  const clean = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(clean.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function headerParam(value: string, name: string): string | undefined {
  return new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value)?.[1];
}

/** Just enough MIME for what nodemailer writes: multipart trees, base64 and quoted-printable leaves. */
function parseMime(raw: string): Omit<CapturedMail, 'from' | 'to'> {
  const result: Omit<CapturedMail, 'from' | 'to'> = {
    headers: {},
    subject: '',
    text: '',
    html: null,
    attachments: [],
  };
  const walk = (entity: string, top: boolean) => {
    const split = entity.indexOf('\r\n\r\n');
    const head = entity.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const body = entity.slice(split + 4);
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    if (top) result.headers = headers;
    const type = headers['content-type'] ?? 'text/plain';
    const boundary = headerParam(type, 'boundary');
    if (type.toLowerCase().startsWith('multipart/') && boundary) {
      const parts = body.split(`--${boundary}`).slice(1);
      for (const part of parts) if (!part.startsWith('--')) walk(part.replace(/^\r\n/, ''), false);
      return;
    }
    const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
    const bytes =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? qpBytes(body)
          : Buffer.from(body, 'latin1');
    const disposition = headers['content-disposition'] ?? '';
    const filename = headerParam(disposition, 'filename');
    if (/^attachment/i.test(disposition) || filename) {
      result.attachments.push({
        filename: decodeHeader(filename ?? ''),
        contentType: type.split(';')[0]!.trim(),
        content: bytes,
      });
    } else if (type.toLowerCase().startsWith('text/html')) result.html = bytes.toString('utf8');
    else result.text = bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
  };
  walk(raw, true);
  result.subject = decodeHeader(result.headers['subject'] ?? '');
  return result;
}

// ---------------------------------------------------------------- SMPP

/** One submit_sm as the SMSC saw it; `text` decoded by the smpp package (iconv), not by our encoder. */
export interface CapturedSubmit {
  systemId: string;
  sourceAddr: string;
  destinationAddr: string;
  dataCoding: number;
  esmClass: number;
  /** Concatenation IE (reference, total, sequence) when the part carried a UDH. */
  concat: { ref: number; total: number; seq: number } | null;
  viaPayload: boolean;
  text: string;
}

export interface SmppTestServer {
  url: string;
  submits: CapturedSubmit[];
  binds: number;
  /** The whole texts, joined from their parts in sequence order. */
  texts(): string[];
  /** Answer the next submit_sm with this command_status (0 = accept). */
  failNextWith(status: number): void;
  /** Cut every client's session, as an SMSC restart would. */
  dropSessions(): void;
  close(): Promise<void>;
}

function decodedText(m: Buffer | DecodedMessage | undefined): { text: string; udh: Buffer[] } {
  if (!m) return { text: '', udh: [] };
  if (Buffer.isBuffer(m)) return { text: m.toString('latin1'), udh: [] };
  return { text: typeof m.message === 'string' ? m.message : m.message.toString('latin1'), udh: m.udh ?? [] };
}

/** An SMSC on a random loopback port: binds transceivers with the given credentials, accepts submit_sm. */
export async function startSmppServer(systemId = 'cpdt', password = 'secret'): Promise<SmppTestServer> {
  const submits: CapturedSubmit[] = [];
  let nextStatus = 0;
  let messageId = 0;
  const state = { binds: 0 };
  const sessions = new Set<Session>();
  const server = smpp.createServer((session) => {
    sessions.add(session);
    let boundAs = '';
    session.on('error', () => undefined);
    session.on('close', () => sessions.delete(session));
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: 0x0d })); // ESME_RBINDFAIL
        return session.close();
      }
      boundAs = pdu.system_id;
      state.binds++;
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (nextStatus) {
        session.send(pdu.response({ command_status: nextStatus }));
        nextStatus = 0;
        return;
      }
      const viaPayload = pdu.message_payload !== undefined;
      const { text, udh } = decodedText(viaPayload ? pdu.message_payload : pdu.short_message);
      const ie = udh.find((u) => u[0] === 0x00);
      submits.push({
        systemId: boundAs,
        sourceAddr: pdu.source_addr ?? '',
        destinationAddr: pdu.destination_addr ?? '',
        dataCoding: pdu.data_coding ?? 0,
        esmClass: pdu.esm_class ?? 0,
        concat: ie ? { ref: ie[2]!, total: ie[3]!, seq: ie[4]! } : null,
        viaPayload,
        text,
      });
      session.send(pdu.response({ message_id: `M${++messageId}` }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smpp://${encodeURIComponent(systemId)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    submits,
    get binds() {
      return state.binds;
    },
    texts() {
      const whole: string[] = [];
      const groups = new Map<string, CapturedSubmit[]>();
      for (const s of submits) {
        const key = `${s.destinationAddr}/${s.concat?.ref}`;
        if (!s.concat) whole.push(s.text);
        else groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      for (const parts of groups.values())
        whole.push(
          parts
            .sort((a, b) => a.concat!.seq - b.concat!.seq)
            .map((p) => p.text)
            .join(''),
        );
      return whole;
    },
    failNextWith(status) {
      nextStatus = status;
    },
    dropSessions() {
      for (const s of sessions) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}
