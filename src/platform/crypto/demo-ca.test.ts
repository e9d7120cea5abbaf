import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  DemoCa,
  DemoCaError,
  demoCaPassphrase,
  generateSigningKeyPair,
  initDemoCa,
  readDemoCaCertificate,
  type DemoCaErrorReason,
} from './demo-ca.js';
import { SecretBox } from './secret-box.js';
import { isIssuedBy, parseCertificate } from './x509.js';

const PASSPHRASE = 'demo-ca-test-passphrase';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-demo-ca-'));
const caDir = path.join(root, 'ca');
const file = (name: string) => path.join(root, name);

/** Runs openssl; returns its exit status and output instead of throwing, so refusals can be asserted. */
function openssl(...args: string[]): { status: number; out: string } {
  try {
    const out = execFileSync('openssl', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

async function refusal(
  promise: Promise<unknown>,
): Promise<DemoCaErrorReason | 'accepted' | `other: ${string}`> {
  try {
    await promise;
    return 'accepted';
  } catch (e) {
    return e instanceof DemoCaError ? e.reason : `other: ${String(e)}`;
  }
}

describe('demo CA', () => {
  let ca: DemoCa;

  beforeAll(async () => {
    await initDemoCa(caDir, { passphrase: PASSPHRASE, name: 'CA thử nghiệm của Bộ' });
    ca = await DemoCa.load(caDir, PASSPHRASE);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates a self-signed root for 10 years whose key openssl reads with the passphrase only', () => {
    expect(fs.statSync(caDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(caDir, CA_KEY_FILE)).mode & 0o777).toBe(0o600);
    const keyPem = fs.readFileSync(path.join(caDir, CA_KEY_FILE), 'utf8');
    expect(keyPem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const key = path.join(caDir, CA_KEY_FILE);
    expect(openssl('pkey', '-in', key, '-passin', `pass:${PASSPHRASE}`, '-noout').status).toBe(0);
    expect(openssl('pkey', '-in', key, '-passin', 'pass:wrong', '-noout').status).not.toBe(0);
    // The key is the certificate's.
    const fromKey = openssl('pkey', '-in', key, '-passin', `pass:${PASSPHRASE}`, '-pubout').out;
    const fromCert = openssl('x509', '-in', path.join(caDir, CA_CERT_FILE), '-noout', '-pubkey').out;
    expect(fromKey).toBe(fromCert);

    const cert = readDemoCaCertificate(caDir)!;
    expect(cert.ca).toBe(true);
    expect(cert.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(cert.subjectCommonName).toBe('CA thử nghiệm của Bộ');
    expect(cert.subject).toContain('For development and demonstrations only');
    expect(cert.publicKey.description).toBe('ECDSA P-256');
    const years = (cert.notAfter.getTime() - cert.notBefore.getTime()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(9.99);
    expect(years).toBeLessThan(10.01);
    expect(isIssuedBy(cert.der, cert.der)).toBe(true);
    const text = openssl('x509', '-in', path.join(caDir, CA_CERT_FILE), '-noout', '-text').out;
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
  });

  it('refuses to replace a CA unless forced, and keeps the replaced files', async () => {
    const before = readDemoCaCertificate(caDir)!;
    const other = path.join(root, 'other-ca');
    await initDemoCa(other, { passphrase: PASSPHRASE });
    expect(await refusal(initDemoCa(other, { passphrase: PASSPHRASE }))).toBe('exists');
    const first = readDemoCaCertificate(other)!;
    const { certificate, replaced } = await initDemoCa(other, { passphrase: 'new-one', force: true });
    expect(certificate.fingerprint).not.toBe(first.fingerprint);
    expect(replaced).toHaveLength(2);
    expect(
      parseCertificate(fs.readFileSync(replaced.find((f) => f.includes(CA_CERT_FILE))!)).fingerprint,
    ).toBe(first.fingerprint);
    expect(await refusal(DemoCa.load(other, PASSPHRASE))).toBe('passphrase');
    await expect(DemoCa.load(other, 'new-one')).resolves.toBeInstanceOf(DemoCa);
    expect(readDemoCaCertificate(caDir)!.fingerprint).toBe(before.fingerprint);
  });

  it('says when there is no CA or the passphrase is wrong', async () => {
    expect(await refusal(DemoCa.load(path.join(root, 'nowhere'), PASSPHRASE))).toBe('notInitialised');
    expect(readDemoCaCertificate(path.join(root, 'nowhere'))).toBeNull();
    expect(await refusal(DemoCa.load(caDir, 'wrong'))).toBe('passphrase');
  });

  it('issues a signing certificate that openssl verifies against the CA', async () => {
    const keys = generateSigningKeyPair();
    const now = new Date();
    const { pem, certificate } = await ca.issueCertificate({
      publicKey: keys.publicKey,
      subject: {
        commonName: 'Nguyễn Văn An',
        uid: 'nguyenvanan',
        serialNumber: '001099012345',
        organization: 'Văn phòng Chính phủ',
        email: 'an@vpcp.gov.vn',
      },
      now,
    });
    fs.writeFileSync(file('an.crt.pem'), pem);
    fs.writeFileSync(file('an.key.pem'), keys.privateKeyPem);
    const verify = openssl('verify', '-CAfile', path.join(caDir, CA_CERT_FILE), file('an.crt.pem'));
    expect(verify.out.trim()).toBe(`${file('an.crt.pem')}: OK`);
    expect(verify.status).toBe(0);

    expect(certificate.subject).toBe(
      'C=VN, O=Văn phòng Chính phủ, CN=Nguyễn Văn An, serialNumber=001099012345, UID=nguyenvanan',
    );
    expect(certificate.issuer).toBe(ca.certificate.subject);
    expect(certificate.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(certificate.extendedKeyUsage).toEqual(['emailProtection', 'documentSigning']);
    expect(certificate.ca).toBe(false);
    expect(certificate.serialNumber).toMatch(/^[1-7][0-9A-F]{31}$/);
    expect(certificate.authorityKeyIdentifier).toBe(ca.certificate.subjectKeyIdentifier);
    const spkiKey = crypto.createPublicKey({ key: keys.publicKey, format: 'der', type: 'spki' });
    const bitString = spkiKey.export({ type: 'spki', format: 'der' }).subarray(-65);
    expect(certificate.subjectKeyIdentifier).toBe(crypto.createHash('sha1').update(bitString).digest('hex'));
    const days = (certificate.notAfter.getTime() - now.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(365);
    expect(certificate.notBefore.getTime()).toBeLessThanOrEqual(now.getTime());

    const text = openssl('x509', '-in', file('an.crt.pem'), '-noout', '-text').out;
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toContain('email:an@vpcp.gov.vn');

    // What the next step will do with it: a CMS signature that openssl verifies up to the CA.
    fs.writeFileSync(file('vote.json'), '{"poll":"1","choice":"agree"}');
    const signed = openssl(
      'cms', '-sign', '-binary', '-in', file('vote.json'), '-signer', file('an.crt.pem'),
      '-inkey', file('an.key.pem'), '-outform', 'DER', '-out', file('vote.p7s'),
    ); // prettier-ignore
    expect(signed.status).toBe(0);
    const checked = openssl(
      'cms', '-verify', '-binary', '-in', file('vote.p7s'), '-inform', 'DER', '-content', file('vote.json'),
      '-CAfile', path.join(caDir, CA_CERT_FILE), '-out', file('vote.out'),
    ); // prettier-ignore
    expect(checked.status).toBe(0);
    expect(fs.readFileSync(file('vote.out'), 'utf8')).toBe('{"poll":"1","choice":"agree"}');
  });

  it('issues for a non-extractable WebCrypto key pair, whose signatures verify under the certificate', async () => {
    const pair = await crypto.webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const { certificate } = await ca.issueCertificate({
      publicKey: pair.publicKey,
      subject: { commonName: 'Trần Thị Bích' },
      days: 30,
    });
    expect(certificate.subject).toBe('C=VN, CN=Trần Thị Bích');
    const data = Buffer.from('phiếu biểu quyết');
    const signature = await crypto.webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      pair.privateKey,
      data,
    );
    const publicKey = new crypto.X509Certificate(certificate.der).publicKey;
    expect(
      crypto.verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature)),
    ).toBe(true);
    expect(Math.round((certificate.notAfter.getTime() - certificate.notBefore.getTime()) / 86_400_000)).toBe(
      30,
    );
  });

  it('never issues beyond its own expiry', async () => {
    const { certificate } = await ca.issueCertificate({
      publicKey: generateSigningKeyPair().publicKey,
      subject: { commonName: 'Lê Văn Cường' },
      days: 3650,
      now: new Date(ca.certificate.notAfter.getTime() - 10 * 86_400_000),
    });
    expect(certificate.notAfter).toEqual(ca.certificate.notAfter);
  });

  it('refuses weak or unreadable keys, bad subjects and validity', async () => {
    const issue = (publicKey: Uint8Array, days?: number, subject = { commonName: 'A' }) =>
      refusal(ca.issueCertificate({ publicKey, subject, days }));
    const weak = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(await issue(weak.publicKey.export({ type: 'spki', format: 'der' }))).toBe('publicKey');
    expect(await issue(Buffer.from('not a key'))).toBe('publicKey');
    const good = generateSigningKeyPair().publicKey;
    expect(await issue(good, 0)).toBe('days');
    expect(await issue(good, 1.5)).toBe('days');
    expect(await issue(good, 3651)).toBe('days');
    expect(await issue(good, 1, { commonName: '  ' })).toBe('subject');
    expect(
      await refusal(
        ca.issueCertificate({ publicKey: good, subject: { commonName: 'A', serialNumber: 'số 1' } }),
      ),
    ).toBe('subject');
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await issue(rsa.publicKey.export({ type: 'spki', format: 'der' }))).toBe('accepted');
  });

  it('takes the passphrase from the environment, or derives it from the deployment key', () => {
    const box = new SecretBox(crypto.randomBytes(32));
    expect(demoCaPassphrase('chosen', box)).toEqual({ passphrase: 'chosen', source: 'env' });
    const derived = demoCaPassphrase(undefined, box);
    expect(derived.source).toBe('derived');
    expect(derived.passphrase).toBe(box.derive('demo-ca').toString('base64url'));
    expect(demoCaPassphrase('', box)).toEqual(derived);
    expect(demoCaPassphrase(undefined, new SecretBox(crypto.randomBytes(32))).passphrase).not.toBe(
      derived.passphrase,
    );
  });
});
