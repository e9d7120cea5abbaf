/**
 * RFC 3161 time-stamping client: proof from a time-stamping authority (TSA) that a signature existed at a
 * time, so it stays verifiable after the signer's certificate expires (CAdES-T). The request carries the
 * SHA-256 of the data, a fresh nonce and asks for the TSA's certificate; the answer must be granted, over
 * exactly that digest, with our nonce, and its signature must verify with the TSA certificate it carries,
 * whose extended key usage must be timeStamping.
 */
import crypto from 'node:crypto';
import { CmsError, verifyEnclosed } from './cms.js';
import {
  DerError,
  bool,
  certificateParts,
  expect,
  isTag,
  octets,
  oid,
  parseDer,
  readIntegerBytes,
  readOctets,
  readOid,
  readSmallInt,
  readTime,
  seq,
  smallInt,
  uint,
  TAG,
} from './der.js';

export const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const EXT_KEY_USAGE = '2.5.29.37';
const MAX_RESPONSE_BYTES = 1024 * 1024;

export type TsaErrorReason = 'unreachable' | 'rejected' | 'malformed' | 'mismatch';

export class TsaError extends Error {
  constructor(
    readonly reason: TsaErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TsaError';
  }
}

export interface TimestampInfo {
  genTime: Date;
  /** SHA-256 the token covers (hex). */
  messageImprint: string;
  serialNumber: string;
  policy: string;
  /** The TSA's certificate (DER) that signed the token. */
  tsaCertificate: Buffer;
}

/** The DER TimeStampReq for `digest` (SHA-256) with `nonce`, asking for the TSA certificate. */
export function timestampRequest(digest: Buffer, nonce: Buffer): Buffer {
  return seq(smallInt(1), seq(seq(oid(SHA256)), octets(digest)), uint(nonce), bool(true));
}

const magnitude = (bytes: Buffer): string => {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i).toString('hex');
};

/**
 * Reads and checks a timestamp token (a CMS SignedData over a TSTInfo): signature, the TSA certificate's
 * timeStamping usage, the message imprint equal to `digest` and, when given, the nonce.
 */
export function readTimestampToken(token: Buffer, digest: Buffer, nonce?: Buffer): TimestampInfo {
  let verified: ReturnType<typeof verifyEnclosed>;
  try {
    verified = verifyEnclosed(token, ID_CT_TSTINFO);
  } catch (e) {
    if (e instanceof CmsError && e.reason !== 'malformed')
      throw new TsaError('mismatch', `The timestamp token does not verify (${e.reason})`, { cause: e });
    throw new TsaError('malformed', 'Not a timestamp token', { cause: e });
  }
  let info: TimestampInfo;
  let tokenNonce: Buffer | null = null;
  try {
    const tst = expect(parseDer(verified.content), TAG.SEQUENCE, 'TSTInfo').children;
    let i = 0;
    readSmallInt(tst[i++]);
    const policy = readOid(tst[i++]);
    const imprint = expect(tst[i++], TAG.SEQUENCE, 'MessageImprint').children;
    const hashOid = readOid(expect(imprint[0], TAG.SEQUENCE, 'hashAlgorithm').children[0]);
    const hashed = readOctets(imprint[1]);
    const serial = readIntegerBytes(tst[i++]);
    const genTime = readTime(tst[i++]);
    for (; i < tst.length; i++) {
      const n = tst[i];
      if (isTag(n, TAG.INTEGER)) tokenNonce = n.content;
    }
    if (hashOid !== SHA256) throw new TsaError('mismatch', 'The token is not over a SHA-256 digest');
    info = {
      genTime,
      messageImprint: hashed.toString('hex'),
      serialNumber: serial.toString('hex'),
      policy,
      tsaCertificate: verified.signerCertificate,
    };
  } catch (e) {
    if (e instanceof TsaError) throw e;
    throw new TsaError('malformed', 'Unreadable TSTInfo', { cause: e });
  }
  if (info.messageImprint !== digest.toString('hex'))
    throw new TsaError('mismatch', 'The token is over other data');
  if (nonce && (!tokenNonce || magnitude(tokenNonce) !== magnitude(nonce)))
    throw new TsaError('mismatch', 'The token does not carry our nonce');
  try {
    const eku = certificateParts(info.tsaCertificate).extensions.get(EXT_KEY_USAGE);
    const usages = eku ? parseDer(eku.value).children.map((n) => readOid(n)) : [];
    if (!usages.includes(TIME_STAMPING)) throw new DerError('no timeStamping usage');
  } catch (e) {
    throw new TsaError('mismatch', 'The token is not signed by a time-stamping certificate', { cause: e });
  }
  return info;
}

/** Parses a TimeStampResp: the token when granted; TsaError otherwise. */
export function readTimestampResponse(body: Buffer): Buffer {
  let status: number;
  let token: Buffer | null = null;
  let text = '';
  try {
    const resp = expect(parseDer(body), TAG.SEQUENCE, 'TimeStampResp').children;
    const statusInfo = expect(resp[0], TAG.SEQUENCE, 'PKIStatusInfo').children;
    status = readSmallInt(statusInfo[0]);
    if (isTag(statusInfo[1], TAG.SEQUENCE))
      text = statusInfo[1].children.map((c) => c.content.toString('utf8')).join(' ');
    if (resp[1]) token = Buffer.from(expect(resp[1], TAG.SEQUENCE, 'TimeStampToken').raw);
  } catch (e) {
    throw new TsaError('malformed', 'Not a time-stamp response', { cause: e });
  }
  if (status !== 0 && status !== 1)
    throw new TsaError('rejected', `The TSA refused (status ${status}${text ? `: ${text}` : ''})`);
  if (!token) throw new TsaError('malformed', 'The TSA granted but sent no token');
  return token;
}

export interface TsaClientOptions {
  url: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Asks the TSA for a token over SHA-256(`data`); returns the checked token (DER). */
export async function requestTimestamp(data: Buffer, options: TsaClientOptions): Promise<Buffer> {
  const digest = crypto.createHash('sha256').update(data).digest();
  const nonce = crypto.randomBytes(8);
  nonce[0] = nonce[0]! & 0x7f;
  const request = timestampRequest(digest, nonce);
  let body: Buffer;
  try {
    const res = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(request),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_RESPONSE_BYTES) throw new Error('response too large');
  } catch (cause) {
    throw new TsaError('unreachable', `The TSA at ${options.url} did not answer`, { cause });
  }
  const token = readTimestampResponse(body);
  readTimestampToken(token, digest, nonce);
  return token;
}
