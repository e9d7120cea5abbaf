import crypto from 'node:crypto';
import { registerCertificate } from '../../src/modules/identity/index.js';
import { SYSTEM_CONTEXT } from '../../src/platform/audit/index.js';
import {
  DemoCa,
  demoCaDir,
  demoCaExists,
  demoCaPassphrase,
  initDemoCa,
} from '../../src/platform/crypto/index.js';
import type { Platform } from '../../src/platform/platform.js';

/** A person's signing key held by the test (as a browser or a USB token would hold it) and its certificate. */
export interface TestSigner {
  personId: string;
  certificateId: string;
  certificatePem: string;
  certificateDer: Buffer;
  privateKey: crypto.KeyObject;
  /** ECDSA P-256 with SHA-256 over `data`, as WebCrypto returns it (IEEE P1363, r‖s, 64 bytes). */
  sign(data: Buffer): Buffer;
}

/** The deployment's demo CA in the platform's data folder, created on first use. */
export async function testCa(p: Platform, now = p.clock.now()): Promise<DemoCa> {
  const dir = demoCaDir(p.config.dataDir);
  const { passphrase } = demoCaPassphrase(undefined, p.secrets);
  if (!demoCaExists(dir)) await initDemoCa(dir, { passphrase, now });
  return DemoCa.load(dir, passphrase);
}

/**
 * A fresh key pair for `personId` with a certificate from the deployment's demo CA, registered on the person
 * (as `cpdt ca issue` or enrolling a browser key does). `days` < 1 day ago gives an expired one via `now`.
 */
export async function testSigner(
  p: Platform,
  personId: string,
  options: { commonName?: string; days?: number; now?: Date } = {},
): Promise<TestSigner> {
  const now = options.now ?? p.clock.now();
  const ca = await testCa(p, now);
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issued = await ca.issueCertificate({
    publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    subject: { commonName: options.commonName ?? `Người ký ${personId.slice(0, 8)}` },
    days: options.days,
    now,
  });
  const view = await p.db.transaction((tx) =>
    registerCertificate(tx, SYSTEM_CONTEXT, personId, issued.pem, 'ca', { at: now }),
  );
  return {
    personId,
    certificateId: view.id,
    certificatePem: issued.pem,
    certificateDer: Buffer.from(issued.certificate.der),
    privateKey,
    sign: (data) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
  };
}
