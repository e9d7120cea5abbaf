/**
 * Request authentication of the axis client protocol (VXP, the VPCP/VNPT SDK "SDKVXP", axis.md §3.4), so an
 * e-office system built on that SDK connects to a CPĐT hub unchanged:
 *
 *   systemid, timestamp, <call parameters>         plain headers
 *   XroadVnpt-<name>                                each of them again, prefixed
 *   XroadVnpt-sign-header-key                       the signed names, ';'-joined
 *   XroadVnpt-sign-header                           JSON {"XroadVnpt-<name>": value, …}
 *   XroadVnpt-hash-header                           hex HMAC-SHA256(secret, that JSON, byte for byte)
 *
 * The call parameters are read from the signed JSON only, never from unsigned headers. The body of sendEdoc is
 * bound by its `hash-file` parameter (SHA-256 of the file). The SDK has no nonce: CPĐT adds a clock window
 * (±5 minutes) and refuses a signature it has already seen in that window (per process).
 *
 * Instead of the signature, a system may send `Authorization: Bearer <access token>`: a client credentials
 * token of the deployment's OIDC provider, for the machine client bound to the system (hub.vxp.routes.ts).
 * Its call parameters are then the plain headers of the same names (bearerParams), unsigned: the token and
 * TLS vouch for the request, and sendEdoc's body is still bound by `hash-file`.
 */
import crypto from 'node:crypto';

export const VXP_PREFIX = 'XroadVnpt-';
export const VXP_VERSION = '3.0.201608';
const SIGN_HEADER = `${VXP_PREFIX}sign-header`;
const SIGN_HEADER_KEY = `${VXP_PREFIX}sign-header-key`;
const HASH_HEADER = `${VXP_PREFIX}hash-header`;

/** How far a request's timestamp may be from the hub's clock. */
export const VXP_CLOCK_WINDOW_MS = 5 * 60_000;

/** The headers of a signed request: the plain ones, the prefixed copies and the signature. */
export function signVxpHeaders(
  systemId: string,
  secret: string,
  params: Record<string, string>,
  now: Date,
): Record<string, string> {
  const plain: Record<string, string> = { systemid: systemId, timestamp: now.toISOString(), ...params };
  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(plain)) signed[`${VXP_PREFIX}${name}`] = value;
  const json = JSON.stringify(signed);
  return {
    ...plain,
    ...signed,
    [SIGN_HEADER_KEY]: Object.keys(plain).join(';'),
    [SIGN_HEADER]: json,
    [HASH_HEADER]: hmacHex(secret, json),
    [`${VXP_PREFIX}version`]: VXP_VERSION,
  };
}

function hmacHex(secret: string, data: string): string {
  return crypto.createHmac('sha256', secret).update(data, 'utf8').digest('hex');
}

export type VxpAuthFailure =
  | 'missing' // no signature headers
  | 'malformed' // sign-header is not a JSON object of strings
  | 'unknown_system'
  | 'signature' // HMAC mismatch
  | 'header_mismatch' // a signed value differs from the header actually sent
  | 'clock' // timestamp outside the window
  | 'replay';

export type VxpAuthResult =
  { ok: true; systemId: string; params: Record<string, string> } | { ok: false; failure: VxpAuthFailure };

type Headers = Record<string, string | string[] | undefined>;

const headerValue = (h: Headers, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Checks a request's VXP signature. `secretOf` returns the system's secret (undefined: unknown or inactive).
 * On success, `params` holds the signed parameters by their plain names (lower case), systemid included.
 */
export async function verifyVxpRequest(
  headers: Headers,
  secretOf: (systemId: string) => Promise<string | undefined>,
  now: Date,
  seen: ReplayCache,
): Promise<VxpAuthResult> {
  const json = headerValue(headers, SIGN_HEADER);
  const mac = headerValue(headers, HASH_HEADER);
  if (!json || !mac) return { ok: false, failure: 'missing' };
  let signed: unknown;
  try {
    signed = JSON.parse(json);
  } catch {
    return { ok: false, failure: 'malformed' };
  }
  if (typeof signed !== 'object' || signed === null || Array.isArray(signed))
    return { ok: false, failure: 'malformed' };
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(signed)) {
    if (typeof value !== 'string' || !key.startsWith(VXP_PREFIX)) return { ok: false, failure: 'malformed' };
    params[key.slice(VXP_PREFIX.length).toLowerCase()] = value;
  }
  const systemId = params['systemid'];
  const timestamp = params['timestamp'];
  if (!systemId || !timestamp) return { ok: false, failure: 'malformed' };
  const secret = await secretOf(systemId);
  if (secret === undefined) return { ok: false, failure: 'unknown_system' };
  const expected = Buffer.from(hmacHex(secret, json), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(mac) ? Buffer.from(mac, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, failure: 'signature' };
  // A signed value must be what was sent, wherever the client also sent it (prefixed or plain).
  for (const [key, value] of Object.entries(signed as Record<string, string>)) {
    for (const name of [key, key.slice(VXP_PREFIX.length)]) {
      const sent = headerValue(headers, name);
      if (sent !== undefined && sent !== value) return { ok: false, failure: 'header_mismatch' };
    }
  }
  const at = parseVxpTimestamp(timestamp);
  if (at === null || Math.abs(at.getTime() - now.getTime()) > VXP_CLOCK_WINDOW_MS)
    return { ok: false, failure: 'clock' };
  if (!seen.add(mac.toLowerCase(), now.getTime())) return { ok: false, failure: 'replay' };
  return { ok: true, systemId, params };
}

/**
 * The token of an `Authorization: Bearer <token>` header: undefined when the request does not use that
 * scheme (then the VXP signature applies), '' when the token is empty or malformed.
 */
export function bearerToken(headers: Headers): string | undefined {
  const value = headerValue(headers, 'authorization');
  const match = value === undefined ? null : /^Bearer(?:\s+(.*))?$/i.exec(value.trim());
  if (!match) return undefined;
  const token = (match[1] ?? '').trim();
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? token : '';
}

/** The call parameters a Bearer caller may send, as plain headers (lower-case names, as the signed ones). */
export const VXP_BEARER_PARAMS = [
  'systemid',
  'docid',
  'status',
  'reason',
  'hash-file',
  'messagetype',
  'limit',
];

/** A Bearer caller's call parameters, read from the plain headers named in VXP_BEARER_PARAMS. */
export function bearerParams(headers: Headers): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of VXP_BEARER_PARAMS) {
    const value = headerValue(headers, name);
    if (value !== undefined && value !== '') params[name] = value;
  }
  return params;
}

/**
 * ISO 8601, or the SDK's `ddMMyyyy'T'HHmmss` (+ a 4-digit suffix, its milliseconds field) in Vietnam time.
 */
export function parseVxpTimestamp(value: string): Date | null {
  const sdk = /^(\d{2})(\d{2})(\d{4})T(\d{2})(\d{2})(\d{2})(?:[+-]\d{1,4})?$/.exec(value);
  if (sdk) {
    const [, dd, mm, yyyy, hh, mi, ss] = sdk.map(Number) as [number, ...number[]];
    const t = Date.UTC(yyyy!, mm! - 1, dd, hh! - 7, mi, ss);
    return Number.isNaN(t) ? null : new Date(t);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * The SDK writes `hash-file` with Java's Integer.toHexString per byte, without zero padding: accept that
 * form as well as plain hex.
 */
export function sameFileHash(header: string, sha256: Buffer): boolean {
  const h = header.trim().toLowerCase();
  if (h === sha256.toString('hex')) return true;
  return h === [...sha256].map((b) => b.toString(16)).join('');
}

/** Signatures seen in the clock window; a second sighting is a replay. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = 2 * VXP_CLOCK_WINDOW_MS) {}

  /** False when `key` was already seen within the window. */
  add(key: string, nowMs: number): boolean {
    if (this.seen.size > 10_000) this.prune(nowMs);
    const at = this.seen.get(key);
    if (at !== undefined && nowMs - at < this.windowMs) return false;
    this.seen.set(key, nowMs);
    return true;
  }

  private prune(nowMs: number): void {
    for (const [key, at] of this.seen) if (nowMs - at >= this.windowMs) this.seen.delete(key);
  }
}
