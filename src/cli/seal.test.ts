import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCpdt } from '../../test/support/cpdt-process.js';
import { createSoftHsmToken, type SoftHsmToken } from '../../test/support/softhsm.js';
import {
  DemoCa,
  demoCaDir,
  demoCaPassphrase,
  initDemoCa,
  loadSecretBox,
  parseCertificate,
} from '../platform/crypto/index.js';

/** `cpdt seal …` as an operator types it. */
const cpdt = (args: string[], env: Record<string, string>) => runCpdt(['seal', ...args], env);

const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('cpdt seal', () => {
  let token: SoftHsmToken;
  let dataDir: string;
  let env: Record<string, string>;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-seal-cli-'));

  beforeAll(() => {
    // The child processes read their own SOFTHSM2_CONF; this process's token stays untouched.
    token = createSoftHsmToken({ label: 'cpdt-cli', setEnv: false });
    dataDir = path.join(work, 'data');
    env = { ...token.env, CPDT_DATA_DIR: dataDir, SEAL_KEY_LABEL: 'con-dau' };
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(token.dir, { recursive: true, force: true });
  });

  it('init on the token, csr for a CA, import-cert after checking the key, show', async () => {
    const before = await cpdt(['show'], env);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('Chưa có khoá con dấu');
    expect(before.stdout).toContain('There is no seal key');

    const init = await cpdt(['init'], env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('PKCS#11 token "cpdt-cli", key "con-dau"');
    expect(init.stdout).toContain('sensitive=true, extractable=false');
    expect(init.stdout).toContain('cpdt seal csr'); // no demo CA: the next step is a CSR
    expect(init.stdout).not.toContain(token.pin);

    const again = await cpdt(['init'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Đã có khoá con dấu');
    expect(again.stderr).toContain('A seal key already exists');

    const csrFile = path.join(work, 'seal.csr');
    const csr = await cpdt(
      ['csr', '--org', 'Văn phòng Chính phủ', '--cn', 'Con dấu VPCP', '--out', csrFile],
      env,
    );
    expect(csr.code, csr.stderr).toBe(0);
    expect(openssl('req', '-in', csrFile, '-verify', '-noout', '-subject', '-nameopt', 'utf8')).toContain(
      'CN=Con dấu VPCP',
    );
    const printed = await cpdt(['csr'], env);
    expect(printed.stdout).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);

    // The CA (here: a demo CA made for the occasion) issues a certificate for the CSR's key.
    const secrets = loadSecretBox(undefined, dataDir);
    const pass = demoCaPassphrase(undefined, secrets).passphrase;
    const caDir = path.join(work, 'other-ca');
    await initDemoCa(caDir, { passphrase: pass, name: 'CA cấp con dấu' });
    const ca = await DemoCa.load(caDir, pass);
    const spki = crypto
      .createPublicKey(openssl('req', '-in', csrFile, '-pubkey', '-noout'))
      .export({ type: 'spki', format: 'der' });
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(spki),
      subject: { commonName: 'Con dấu VPCP' },
    });
    const other = await ca.issueCertificate({
      publicKey: new Uint8Array(
        crypto
          .generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .publicKey.export({ type: 'spki', format: 'der' }),
      ),
      subject: { commonName: 'Khoá khác' },
    });
    fs.writeFileSync(path.join(work, 'other.pem'), other.pem);
    fs.writeFileSync(path.join(work, 'seal.pem'), issued.pem + ca.certificate.pem);

    const wrong = await cpdt(['import-cert', path.join(work, 'other.pem')], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('không phải của khoá con dấu');
    expect(wrong.stderr).toContain('not for the seal key');
    expect(fs.existsSync(path.join(dataDir, 'seal', 'seal.crt.pem'))).toBe(false);

    const imported = await cpdt(['import-cert', path.join(work, 'seal.pem')], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('CN=Con dấu VPCP');
    const installed = fs.readFileSync(path.join(dataDir, 'seal', 'seal.crt.pem'), 'utf8');
    expect(parseCertificate(installed).fingerprint).toBe(issued.certificate.fingerprint);

    // Installed and matching, but that CA is not one this deployment trusts: show says so, exit 1.
    const untrusted = await cpdt(['show'], env);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toContain('extractable=false');
    expect(untrusted.stdout).toContain(issued.certificate.fingerprint);
    expect(untrusted.stdout).toContain('CA cấp con dấu');
    expect(untrusted.stdout).toContain('Tin cậy / Trusted: KHÔNG / NO (untrusted');

    const trustDir = path.join(work, 'trust');
    fs.mkdirSync(trustDir);
    fs.writeFileSync(path.join(trustDir, 'ca.pem'), ca.certificate.pem);
    const show = await cpdt(['show'], { ...env, PKI_TRUST_DIR: trustDir });
    expect(show.code, show.stdout + show.stderr).toBe(0);
    expect(show.stdout).toContain('Tin cậy / Trusted: có');

    fs.writeFileSync(path.join(work, 'bad-pin'), '000000\n');
    const badPin = await cpdt(['show'], { ...env, PKCS11_PIN_FILE: path.join(work, 'bad-pin') });
    expect(badPin.code).toBe(1);
    expect(badPin.stdout).toContain('The PIN does not open the token');
    expect(badPin.stdout + badPin.stderr).not.toContain(token.pin);

    expect((await cpdt(['frobnicate'], env)).code).toBe(2);
    expect((await cpdt(['import-cert'], env)).code).toBe(2);
    expect((await cpdt(['init', '--nope'], env)).code).toBe(2);
  }, 120_000);

  it('without PKCS11_MODULE: the demo key file and a demo-CA certificate, said to be demo-only', async () => {
    const demoDir = path.join(work, 'demo-data');
    const demoEnv = { CPDT_DATA_DIR: demoDir };
    const init = await cpdt(['init'], demoEnv);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('key file (demo only)');
    expect(init.stdout).toContain('chỉ dành cho bản chạy thử nhúng');
    expect(init.stdout).toContain('for the embedded demo only');
    expect(init.stdout).toContain('CPĐT Demo CA');
    expect(fs.existsSync(path.join(demoCaDir(demoDir), 'ca.crt.pem'))).toBe(true);
    openssl(
      'verify',
      '-CAfile',
      path.join(demoCaDir(demoDir), 'ca.crt.pem'),
      path.join(demoDir, 'seal', 'seal.crt.pem'),
    );
    const show = await cpdt(['show'], demoEnv);
    expect(show.code, show.stdout).toBe(0);
    expect(show.stdout).toContain('for the embedded demo only');
  }, 120_000);
});
