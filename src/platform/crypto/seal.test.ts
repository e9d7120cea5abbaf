import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as graphene from 'graphene-pk11';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../../../test/support/platform.js';
import { workerSoftHsm, type SoftHsmToken } from '../../../test/support/softhsm.js';
import { loadConfig, type Config } from '../config/index.js';
import { signDetached } from './cms.js';
import { DemoCa, demoCaDir, demoCaPassphrase, initDemoCa } from './demo-ca.js';
import {
  DEMO_SEAL_WARNING,
  importSealCertificate,
  initSeal,
  openSeal,
  sealCsr,
  SealError,
  sealPaths,
  sealStatus,
} from './seal.js';
import { SecretBox } from './secret-box.js';
import { parseCertificate } from './x509.js';

const NOW = new Date('2026-05-04T03:00:00Z');
const dirs: string[] = [];
let token: SoftHsmToken;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

interface Deployment {
  config: Config;
  secrets: SecretBox;
  caDir: string;
  label: string;
}

/** A data folder with a demo CA, and a seal key label of its own on the process's SoftHSM2 token. */
async function deployment(env: Record<string, string> = {}, withCa = true): Promise<Deployment> {
  const dataDir = tempDir('cpdt-seal-');
  const label = `seal-${crypto.randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    CPDT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PKCS11_MODULE: token.module,
    PKCS11_TOKEN_LABEL: token.label,
    PKCS11_PIN_FILE: token.pinFile,
    SEAL_KEY_LABEL: label,
    ...env,
  });
  const secrets = new SecretBox(crypto.randomBytes(32));
  const caDir = demoCaDir(dataDir);
  if (withCa)
    await initDemoCa(caDir, { passphrase: demoCaPassphrase(undefined, secrets).passphrase, now: NOW });
  return { config, secrets, caDir, label };
}

function rejection(fn: () => unknown): SealError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SealError) return e;
    throw e;
  }
  throw new Error('expected a SealError');
}

async function rejectionOf(promise: Promise<unknown>): Promise<SealError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof SealError) return e;
    throw e;
  }
  throw new Error('expected a SealError');
}

const verifies = (certificate: Buffer, data: Buffer, signature: Buffer) =>
  crypto.verify('sha256', data, new crypto.X509Certificate(certificate).publicKey, signature);

beforeAll(() => {
  token = workerSoftHsm();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the seal on a PKCS#11 token (SoftHSM2)', () => {
  it('init: a P-256 key that is sensitive and never extractable, with a demo-CA certificate', async () => {
    const d = await deployment();
    const result = await initSeal(d.config, d.secrets, { now: NOW });
    expect(result.mode).toBe('pkcs11');
    expect(result.extractable).toBe(false);
    expect(result.sensitive).toBe(true);
    expect(result.certificate?.subjectCommonName).toContain('CPĐT');
    expect(result.certificate?.issuerCommonName).toBe('CPĐT Demo CA');
    expect(fs.existsSync(sealPaths(d.config).certFile)).toBe(true);

    // An independent witness: OpenSC's pkcs11-tool reads the key's attributes from the token.
    const listing = execFileSync(
      'pkcs11-tool',
      [
        '--module',
        token.module,
        '--token-label',
        token.label,
        '--login',
        '--pin',
        token.pin,
        '--list-objects',
        '--type',
        'privkey',
        '--label',
        d.label,
      ],
      { encoding: 'utf8', env: { ...process.env, SOFTHSM2_CONF: token.conf } },
    );
    expect(listing).toContain(d.label);
    expect(listing).toMatch(/sensitive/);
    expect(listing).toMatch(/never extractable/);

    const again = await rejectionOf(initSeal(d.config, d.secrets, { now: NOW }));
    expect(again.reason).toBe('keyExists');
  });

  it('signs, concurrently, with signatures the certificate verifies; close ends it', async () => {
    const d = await deployment();
    await initSeal(d.config, d.secrets, { now: NOW });
    const seal = await openSeal(d.config, d.secrets);
    expect(seal.mode).toBe('pkcs11');
    expect(seal.keyAlgorithm).toBe('EC');
    expect(seal.description).toContain(`PKCS#11 token "${token.label}"`);
    expect(seal.description).toContain(d.label);
    const messages = Array.from({ length: 40 }, (_, i) => Buffer.from(`biên nhận ${i}`));
    const signatures = await Promise.all(messages.map((m) => seal.sign(m)));
    signatures.forEach((signature, i) => {
      expect(signature[0]).toBe(0x30); // DER Ecdsa-Sig-Value
      expect(verifies(seal.certificate, messages[i]!, signature)).toBe(true);
    });
    expect(verifies(seal.certificate, Buffer.from('khác'), signatures[0]!)).toBe(false);

    // A second seal on the same token (another platform in this process) shares the login.
    const other = await openSeal(d.config, d.secrets);
    await seal.close();
    const late = await other.sign(Buffer.from('vẫn ký được'));
    expect(verifies(other.certificate, Buffer.from('vẫn ký được'), late)).toBe(true);
    await other.close();
    await expect(seal.sign(Buffer.from('x'))).rejects.toThrow(/closed/);
  });

  it('recovers when the token logs the process out or drops its sessions (an HSM restart)', async () => {
    const d = await deployment();
    await initSeal(d.config, d.secrets, { now: NOW });
    const seal = await openSeal(d.config, d.secrets);
    try {
      const data = Buffer.from('trước / before');
      expect(verifies(seal.certificate, data, await seal.sign(data))).toBe(true);
      // Another handle on the same library: what the HSM does to us, done from outside the seal.
      const raw = graphene.Module.load(token.module, 'test');
      raw.initialize(); // already initialised in this process: a no-op
      const slots = raw.getSlots(true);
      let slot: graphene.Slot | undefined;
      for (let i = 0; i < slots.length; i++)
        if (slots.items(i).getToken().label.trim() === token.label) slot = slots.items(i);
      const outsider = slot!.open(graphene.SessionFlag.SERIAL_SESSION);
      outsider.logout(); // the login belongs to the process: every session is logged out
      expect(verifies(seal.certificate, data, await seal.sign(data))).toBe(true);
      slot!.closeAll(); // every session of the process on this token is gone
      expect(verifies(seal.certificate, data, await seal.sign(data))).toBe(true);
    } finally {
      await seal.close();
    }
  });

  it('warns, in both languages, when the seal certificate is about to expire or has expired', async () => {
    const d = await deployment();
    await initSeal(d.config, d.secrets, { now: NOW });
    const warnings: string[] = [];
    const logger = { warn: (_: object, msg: string) => void warnings.push(msg) };
    const { notAfter } = parseCertificate(fs.readFileSync(sealPaths(d.config).certFile));
    const soon = await openSeal(d.config, d.secrets, {
      logger,
      now: new Date(notAfter.getTime() - 10 * 86_400_000),
    });
    await soon.close();
    expect(warnings).toEqual([expect.stringContaining('The system seal certificate expires in 10 days')]);
    const late = await openSeal(d.config, d.secrets, { logger, now: new Date(notAfter.getTime() + 1000) });
    await late.close();
    expect(warnings[1]).toContain('không còn hiệu lực');
    expect(warnings[1]).toContain('is not valid now');
    const fine = await openSeal(d.config, d.secrets, { logger, now: NOW });
    await fine.close();
    expect(warnings).toHaveLength(2);
  });

  it('uses an RSA key the HSM officer created (pkcs11-tool) under the label: CKM_SHA256_RSA_PKCS', async () => {
    const d = await deployment();
    execFileSync(
      'pkcs11-tool',
      [
        '--module',
        token.module,
        '--token-label',
        token.label,
        '--login',
        '--pin',
        token.pin,
        '--keypairgen',
        '--key-type',
        'rsa:2048',
        '--label',
        d.label,
        '--id',
        crypto.randomBytes(4).toString('hex'),
      ],
      { env: { ...process.env, SOFTHSM2_CONF: token.conf }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const status = sealStatus(d.config, d.secrets);
    expect(status.key.present).toBe(true);
    const csr = sealCsr(d.config, d.secrets);
    const dir = tempDir('cpdt-seal-rsa-');
    fs.writeFileSync(path.join(dir, 'seal.csr'), csr);
    execFileSync('openssl', ['req', '-in', path.join(dir, 'seal.csr'), '-verify', '-noout'], {
      stdio: 'pipe',
    });
    const spki = execFileSync('openssl', ['req', '-in', path.join(dir, 'seal.csr'), '-pubkey', '-noout']);
    const pass = demoCaPassphrase(undefined, d.secrets).passphrase;
    const ca = await DemoCa.load(d.caDir, pass);
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(crypto.createPublicKey(spki).export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'Con dấu RSA' },
      now: NOW,
    });
    importSealCertificate(d.config, d.secrets, issued.pem);
    const seal = await openSeal(d.config, d.secrets);
    try {
      expect(seal.keyAlgorithm).toBe('RSA');
      const content = Buffer.from('nội dung');
      expect(verifies(seal.certificate, content, await seal.sign(content))).toBe(true);
      fs.writeFileSync(path.join(dir, 'c'), content);
      fs.writeFileSync(path.join(dir, 'c.p7s'), await signDetached(content, seal, NOW));
      execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          path.join(dir, 'c.p7s'),
          '-content',
          path.join(dir, 'c'),
          '-CAfile',
          path.join(d.caDir, 'ca.crt.pem'),
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { stdio: 'pipe' },
      );
    } finally {
      await seal.close();
    }
  });

  it('makes a CMS signature that openssl cms -verify accepts', async () => {
    const d = await deployment();
    await initSeal(d.config, d.secrets, { now: NOW });
    const seal = await openSeal(d.config, d.secrets);
    try {
      const content = Buffer.from(JSON.stringify({ type: 'cpdt.checkpoint', head: 'ab', size: 3 }));
      const p7s = await signDetached(content, seal, NOW);
      const dir = tempDir('cpdt-seal-cms-');
      fs.writeFileSync(path.join(dir, 'c.json'), content);
      fs.writeFileSync(path.join(dir, 'c.json.p7s'), p7s);
      const openssl = (file: string) =>
        execFileSync(
          'openssl',
          [
            'cms',
            '-verify',
            '-binary',
            '-inform',
            'DER',
            '-in',
            path.join(dir, 'c.json.p7s'),
            '-content',
            path.join(dir, file),
            '-CAfile',
            path.join(d.caDir, 'ca.crt.pem'),
            '-purpose',
            'any',
            '-out',
            '/dev/null',
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
      expect(() => openssl('c.json')).not.toThrow();
      fs.writeFileSync(path.join(dir, 'd.json'), Buffer.concat([content, Buffer.from(' ')]));
      expect(() => openssl('d.json')).toThrow();
    } finally {
      await seal.close();
    }
  });

  it('csr + import-cert: a CA-issued certificate replaces the demo one; a foreign one is refused', async () => {
    const d = await deployment({}, false);
    const init = await initSeal(d.config, d.secrets, { now: NOW });
    expect(init.certificate).toBeNull(); // no demo CA: the operator asks a CA
    expect((await rejectionOf(openSeal(d.config, d.secrets))).reason).toBe('noCertificate');

    const csr = sealCsr(d.config, d.secrets, { organization: 'Văn phòng Chính phủ' });
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const dir = tempDir('cpdt-seal-csr-');
    fs.writeFileSync(path.join(dir, 'seal.csr'), csr);
    const checked = execFileSync(
      'openssl',
      ['req', '-in', path.join(dir, 'seal.csr'), '-verify', '-noout', '-subject', '-nameopt', 'utf8'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(checked).toContain('O=Văn phòng Chính phủ');
    const spki = execFileSync('openssl', ['req', '-in', path.join(dir, 'seal.csr'), '-pubkey', '-noout']);

    // "The CA": this deployment's demo CA, given the CSR's public key.
    const pass = demoCaPassphrase(undefined, d.secrets).passphrase;
    await initDemoCa(d.caDir, { passphrase: pass, now: NOW });
    const ca = await DemoCa.load(d.caDir, pass);
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(crypto.createPublicKey(spki).export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'Con dấu Văn phòng Chính phủ' },
      now: NOW,
    });
    const foreign = await ca.issueCertificate({
      publicKey: new Uint8Array(
        crypto
          .generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .publicKey.export({ type: 'spki', format: 'der' }),
      ),
      subject: { commonName: 'Người khác' },
      now: NOW,
    });
    const refused = rejection(() => importSealCertificate(d.config, d.secrets, foreign.pem));
    expect(refused.reason).toBe('certificateMismatch');
    expect(fs.existsSync(sealPaths(d.config).certFile)).toBe(false);
    expect(rejection(() => importSealCertificate(d.config, d.secrets, 'rác')).reason).toBe('certificate');

    const imported = importSealCertificate(d.config, d.secrets, issued.pem + ca.certificate.pem);
    expect(imported.certificate.fingerprint).toBe(issued.certificate.fingerprint);
    const seal = await openSeal(d.config, d.secrets);
    try {
      expect(parseCertificate(seal.certificate).subjectCommonName).toBe('Con dấu Văn phòng Chính phủ');
      expect(seal.chain).toHaveLength(0); // the self-signed root is a trust anchor, not carried
      const signature = await seal.sign(Buffer.from('dữ liệu'));
      expect(verifies(seal.certificate, Buffer.from('dữ liệu'), signature)).toBe(true);
    } finally {
      await seal.close();
    }
    const status = sealStatus(d.config, d.secrets);
    expect(status).toMatchObject({
      mode: 'pkcs11',
      matches: true,
      key: { present: true, extractable: false },
    });
  });

  it('refuses, with a reason, a wrong PIN, an unknown token, a missing key, module or PIN, a foreign certificate', async () => {
    const d = await deployment();
    const wrongPin = tempDir('cpdt-seal-pin-');
    fs.writeFileSync(path.join(wrongPin, 'pin'), '000000\n');
    const open = (env: Record<string, string>) =>
      rejectionOf(openSeal(loadConfig({ ...envOf(d), ...env }), d.secrets));
    expect((await open({ PKCS11_PIN_FILE: path.join(wrongPin, 'pin') })).reason).toBe('pin');
    expect((await open({ PKCS11_TOKEN_LABEL: 'không-có' })).reason).toBe('token');
    expect((await open({ PKCS11_MODULE: '/nonexistent/libpkcs11.so' })).reason).toBe('module');
    expect((await open({ PKCS11_PIN_FILE: path.join(wrongPin, 'missing') })).reason).toBe('pin');
    expect((await open({})).reason).toBe('noKey');

    await initSeal(d.config, d.secrets, { now: NOW });
    const other = await deployment();
    await initSeal(other.config, other.secrets, { now: NOW });
    // d's certificate file, other's key: not the seal's certificate.
    const mixed = loadConfig({ ...envOf(other), SEAL_CERT_FILE: sealPaths(d.config).certFile });
    expect((await rejectionOf(openSeal(mixed, other.secrets))).reason).toBe('certificateMismatch');
    // The token is still usable after all those refusals.
    const seal = await openSeal(d.config, d.secrets);
    await seal.close();
  });
});

function envOf(d: Deployment): Record<string, string> {
  return {
    CPDT_DATA_DIR: d.config.dataDir,
    LOG_LEVEL: 'silent',
    PKCS11_MODULE: token.module,
    PKCS11_TOKEN_LABEL: token.label,
    PKCS11_PIN_FILE: token.pinFile,
    SEAL_KEY_LABEL: d.label,
  };
}

describe('the demo seal (no PKCS11_MODULE): a key file, for the embedded demo only', () => {
  it('is created on first use with a demo-CA certificate, says it is demo-only, and signs', async () => {
    const dataDir = tempDir('cpdt-seal-file-');
    const config = loadConfig({ CPDT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const secrets = new SecretBox(crypto.randomBytes(32));
    const warnings: string[] = [];
    const logger = { warn: (_: object, msg: string) => void warnings.push(msg) };
    const seal = await openSeal(config, secrets, { logger, now: NOW });
    expect(seal.mode).toBe('file');
    expect(seal.description).toMatch(/demo only/);
    expect(warnings).toEqual([DEMO_SEAL_WARNING]);
    expect(DEMO_SEAL_WARNING).toContain('chỉ dành cho bản chạy thử');
    expect(DEMO_SEAL_WARNING).toContain('for the embedded demo only');

    const { keyFile, certFile } = sealPaths(config);
    expect(fs.readFileSync(keyFile, 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(fs.statSync(keyFile).mode & 0o077).toBe(0);
    const certificate = parseCertificate(fs.readFileSync(certFile));
    expect(certificate.issuerCommonName).toBe('CPĐT Demo CA');
    expect(fs.existsSync(path.join(demoCaDir(dataDir), 'ca.crt.pem'))).toBe(true);
    const signature = await seal.sign(Buffer.from('biên nhận'));
    expect(verifies(seal.certificate, Buffer.from('biên nhận'), signature)).toBe(true);
    await seal.close();

    // Reopened: the same key and certificate, and no second warning in this process.
    const again = await openSeal(config, secrets, { logger });
    expect(again.certificate.equals(seal.certificate)).toBe(true);
    expect(warnings).toHaveLength(1);
    await again.close();

    // Another deployment key does not open the key file.
    expect(
      (await rejectionOf(openSeal(config, new SecretBox(crypto.randomBytes(32)), { logger }))).reason,
    ).toBe('noKey');
    expect(sealStatus(config, secrets)).toMatchObject({
      mode: 'file',
      matches: true,
      key: { present: true },
    });
  });
});

describe('testPlatform', () => {
  it("seals on this process's SoftHSM2 token, with a certificate from the platform's demo CA", async () => {
    const p = await testPlatform({}, NOW);
    try {
      expect(p.config.PKCS11_MODULE).toBe(token.module);
      expect(fs.existsSync(demoCaDir(p.config.dataDir))).toBe(false); // nothing until something seals
      const [seal, same] = await Promise.all([p.pki.seal(), p.pki.seal()]);
      expect(same).toBe(seal);
      expect(seal.description).toContain(`PKCS#11 token "${token.label}"`);
      expect(seal.description).toContain(p.config.SEAL_KEY_LABEL);
      const validated = await p.pki.validate(seal.certificate, p.clock.now());
      expect(validated.ok).toBe(true);
      const content = Buffer.from('{"type":"cpdt.roster"}');
      const p7s = await signDetached(content, seal, p.clock.now());
      const dir = tempDir('cpdt-seal-platform-');
      fs.writeFileSync(path.join(dir, 'r.json'), content);
      fs.writeFileSync(path.join(dir, 'r.json.p7s'), p7s);
      execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          path.join(dir, 'r.json.p7s'),
          '-content',
          path.join(dir, 'r.json'),
          '-CAfile',
          path.join(demoCaDir(p.config.dataDir), 'ca.crt.pem'),
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } finally {
      await p.close();
    }
    // Another platform in the same process: its own key on the same token, after the first one closed.
    const q = await testPlatform({}, NOW);
    try {
      const seal = await q.pki.seal();
      expect(seal.description).toContain(q.config.SEAL_KEY_LABEL);
      const signature = await seal.sign(Buffer.from('x'));
      expect(verifies(seal.certificate, Buffer.from('x'), signature)).toBe(true);
    } finally {
      await q.close();
    }
  });
});
