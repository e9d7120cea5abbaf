import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSecretBox, SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(crypto.randomBytes(32));

  it('opens what it sealed, only under the same context and key', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.openText(sealed, 'totp:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'totp:2')).toThrow();
    expect(() => new SecretBox(crypto.randomBytes(32)).open(sealed, 'totp:1')).toThrow();
  });

  it('refuses an altered ciphertext', () => {
    const sealed = box.seal('secret');
    // The second-to-last character (the last may carry only padding bits), always changed.
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
    expect(() => box.open(flipped)).toThrow();
  });

  it('creates a key file once (0600) and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-key-'));
    const a = loadSecretBox(undefined, dir);
    const b = loadSecretBox(undefined, dir);
    expect(b.openText(a.seal('x'))).toBe('x');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const fromEnv = loadSecretBox(crypto.randomBytes(32).toString('base64'), dir);
    expect(() => fromEnv.open(a.seal('x'))).toThrow();
  });
});
