/**
 * A real PKCS#11 token for tests: SoftHSM2 (`apt-get install softhsm2`; CI installs it). Each test process
 * (vitest worker) gets one token in a temporary token folder, created on first use; keys on it are labelled
 * per test platform. SoftHSM2 reads SOFTHSM2_CONF when the library is initialised and does not see tokens
 * created later in the same process, hence one token per process, made before any seal opens.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCaDir, demoCaExists, demoCaPassphrase, initDemoCa } from '../../src/platform/crypto/index.js';
import { initSeal, sealStatus } from '../../src/platform/crypto/seal.js';
import type { Platform } from '../../src/platform/platform.js';

export interface SoftHsmToken {
  /** The PKCS#11 library. */
  module: string;
  label: string;
  pin: string;
  /** A file holding the PIN (what PKCS11_PIN_FILE names). */
  pinFile: string;
  soPin: string;
  /** The softhsm2.conf in force (also in process.env.SOFTHSM2_CONF). */
  conf: string;
  dir: string;
  /** Environment for testPlatform / a `cpdt` process: PKCS11_MODULE, PKCS11_TOKEN_LABEL, PKCS11_PIN_FILE, SOFTHSM2_CONF. */
  env: Record<string, string>;
}

const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
];

export function softHsmModule(): string {
  const found = MODULE_CANDIDATES.find((f) => fs.existsSync(f));
  if (!found)
    throw new Error(
      'SoftHSM2 is not installed (no libsofthsm2.so): `apt-get install softhsm2` — the seal tests need a real PKCS#11 token',
    );
  return found;
}

/**
 * A fresh token in its own folder. `setEnv` (default) points this process's SOFTHSM2_CONF at it, which only
 * works before the first seal opens in the process; pass false for a token used by a child process.
 */
export function createSoftHsmToken(options: { label?: string; setEnv?: boolean } = {}): SoftHsmToken {
  const module = softHsmModule();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-softhsm-'));
  const tokens = path.join(dir, 'tokens');
  fs.mkdirSync(tokens);
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const label = options.label ?? 'cpdt-test';
  const pin = crypto.randomInt(100000, 999999).toString();
  const soPin = crypto.randomInt(100000, 999999).toString();
  try {
    execFileSync(
      'softhsm2-util',
      ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin],
      { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`softhsm2-util --init-token failed (is softhsm2 installed?): ${String(e)}`, {
      cause: e,
    });
  }
  const pinFile = path.join(dir, 'pin');
  fs.writeFileSync(pinFile, `${pin}\n`, { mode: 0o600 });
  if (options.setEnv !== false) process.env['SOFTHSM2_CONF'] = conf;
  return {
    module,
    label,
    pin,
    pinFile,
    soPin,
    conf,
    dir,
    env: {
      PKCS11_MODULE: module,
      PKCS11_TOKEN_LABEL: label,
      PKCS11_PIN_FILE: pinFile,
      SOFTHSM2_CONF: conf,
    },
  };
}

let worker: SoftHsmToken | undefined;

/** This process's token, created on first call (and removed when the process exits). */
export function workerSoftHsm(): SoftHsmToken {
  if (!worker) {
    worker = createSoftHsmToken({ label: 'cpdt-test' });
    const dir = worker.dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return worker;
}

/** Does the test choose its own seal (any PKCS11_* or SEAL_* variable)? Then testPlatform leaves it alone. */
function ownSeal(env: Record<string, string>): boolean {
  return Object.keys(env).some((k) => k.startsWith('PKCS11_') || k.startsWith('SEAL_'));
}

/** What testPlatform adds to its environment: this process's SoftHSM2 token and a key label of its own. */
export function testSealEnv(env: Record<string, string>): Record<string, string> {
  if (ownSeal(env)) return {};
  const { PKCS11_MODULE, PKCS11_TOKEN_LABEL, PKCS11_PIN_FILE } = workerSoftHsm().env;
  return {
    PKCS11_MODULE: PKCS11_MODULE!,
    PKCS11_TOKEN_LABEL: PKCS11_TOKEN_LABEL!,
    PKCS11_PIN_FILE: PKCS11_PIN_FILE!,
    SEAL_KEY_LABEL: `cpdt-seal-${crypto.randomBytes(6).toString('hex')}`,
  };
}

/**
 * On the first `p.pki.seal()`, what an operator does once with `cpdt seal init`: a key on the token and its
 * certificate from the platform's demo CA (created if absent, as testCa does). Lazy, so a test that never
 * seals pays nothing and finds no demo CA it did not ask for.
 */
export function provisionTestSeal(p: Platform, env: Record<string, string>): void {
  if (ownSeal(env)) return;
  const open = p.pki.seal.bind(p.pki);
  let ready: Promise<void> | undefined;
  const provision = async () => {
    const now = p.clock.now();
    const dir = demoCaDir(p.config.dataDir);
    const { passphrase } = demoCaPassphrase(p.config.CPDT_CA_PASSPHRASE, p.secrets);
    if (!demoCaExists(dir)) await initDemoCa(dir, { passphrase, now });
    if (!sealStatus(p.config, p.secrets).key.present) await initSeal(p.config, p.secrets, { now });
  };
  p.pki.seal = async () => {
    ready ??= provision();
    await ready;
    return open();
  };
}
