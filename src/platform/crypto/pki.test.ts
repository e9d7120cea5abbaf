import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { testCa } from '../../../test/support/signing.js';
import { signDetached, verifyDetached } from './cms.js';
import { demoCaDir, demoCaPassphrase, DemoCa, initDemoCa } from './demo-ca.js';

let p: TestPlatform;

async function issue(ca: DemoCa, options: { days?: number; now?: Date } = {}): Promise<Buffer> {
  const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issued = await ca.issueCertificate({
    publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    subject: { commonName: 'Người ký thử' },
    ...options,
  });
  return Buffer.from(issued.certificate.der);
}

beforeAll(async () => {
  p = await testPlatform();
});

afterAll(async () => {
  await p.close();
});

describe('platform.pki with the demo CA', () => {
  it('trusts the demo CA from the moment it exists; its certificates validate (no revocation source)', async () => {
    const ca = await testCa(p);
    const cert = await issue(ca);
    const r = await p.pki.validate(cert, p.clock.now());
    expect(r).toMatchObject({ ok: true, revocation: 'none' });
    if (r.ok) expect(r.chain[1]!.equals(ca.certificate.der)).toBe(true);
    const anchors = await p.pki.trustAnchors();
    expect(anchors.some((a) => a.equals(ca.certificate.der))).toBe(true);
  });

  it('refuses a certificate outside its validity: expired, not yet valid', async () => {
    const ca = await testCa(p);
    const cert = await issue(ca, { days: 1 });
    const later = new Date(p.clock.now().getTime() + 3 * 86_400_000);
    expect(await p.pki.validate(cert, later)).toMatchObject({ ok: false, reason: 'expired' });
    const before = new Date(p.clock.now().getTime() - 86_400_000);
    expect(await p.pki.validate(cert, before)).toMatchObject({ ok: false, reason: 'not_yet_valid' });
  });

  it('the system seal signs CMS that verifies and whose certificate validates', async () => {
    const seal = await p.pki.seal();
    const content = Buffer.from('{"type":"cpdt.checkpoint"}');
    const at = p.clock.now();
    const p7s = await signDetached(content, seal, at);
    const v = verifyDetached(p7s, content);
    expect(v.signerCertificate.equals(seal.certificate)).toBe(true);
    const r = await p.pki.validate(seal.certificate, at, { intermediates: seal.chain });
    expect(r.ok).toBe(true);
    expect(await p.pki.timestamp(content)).toBeNull();
  });

  it('a replaced demo CA no longer vouches for the certificates of the old one', async () => {
    const old = await testCa(p);
    const cert = await issue(old);
    expect((await p.pki.validate(cert, p.clock.now())).ok).toBe(true);
    const dir = demoCaDir(p.config.dataDir);
    const { passphrase } = demoCaPassphrase(undefined, p.secrets);
    await initDemoCa(dir, { passphrase, force: true, now: p.clock.now() });
    // Seen at once: the failure path looks at the files again.
    await new Promise((r) => setTimeout(r, 5));
    const fresh = await DemoCa.load(dir, passphrase);
    expect((await p.pki.validate(await issue(fresh), p.clock.now())).ok).toBe(true);
    expect(await p.pki.validate(cert, p.clock.now())).toMatchObject({ ok: false, reason: 'untrusted' });
  });
});
