/**
 * Certification path validation (RFC 5280, the parts a signature verifier needs): from the signer's
 * certificate up to a trust anchor, each certificate's signature checked with its issuer's key, every
 * certificate valid at the instant asked about, every issuer a CA allowed to sign certificates, the signer's
 * key allowed to sign (keyUsage digitalSignature or nonRepudiation), and no certificate on the path revoked.
 *
 * Positive answers are cached per certificate for at most a minute (never past a CRL's or OCSP answer's
 * next update, never across a change of the trust store), so a thousand signature checks a second do not
 * re-walk chains or ask responders; failures are never cached.
 */
import crypto from 'node:crypto';
import { certificateParts, isTag, parseDer, readBitString, readSmallInt, TAG } from './der.js';
import type { PathFailure, PathResult } from './pki.js';
import { issuerInfo, type RevocationChecker, type RevocationStatus } from './revocation.js';
import type { TrustMaterial } from './trust-store.js';
import { canSign, KEY_USAGES, type CertificateInfo } from './x509.js';

const MAX_DEPTH = 8;
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

/** What path validation reads of a certificate. */
type PathFacts = Pick<CertificateInfo, 'subject' | 'notBefore' | 'notAfter' | 'ca' | 'keyUsage'>;

interface Cert {
  der: Buffer;
  node: crypto.X509Certificate;
  info: PathFacts;
  fingerprint: string;
}

interface CacheEntry {
  result: Extract<PathResult, { ok: true }>;
  /** The instants for which every certificate on the path is valid. */
  notBefore: number;
  notAfter: number;
  expires: number;
  generation: number;
}

export interface PathValidatorOptions {
  /** The trust material; `fresh` looks at the files now rather than trusting a recent look. */
  trust: (options?: { fresh?: boolean }) => TrustMaterial;
  revocation: RevocationChecker;
  /** Accept a certificate whose revocation status cannot be learned (PKI_REVOCATION_SOFT_FAIL). */
  softFail: boolean;
  onSoftFail?: (detail: string) => void;
}

/**
 * OpenSSL's strict parse and our DER reader, not the full parseCertificateDer (names, every extension):
 * a member's first vote of the day validates their certificate cold, and that read is on the vote's path.
 */
function load(der: Buffer): Cert {
  const node = new crypto.X509Certificate(der);
  const parts = certificateParts(der);
  const usage = parts.extensions.get('2.5.29.15');
  let keyUsage: PathFacts['keyUsage'] = null;
  if (usage) {
    const bits = readBitString(parseDer(usage.value));
    keyUsage = KEY_USAGES.filter((_, bit) => ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
  }
  return {
    der,
    node,
    info: {
      subject: node.subject.split('\n').join(', '),
      notBefore: parts.notBefore,
      notAfter: parts.notAfter,
      ca: node.ca,
      keyUsage,
    },
    fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
  };
}

function fail(reason: PathFailure, detail?: string): PathResult {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

/** Does `issuer` issue `subject`: names chain and the signature verifies with the issuer's key. */
function issued(subject: Cert, issuer: Cert): boolean {
  try {
    return subject.node.checkIssued(issuer.node) && subject.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}

/** pathLenConstraint of a CA certificate, or null when unlimited. */
function pathLength(cert: Cert): number | null {
  try {
    const ext = certificateParts(cert.der).extensions.get('2.5.29.19');
    if (!ext) return null;
    // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
    const length = parseDer(ext.value).children.find((c) => isTag(c, TAG.INTEGER));
    return length ? readSmallInt(length) : null;
  } catch {
    return null;
  }
}

export class PathValidator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly anchorCache = new Map<string, Cert>();

  constructor(private readonly options: PathValidatorOptions) {}

  private anchors(trust: TrustMaterial): Cert[] {
    const out: Cert[] = [];
    for (const der of trust.anchors) {
      const id = crypto.createHash('sha256').update(der).digest('hex');
      let cert = this.anchorCache.get(id);
      if (!cert) {
        try {
          cert = load(der);
        } catch {
          continue;
        }
        this.anchorCache.set(id, cert);
      }
      out.push(cert);
    }
    return out;
  }

  /** Leaf first, ending with a trust anchor; null when no path leads to one. */
  private build(leaf: Cert, anchors: Cert[], intermediates: Cert[]): Cert[] | null {
    const anchorIds = new Set(anchors.map((a) => a.fingerprint));
    const candidates = [...anchors, ...intermediates];
    const walk = (path: Cert[]): Cert[] | null => {
      const last = path[path.length - 1]!;
      if (anchorIds.has(last.fingerprint)) return path;
      if (path.length > MAX_DEPTH) return null;
      for (const next of candidates) {
        if (path.some((p) => p.fingerprint === next.fingerprint)) continue;
        if (!issued(last, next)) continue;
        const found = walk([...path, next]);
        if (found) return found;
      }
      return null;
    };
    return walk([leaf]);
  }

  async validate(
    certificate: Buffer,
    at: Date,
    options: { intermediates?: readonly Buffer[] } = {},
  ): Promise<PathResult> {
    let trust = this.options.trust();
    const fingerprint = crypto.createHash('sha256').update(certificate).digest('hex');
    const now = Date.now();
    const time = at.getTime();
    const cached = this.cache.get(fingerprint);
    if (cached) {
      if (cached.expires > now && cached.generation === trust.generation) {
        if (time >= cached.notBefore && time <= cached.notAfter) return cached.result;
      } else this.cache.delete(fingerprint);
    }

    let leaf: Cert;
    try {
      leaf = load(certificate);
    } catch (e) {
      return fail('malformed', (e as Error).message);
    }
    const intermediates: Cert[] = [];
    for (const der of options.intermediates ?? []) {
      try {
        intermediates.push(load(Buffer.from(der)));
      } catch {
        // an unreadable extra certificate cannot help build a path
      }
    }
    let path = this.build(leaf, this.anchors(trust), intermediates);
    if (!path) {
      // A CA added a moment ago (the demo CA created, a file dropped in the trust folder) counts at once.
      const fresh = this.options.trust({ fresh: true });
      if (fresh.generation !== trust.generation) {
        trust = fresh;
        path = this.build(leaf, this.anchors(trust), intermediates);
      }
    }
    if (!path) return fail('untrusted', 'no path to a trust anchor');

    for (const cert of path) {
      if (time < cert.info.notBefore.getTime())
        return fail(
          'not_yet_valid',
          `${cert.info.subject} is valid from ${cert.info.notBefore.toISOString()}`,
        );
      if (time > cert.info.notAfter.getTime())
        return fail('expired', `${cert.info.subject} expired ${cert.info.notAfter.toISOString()}`);
    }
    for (let i = 1; i < path.length; i++) {
      const issuer = path[i]!;
      if (!issuer.info.ca) return fail('untrusted', `${issuer.info.subject} is not a CA`);
      if (issuer.info.keyUsage && !issuer.info.keyUsage.includes('keyCertSign'))
        return fail('untrusted', `${issuer.info.subject} may not sign certificates`);
      // pathLenConstraint: how many non-self-issued CA certificates may follow it (the leaf excluded).
      const limit = pathLength(issuer);
      if (limit !== null && i - 1 > limit)
        return fail('untrusted', `${issuer.info.subject}: path length constraint exceeded`);
    }
    if (!canSign(leaf.info)) return fail('key_usage', 'the key usage does not allow signing');

    // Revocation: every certificate below the anchor, asked of its issuer's CRL / OCSP responder.
    let leafRevocation: 'crl' | 'ocsp' | 'none' = 'none';
    let until = now + CACHE_TTL_MS;
    for (let i = 0; i < path.length - 1; i++) {
      const cert = path[i]!;
      let status: RevocationStatus;
      try {
        status = await this.options.revocation.check(cert.der, issuerInfo(path[i + 1]!.der));
      } catch (e) {
        status = { status: 'unknown', detail: (e as Error).message };
      }
      switch (status.status) {
        case 'revoked':
          // Refused whenever revoked, even after `at`: a revocation for key compromise is often dated late.
          return fail('revoked', `${cert.info.subject} revoked ${status.revokedAt.toISOString()}`);
        case 'unknown':
          if (!this.options.softFail) return fail('revocation_unknown', status.detail);
          this.options.onSoftFail?.(status.detail);
          break;
        case 'good':
          if (i === 0) leafRevocation = status.source;
          if (status.until) until = Math.min(until, status.until.getTime());
          break;
        case 'none':
          break;
      }
    }

    const result: Extract<PathResult, { ok: true }> = {
      ok: true,
      chain: path.map((c) => c.der),
      revocation: leafRevocation,
    };
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(fingerprint, {
      result,
      notBefore: Math.max(...path.map((c) => c.info.notBefore.getTime())),
      notAfter: Math.min(...path.map((c) => c.info.notAfter.getTime())),
      expires: until,
      generation: trust.generation,
    });
    return result;
  }
}
