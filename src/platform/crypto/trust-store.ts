/**
 * Which certification authorities the deployment trusts: the CA certificates an operator put in
 * PKI_TRUST_DIR (PEM or DER; a licensed CA's root and, if they like, its issuing CAs), plus the demo CA's
 * certificate when the embedded demo created one. CRL files (*.crl) in the same folder are offered to the
 * revocation check. The folder is re-read when anything in it changes (checked at most once a second).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CA_CERT_FILE } from './demo-ca.js';
import { certificateBlocks } from './x509.js';

export interface TrustMaterial {
  /** Trust anchors (DER): CA certificates from the trust folder and the demo CA. */
  anchors: Buffer[];
  /** SHA-256 fingerprints (hex) of the anchors. */
  anchorFingerprints: Set<string>;
  /** CRLs found in the trust folder (DER). */
  crls: Buffer[];
  /** Changes whenever the material does: caches keyed on trust drop their entries. */
  generation: number;
}

const CERT_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.der']);
const CHECK_INTERVAL_MS = 1000;

const fingerprint = (der: Buffer): string => crypto.createHash('sha256').update(der).digest('hex');

function pemOrDer(bytes: Buffer, label: string): Buffer[] {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) {
    const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
    return [...text.matchAll(re)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  }
  return bytes.length > 0 ? [bytes] : [];
}

/** CRLs in a PEM or DER file. */
export function crlBlocks(bytes: Buffer): Buffer[] {
  return pemOrDer(bytes, 'X509 CRL');
}

/** Is `der` a CA certificate (basicConstraints cA)? Unreadable ones are not. */
function isCaCertificate(der: Buffer): boolean {
  try {
    return new crypto.X509Certificate(der).ca;
  } catch {
    return false;
  }
}

export class TrustStore {
  private material: TrustMaterial = {
    anchors: [],
    anchorFingerprints: new Set(),
    crls: [],
    generation: 0,
  };
  private stamp = '';
  private checkedAt = -Infinity;
  /** Files that were skipped (not CA certificates, unreadable), for operators. */
  skipped: string[] = [];

  constructor(
    private readonly trustDir: string | undefined,
    /** `<data dir>/ca`: the demo CA's folder. */
    private readonly demoCaDir: string,
  ) {}

  private files(): { file: string; mtimeMs: number; size: number }[] {
    const out: { file: string; mtimeMs: number; size: number }[] = [];
    const add = (file: string): void => {
      try {
        const st = fs.statSync(file);
        if (st.isFile()) out.push({ file, mtimeMs: st.mtimeMs, size: st.size });
      } catch {
        // absent: not part of the trust
      }
    };
    if (this.trustDir) {
      let names: string[];
      try {
        names = fs.readdirSync(this.trustDir).sort();
      } catch {
        names = [];
      }
      for (const name of names) {
        const ext = path.extname(name).toLowerCase();
        if (CERT_EXTENSIONS.has(ext) || ext === '.crl') add(path.join(this.trustDir, name));
      }
    }
    add(path.join(this.demoCaDir, CA_CERT_FILE));
    return out;
  }

  /** The current trust material, re-read when the files changed (looked at once a second, or now if `fresh`). */
  current(options: { fresh?: boolean } = {}): TrustMaterial {
    const now = Date.now();
    if (!options.fresh && now - this.checkedAt < CHECK_INTERVAL_MS) return this.material;
    this.checkedAt = now;
    const files = this.files();
    const stamp = files.map((f) => `${f.file}:${f.mtimeMs}:${f.size}`).join('|');
    if (stamp === this.stamp) return this.material;
    this.stamp = stamp;
    const anchors: Buffer[] = [];
    const fingerprints = new Set<string>();
    const crls: Buffer[] = [];
    const skipped: string[] = [];
    for (const { file } of files) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        continue;
      }
      if (path.extname(file).toLowerCase() === '.crl') {
        crls.push(...crlBlocks(bytes));
        continue;
      }
      let blocks: Buffer[];
      try {
        blocks = certificateBlocks(bytes);
      } catch {
        skipped.push(file);
        continue;
      }
      for (const der of blocks) {
        if (!isCaCertificate(der)) {
          skipped.push(file);
          continue;
        }
        const id = fingerprint(der);
        if (fingerprints.has(id)) continue;
        fingerprints.add(id);
        anchors.push(der);
      }
    }
    this.skipped = skipped;
    this.material = {
      anchors,
      anchorFingerprints: fingerprints,
      crls,
      generation: this.material.generation + 1,
    };
    return this.material;
  }
}
