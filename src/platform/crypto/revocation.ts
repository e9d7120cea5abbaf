/**
 * Is a certificate revoked? Asked of the sources the certificate names, and of CRLs the operator put in the
 * trust folder:
 *
 * - OCSP (RFC 6960) at the Authority Information Access OCSP URL, when PKI_OCSP is 'on' (the default): the
 *   request carries a fresh nonce; the response must be signed by the issuing CA or by a responder it
 *   delegated (a certificate it issued with extendedKeyUsage id-kp-OCSPSigning), must answer for this
 *   certificate, echo the nonce (or be fresh, for responders that pre-produce answers) and be current.
 * - CRLs (RFC 5280) from the CRL Distribution Points (http/https), signed by the issuing CA, current
 *   (thisUpdate ≤ now < nextUpdate), kept until their nextUpdate.
 *
 * A certificate naming neither (and with no CRL of its issuer in the trust folder) is 'none': nothing to ask.
 * A source named but unreachable or unreadable is 'unknown', which validation treats as failure unless
 * PKI_REVOCATION_SOFT_FAIL=true.
 */
import crypto from 'node:crypto';
import {
  CONTEXT,
  DerError,
  certificateParts,
  expect,
  explicit,
  isContext,
  isTag,
  nullValue,
  octets,
  oid,
  parseDer,
  readBitString,
  readOctets,
  readOid,
  readSmallInt,
  readTime,
  seq,
  tlv,
  TAG,
  type CertificateParts,
  type Node,
} from './der.js';

export type RevocationStatus =
  | { status: 'good'; source: 'crl' | 'ocsp'; /** Re-ask no later than this. */ until: Date | null }
  | { status: 'revoked'; source: 'crl' | 'ocsp'; revokedAt: Date }
  | { status: 'none' }
  | { status: 'unknown'; detail: string };

export interface RevocationOptions {
  ocsp: boolean;
  timeoutMs: number;
  /** CRLs from the trust folder (DER). */
  localCrls: () => readonly Buffer[];
  /** Overridable for tests. */
  fetch?: typeof fetch;
}

const OIDS = {
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocsp: '1.3.6.1.5.5.7.48.1',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  sha1: '1.3.14.3.2.26',
  extKeyUsage: '2.5.29.37',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** Signature algorithms for certificates, CRLs, OCSP responses: OID → node hash (null: RSA-PSS, unsupported). */
const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.10045.4.1': 'sha1',
};

/** Verifies `signature` over `tbs` with `key`, the algorithm named by an AlgorithmIdentifier node. */
export function verifySigned(
  tbs: Buffer,
  algorithm: Node | undefined,
  signature: Buffer,
  key: crypto.KeyObject,
): boolean {
  try {
    const hash =
      SIGNATURE_HASHES[readOid(expect(algorithm, TAG.SEQUENCE, 'AlgorithmIdentifier').children[0])];
    if (!hash) return false;
    return crypto.verify(
      hash,
      tbs,
      key.asymmetricKeyType === 'ec'
        ? { key, dsaEncoding: 'der' }
        : { key, padding: crypto.constants.RSA_PKCS1_PADDING },
      signature,
    );
  } catch {
    return false;
  }
}

/** http(s) URIs among GeneralNames (uniformResourceIdentifier [6]). */
function uris(names: readonly Node[]): string[] {
  return names
    .filter((n) => isContext(n, 6) && !n.constructed)
    .map((n) => n.content.toString('latin1'))
    .filter((u) => /^https?:\/\//i.test(u));
}

/** The CRL Distribution Points' http(s) URLs. */
export function crlUrls(parts: CertificateParts): string[] {
  const ext = parts.extensions.get(OIDS.crlDistributionPoints);
  if (!ext) return [];
  const out: string[] = [];
  for (const dp of expect(parseDer(ext.value), TAG.SEQUENCE, 'CRLDistributionPoints').children) {
    const name = dp.children.find((c) => isContext(c, 0));
    const fullName = name?.children.find((c) => isContext(c, 0));
    if (fullName) out.push(...uris(fullName.children));
  }
  return out;
}

/** The Authority Information Access OCSP URLs. */
export function ocspUrls(parts: CertificateParts): string[] {
  const ext = parts.extensions.get(OIDS.authorityInfoAccess);
  if (!ext) return [];
  const out: string[] = [];
  for (const ad of expect(parseDer(ext.value), TAG.SEQUENCE, 'AuthorityInfoAccess').children) {
    const [method, location] = ad.children;
    if (readOid(method) === OIDS.ocsp && location) out.push(...uris([location]));
  }
  return out;
}

/** Serial numbers compared as unsigned magnitudes (leading zero octets ignored). */
function serialKey(bytes: Buffer): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i).toString('hex');
}

interface ParsedCrl {
  issuer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: Map<string, Date>;
  tbs: Buffer;
  algorithm: Node;
  signature: Buffer;
}

export function parseCrl(der: Buffer): ParsedCrl {
  const list = expect(parseDer(der), TAG.SEQUENCE, 'CertificateList');
  const tbs = expect(list.children[0], TAG.SEQUENCE, 'TBSCertList');
  const c = tbs.children;
  let i = 0;
  if (isTag(c[i], TAG.INTEGER)) i++;
  expect(c[i++], TAG.SEQUENCE, 'signature');
  const issuer = expect(c[i++], TAG.SEQUENCE, 'issuer').raw;
  const thisUpdate = readTime(c[i++]);
  let nextUpdate: Date | null = null;
  const next = c[i];
  if (next && next.cls === 0 && (next.number === 23 || next.number === 24)) {
    nextUpdate = readTime(next);
    i++;
  }
  const revoked = new Map<string, Date>();
  if (isTag(c[i], TAG.SEQUENCE)) {
    for (const entry of c[i]!.children) {
      const [serial, date] = expect(entry, TAG.SEQUENCE, 'revoked certificate').children;
      revoked.set(serialKey(expect(serial, TAG.INTEGER, 'serial').content), readTime(date));
    }
  }
  return {
    issuer,
    thisUpdate,
    nextUpdate,
    revoked,
    tbs: tbs.raw,
    algorithm: expect(list.children[1], TAG.SEQUENCE, 'signatureAlgorithm'),
    signature: readBitString(list.children[2]),
  };
}

/** Allowed difference between our clock and a CA's for thisUpdate. */
const SKEW_MS = 5 * 60_000;
/** An OCSP answer without our nonce is accepted only when this fresh. */
const OCSP_FRESH_MS = 10 * 60_000;
const MAX_CRL_BYTES = 50 * 1024 * 1024;
/** How long a CRL without nextUpdate is kept. */
const CRL_DEFAULT_TTL_MS = 60 * 60_000;

export interface IssuerInfo {
  der: Buffer;
  parts: CertificateParts;
  key: crypto.KeyObject;
}

export function issuerInfo(der: Buffer): IssuerInfo {
  return { der, parts: certificateParts(der), key: new crypto.X509Certificate(der).publicKey };
}

export class RevocationChecker {
  private readonly crlCache = new Map<string, { crl: ParsedCrl; until: number }>();
  private readonly inflight = new Map<string, Promise<ParsedCrl>>();
  private readonly localChecked = new WeakMap<Buffer, Map<string, ParsedCrl | null>>();
  private readonly checking = new Map<string, Promise<RevocationStatus>>();

  constructor(private readonly options: RevocationOptions) {}

  private get fetcher(): typeof fetch {
    return this.options.fetch ?? fetch;
  }

  private async download(url: string, init: RequestInit = {}): Promise<Buffer> {
    const res = await this.fetcher(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_CRL_BYTES) throw new Error(`Response from ${url} too large`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_CRL_BYTES) throw new Error(`Response from ${url} too large`);
    return body;
  }

  /** A CRL parsed, signature-checked against `issuer`, and current at `now`; throws otherwise. */
  private checkedCrl(der: Buffer, issuer: IssuerInfo, now: number): ParsedCrl {
    const blocks = der.toString('latin1').includes('-----BEGIN')
      ? [
          Buffer.from(
            /-----BEGIN X509 CRL-----([\s\S]*?)-----END/.exec(der.toString('latin1'))?.[1] ?? '',
            'base64',
          ),
        ]
      : [der];
    const crl = parseCrl(blocks[0]!);
    // The issuer's key is what matters: names may be encoded differently (PrintableString / UTF8String).
    if (!verifySigned(crl.tbs, crl.algorithm, crl.signature, issuer.key))
      throw new Error(
        crl.issuer.equals(issuer.parts.subject) ? 'CRL signature invalid' : 'CRL issued by another CA',
      );
    if (crl.thisUpdate.getTime() > now + SKEW_MS) throw new Error('CRL not yet valid');
    if (crl.nextUpdate && crl.nextUpdate.getTime() <= now) throw new Error('CRL out of date');
    return crl;
  }

  private async crlFrom(url: string, issuer: IssuerInfo, now: number): Promise<ParsedCrl> {
    const cached = this.crlCache.get(url);
    if (cached && cached.until > now) return cached.crl;
    const key = `${url}\n${issuer.parts.subject.toString('hex')}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = (async () => {
        const crl = this.checkedCrl(await this.download(url), issuer, now);
        this.crlCache.set(url, {
          crl,
          until: crl.nextUpdate ? crl.nextUpdate.getTime() : now + CRL_DEFAULT_TTL_MS,
        });
        return crl;
      })().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** CRLs of this issuer in the trust folder (current and correctly signed). */
  private localCrls(issuer: IssuerInfo, now: number): ParsedCrl[] {
    const out: ParsedCrl[] = [];
    const issuerId = issuer.parts.subject.toString('hex') + issuer.parts.publicKeyBits.toString('hex');
    for (const der of this.options.localCrls()) {
      // Parsed and signature-checked once per file content and issuer; freshness is checked every time.
      let byIssuer = this.localChecked.get(der);
      if (!byIssuer) this.localChecked.set(der, (byIssuer = new Map<string, ParsedCrl | null>()));
      let crl = byIssuer.get(issuerId);
      if (crl === undefined) {
        try {
          crl = this.checkedCrl(der, issuer, now);
        } catch {
          // another CA's CRL, or a bad one: not evidence about this certificate
          crl = null;
        }
        byIssuer.set(issuerId, crl);
      }
      if (!crl) continue;
      if (crl.nextUpdate && crl.nextUpdate.getTime() <= now) continue;
      out.push(crl);
    }
    return out;
  }

  private fromCrl(crl: ParsedCrl, serial: string): RevocationStatus {
    const revokedAt = crl.revoked.get(serial);
    if (revokedAt) return { status: 'revoked', source: 'crl', revokedAt };
    return { status: 'good', source: 'crl', until: crl.nextUpdate };
  }

  /**
   * The revocation status of `certificate` (DER) issued by `issuer`, as of now. Concurrent questions about
   * the same certificate share one answer (a thousand votes arriving at once ask the responder once).
   */
  check(certificate: Buffer, issuer: IssuerInfo): Promise<RevocationStatus> {
    const key = crypto.createHash('sha256').update(certificate).update(issuer.der).digest('hex');
    let pending = this.checking.get(key);
    if (!pending) {
      pending = this.checkNow(certificate, issuer).finally(() => this.checking.delete(key));
      this.checking.set(key, pending);
    }
    return pending;
  }

  private async checkNow(certificate: Buffer, issuer: IssuerInfo): Promise<RevocationStatus> {
    const now = Date.now();
    let parts: CertificateParts;
    let crlLocations: string[];
    let ocspLocations: string[];
    try {
      parts = certificateParts(certificate);
      crlLocations = crlUrls(parts);
      ocspLocations = this.options.ocsp ? ocspUrls(parts) : [];
    } catch (e) {
      return { status: 'unknown', detail: `unreadable certificate extensions: ${(e as Error).message}` };
    }
    const serial = serialKey(parts.serial);

    const local = this.localCrls(issuer, now);
    for (const crl of local) {
      const r = this.fromCrl(crl, serial);
      if (r.status === 'revoked') return r;
    }

    const problems: string[] = [];
    for (const url of ocspLocations) {
      try {
        const r = await this.ocsp(url, certificate, parts, issuer, now);
        if (r) return r;
        problems.push(`${url}: the responder does not know the certificate`);
      } catch (e) {
        problems.push(`${url}: ${(e as Error).message}`);
      }
    }
    for (const url of crlLocations) {
      try {
        return this.fromCrl(await this.crlFrom(url, issuer, now), serial);
      } catch (e) {
        problems.push(`${url}: ${(e as Error).message}`);
      }
    }
    if (local.length > 0) return this.fromCrl(local[0]!, serial);
    if (problems.length > 0) return { status: 'unknown', detail: problems.join('; ') };
    return { status: 'none' };
  }

  /** One OCSP exchange; null when the responder answers 'unknown'; throws when there is no usable answer. */
  private async ocsp(
    url: string,
    certificate: Buffer,
    parts: CertificateParts,
    issuer: IssuerInfo,
    now: number,
  ): Promise<RevocationStatus | null> {
    const nameHash = crypto.createHash('sha1').update(issuer.parts.subject).digest();
    const keyHash = crypto.createHash('sha1').update(issuer.parts.publicKeyBits).digest();
    const certId = seq(
      seq(oid(OIDS.sha1), nullValue()),
      octets(nameHash),
      octets(keyHash),
      tlv(TAG.INTEGER, parts.serial),
    );
    const nonce = crypto.randomBytes(16);
    const nonceExtension = seq(oid(OIDS.ocspNonce), octets(octets(nonce)));
    const request = seq(seq(seq(seq(certId)), explicit(2, seq(nonceExtension))));
    const body = await this.download(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
      body: new Uint8Array(request),
    });
    return parseOcspResponse(body, { certificate, parts, issuer, nameHash, keyHash, nonce, now });
  }
}

function parseOcspResponse(
  body: Buffer,
  ctx: {
    certificate: Buffer;
    parts: CertificateParts;
    issuer: IssuerInfo;
    nameHash: Buffer;
    keyHash: Buffer;
    nonce: Buffer;
    now: number;
  },
): RevocationStatus | null {
  let basic: Node;
  try {
    const resp = expect(parseDer(body), TAG.SEQUENCE, 'OCSPResponse');
    const status = readSmallInt(resp.children[0]);
    if (status !== 0) throw new Error(`OCSP responder refused (status ${status})`);
    const bytes = resp.children[1];
    if (!isContext(bytes, 0)) throw new DerError('no responseBytes');
    const rb = expect(bytes.children[0], TAG.SEQUENCE, 'ResponseBytes');
    if (readOid(rb.children[0]) !== OIDS.ocspBasic) throw new DerError('not a basic OCSP response');
    basic = expect(parseDer(readOctets(rb.children[1])), TAG.SEQUENCE, 'BasicOCSPResponse');
  } catch (e) {
    if (e instanceof DerError) throw new Error(`unreadable OCSP response (${e.message})`, { cause: e });
    throw e;
  }
  const [tbs, algorithm, sigNode, certsNode] = basic.children;
  const data = expect(tbs, TAG.SEQUENCE, 'ResponseData');
  const signature = readBitString(sigNode);

  // Who signed: the issuer itself, or a delegated responder the issuer certified for OCSP signing.
  let signerKey: crypto.KeyObject | null = null;
  if (verifySigned(data.raw, algorithm, signature, ctx.issuer.key)) signerKey = ctx.issuer.key;
  else if (isContext(certsNode, 0)) {
    for (const c of expect(certsNode.children[0], TAG.SEQUENCE, 'certs').children) {
      try {
        const responder = new crypto.X509Certificate(c.raw);
        const issuerCert = new crypto.X509Certificate(ctx.issuer.der);
        if (!responder.checkIssued(issuerCert) || !responder.verify(ctx.issuer.key)) continue;
        const eku = certificateParts(c.raw).extensions.get(OIDS.extKeyUsage);
        if (!eku) continue;
        const usages = expect(parseDer(eku.value), TAG.SEQUENCE, 'ExtKeyUsage').children.map((n) =>
          readOid(n),
        );
        if (!usages.includes(OIDS.ocspSigning)) continue;
        const validFrom = new Date(responder.validFrom).getTime();
        const validTo = new Date(responder.validTo).getTime();
        if (ctx.now < validFrom - SKEW_MS || ctx.now > validTo) continue;
        if (verifySigned(data.raw, algorithm, signature, responder.publicKey)) {
          signerKey = responder.publicKey;
          break;
        }
      } catch {
        // not a usable responder certificate
      }
    }
  }
  if (!signerKey) throw new Error('OCSP response not signed by the CA or its delegated responder');

  const d = data.children;
  let i = 0;
  if (isContext(d[i], 0)) i++;
  i++; // responderID
  const producedAt = readTime(d[i++]);
  const responses = expect(d[i++], TAG.SEQUENCE, 'responses').children;
  let nonceSeen: Buffer | null = null;
  if (isContext(d[i], 1)) {
    for (const ext of expect(d[i]!.children[0], TAG.SEQUENCE, 'extensions').children) {
      const e = ext.children;
      if (readOid(e[0]) === OIDS.ocspNonce) {
        const value = readOctets(e[e.length - 1]);
        // RFC 8954: an OCTET STRING inside extnValue; some responders put the raw bytes.
        try {
          nonceSeen = readOctets(parseDer(value));
        } catch {
          nonceSeen = value;
        }
      }
    }
  }
  if (nonceSeen) {
    if (!nonceSeen.equals(ctx.nonce)) throw new Error('OCSP response nonce does not match the request');
  } else if (Math.abs(ctx.now - producedAt.getTime()) > OCSP_FRESH_MS) {
    throw new Error('OCSP response without our nonce and not fresh');
  }

  for (const single of responses) {
    const s = expect(single, TAG.SEQUENCE, 'SingleResponse').children;
    const id = expect(s[0], TAG.SEQUENCE, 'CertID').children;
    const hashOid = readOid(expect(id[0], TAG.SEQUENCE, 'hashAlgorithm').children[0]);
    if (hashOid !== OIDS.sha1) continue;
    if (!readOctets(id[1]).equals(ctx.nameHash) || !readOctets(id[2]).equals(ctx.keyHash)) continue;
    if (serialKey(expect(id[3], TAG.INTEGER, 'serial').content) !== serialKey(ctx.parts.serial)) continue;
    const certStatus = s[1];
    const thisUpdate = readTime(s[2]);
    let nextUpdate: Date | null = null;
    for (const rest of s.slice(3)) if (isContext(rest, 0)) nextUpdate = readTime(rest.children[0]);
    if (thisUpdate.getTime() > ctx.now + SKEW_MS) throw new Error('OCSP response from the future');
    if (nextUpdate && nextUpdate.getTime() < ctx.now - SKEW_MS) throw new Error('OCSP response out of date');
    if (certStatus?.cls === CONTEXT && certStatus.number === 0)
      return { status: 'good', source: 'ocsp', until: nextUpdate };
    if (certStatus?.cls === CONTEXT && certStatus.number === 1) {
      const revokedAt = readTime(certStatus.children[0]);
      return { status: 'revoked', source: 'ocsp', revokedAt };
    }
    return null;
  }
  throw new Error('OCSP response does not answer for this certificate');
}
