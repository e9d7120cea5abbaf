import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPkiHierarchy, type TestPkiHierarchy } from '../../../test/support/test-pki.js';
import { loadConfig } from '../config/index.js';
import { createPki, type Pki } from './pki.js';
import { SecretBox } from './secret-box.js';

let h: TestPkiHierarchy;
let dataDir: string;
let trustDir: string;
const certs: Record<string, Buffer> = {};
const opened: Pki[] = [];
const softFails: string[] = [];

function pki(env: Record<string, string> = {}): Pki {
  const config = loadConfig({
    CPDT_DATA_DIR: dataDir,
    PKI_TRUST_DIR: trustDir,
    PKI_HTTP_TIMEOUT_MS: '2000',
    ...env,
  });
  const p = createPki(config, new SecretBox(crypto.randomBytes(32)), {
    onSoftFail: (detail) => softFails.push(detail),
  });
  opened.push(p);
  return p;
}

const now = () => new Date();

beforeAll(async () => {
  h = await testPkiHierarchy();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-pki-data-'));
  trustDir = path.join(dataDir, 'trust');
  fs.mkdirSync(trustDir);
  fs.writeFileSync(path.join(trustDir, 'root.pem'), h.rootPem);
  certs.good = h.leaf('good', 'leaf_both');
  certs.goodCrl = h.leaf('good-crl', 'leaf_crl');
  certs.goodOcsp = h.leaf('good-ocsp', 'leaf_ocsp');
  certs.revokedCrl = h.leaf('revoked-crl', 'leaf_crl');
  certs.revokedOcsp = h.leaf('revoked-ocsp', 'leaf_ocsp');
  certs.deadOcsp = h.leaf('dead-ocsp', 'leaf_dead_ocsp');
  certs.deadCrl = h.leaf('dead-crl', 'leaf_dead_crl');
  certs.plain = h.leaf('plain', 'leaf_plain');
  certs.enc = h.leaf('enc', 'leaf_enc');
  certs.expired = h.leaf('expired', 'leaf_crl', { startdate: '20200101000000Z', enddate: '20200201000000Z' });
  h.revoke('revoked-crl');
  h.revoke('revoked-ocsp');
  h.gencrl();
  await h.startOcsp();
}, 60_000);

afterAll(async () => {
  for (const p of opened) await p.close();
  await h?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('certificate path validation with real CRLs and a real OCSP responder', () => {
  const inter = () => ({ intermediates: [h.subDer] });

  it('a good certificate: a path to the trusted root, checked by OCSP', async () => {
    const r = await pki().validate(certs.good!, now(), inter());
    expect(r).toMatchObject({ ok: true, revocation: 'ocsp' });
    if (r.ok) {
      expect(r.chain).toHaveLength(3);
      expect(r.chain[2]!.equals(h.rootDer)).toBe(true);
    }
  });

  it('with OCSP off, the same certificate is checked by its CRL', async () => {
    expect(await pki({ PKI_OCSP: 'off' }).validate(certs.good!, now(), inter())).toMatchObject({
      ok: true,
      revocation: 'crl',
    });
    expect(await pki().validate(certs.goodCrl!, now(), inter())).toMatchObject({
      ok: true,
      revocation: 'crl',
    });
    expect(await pki().validate(certs.goodOcsp!, now(), inter())).toMatchObject({
      ok: true,
      revocation: 'ocsp',
    });
  });

  it('a certificate naming no CRL or OCSP location: revocation none', async () => {
    expect(await pki().validate(certs.plain!, now(), inter())).toMatchObject({
      ok: true,
      revocation: 'none',
    });
  });

  it('revoked, as the CRL says', async () => {
    expect(await pki().validate(certs.revokedCrl!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });

  it('revoked, as the OCSP responder says', async () => {
    expect(await pki().validate(certs.revokedOcsp!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
  });

  it('expired; not yet valid when asked about a time before it', async () => {
    expect(await pki().validate(certs.expired!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await pki().validate(certs.good!, new Date('2001-01-01T00:00:00Z'), inter())).toMatchObject({
      ok: false,
      reason: 'not_yet_valid',
    });
  });

  it('untrusted: without the intermediate, from an unknown CA, or with nothing trusted', async () => {
    expect(await pki().validate(certs.good!, now())).toMatchObject({ ok: false, reason: 'untrusted' });
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    void publicKey;
    fs.writeFileSync(path.join(h.dir, 'stranger.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    h.run(
      'req',
      '-config',
      'openssl.cnf',
      '-x509',
      '-key',
      'stranger.key',
      '-out',
      'stranger.crt',
      '-subj',
      '/CN=Stranger',
      '-days',
      '30',
      '-extensions',
      'leaf_plain',
    );
    const stranger = Buffer.from(
      fs
        .readFileSync(path.join(h.dir, 'stranger.crt'), 'utf8')
        .replace(/-----[^-]+-----/g, '')
        .replace(/\s+/g, ''),
      'base64',
    );
    expect(await pki().validate(stranger, now(), inter())).toMatchObject({ ok: false, reason: 'untrusted' });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-empty-trust-'));
    expect(await pki({ PKI_TRUST_DIR: empty }).validate(certs.plain!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'untrusted',
    });
    fs.rmSync(empty, { recursive: true });
  });

  it('key_usage: a certificate whose key may not sign', async () => {
    expect(await pki().validate(certs.enc!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'key_usage',
    });
  });

  it('malformed input', async () => {
    expect(await pki().validate(Buffer.from('junk'), now())).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('responder or CRL server down: revocation_unknown (fail closed), accepted with soft fail', async () => {
    expect(await pki().validate(certs.deadOcsp!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'revocation_unknown',
    });
    expect(await pki().validate(certs.deadCrl!, now(), inter())).toMatchObject({
      ok: false,
      reason: 'revocation_unknown',
    });
    expect(
      await pki({ PKI_REVOCATION_SOFT_FAIL: 'true' }).validate(certs.deadOcsp!, now(), inter()),
    ).toMatchObject({
      ok: true,
    });
    expect(softFails.some((d) => d.includes(String(h.deadPort)))).toBe(true);
  });

  it('an OCSP answer signed by a certificate the CA did not authorise for OCSP is not believed', async () => {
    await h.stopOcsp();
    await h.startOcsp('good-crl'); // a CA-issued leaf without extendedKeyUsage OCSPSigning
    try {
      expect(await pki().validate(certs.goodOcsp!, now(), inter())).toMatchObject({
        ok: false,
        reason: 'revocation_unknown',
        detail: expect.stringContaining('not signed by the CA or its delegated responder'),
      });
    } finally {
      await h.stopOcsp();
      await h.startOcsp();
    }
    expect(await pki().validate(certs.goodOcsp!, now(), inter())).toMatchObject({
      ok: true,
      revocation: 'ocsp',
    });
  });

  it('a CRL with a broken signature, or past its nextUpdate, is no evidence: revocation_unknown', async () => {
    const crlFile = path.join(h.dir, 'sub.crl');
    const good = fs.readFileSync(crlFile);
    try {
      const broken = Buffer.from(good);
      broken[broken.length - 5] = broken[broken.length - 5]! ^ 0x01;
      fs.writeFileSync(crlFile, broken);
      expect(await pki({ PKI_OCSP: 'off' }).validate(certs.goodCrl!, now(), inter())).toMatchObject({
        ok: false,
        reason: 'revocation_unknown',
        detail: expect.stringContaining('CRL signature invalid'),
      });
      h.run(
        'ca',
        '-config',
        'openssl.cnf',
        '-gencrl',
        '-crl_lastupdate',
        '20200101000000Z',
        '-crl_nextupdate',
        '20200108000000Z',
        '-out',
        'old.crl.pem',
      );
      h.run('crl', '-in', 'old.crl.pem', '-outform', 'DER', '-out', 'sub.crl');
      expect(await pki({ PKI_OCSP: 'off' }).validate(certs.goodCrl!, now(), inter())).toMatchObject({
        ok: false,
        reason: 'revocation_unknown',
        detail: expect.stringContaining('out of date'),
      });
    } finally {
      fs.writeFileSync(crlFile, good);
    }
  });

  it('an intermediate in the trust folder needs no intermediates argument; a CRL file there is used', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-trust-'));
    fs.writeFileSync(path.join(dir, 'root.pem'), h.rootPem);
    fs.copyFileSync(path.join(h.dir, 'sub.crt'), path.join(dir, 'sub.crt'));
    const p = pki({ PKI_TRUST_DIR: dir });
    expect(await p.validate(certs.plain!, now())).toMatchObject({ ok: true });
    expect(await p.trustAnchors()).toHaveLength(2);
    // The plain certificate names no CRL, but the issuing CA's CRL in the folder lists it once revoked.
    h.revoke('plain');
    h.gencrl();
    fs.copyFileSync(path.join(h.dir, 'sub.crl.pem'), path.join(dir, 'sub.crl'));
    const fresh = pki({ PKI_TRUST_DIR: dir });
    expect(await fresh.validate(certs.plain!, now())).toMatchObject({ ok: false, reason: 'revoked' });
    fs.rmSync(dir, { recursive: true });
  });

  it('caches good answers: 1,000 validations without asking the CRL server again', async () => {
    const p = pki({ PKI_OCSP: 'off' });
    expect(await p.validate(certs.goodCrl!, now(), inter())).toMatchObject({ ok: true, revocation: 'crl' });
    const before = h.crlRequests();
    const started = performance.now();
    for (let i = 0; i < 1000; i++) expect((await p.validate(certs.goodCrl!, now(), inter())).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(h.crlRequests()).toBe(before);
    // Failures are not cached: an expired time is refused even right after a good answer.
    expect(await p.validate(certs.goodCrl!, new Date('2001-01-01T00:00:00Z'), inter())).toMatchObject({
      ok: false,
    });
  });
});
