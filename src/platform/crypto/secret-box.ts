import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'v1.';

/**
 * Authenticated encryption (AES-256-GCM) for secrets kept in the database: TOTP seeds, OIDC client secrets,
 * signing keys. The deployment key comes from CPDT_SECRET_KEY (32 bytes, base64; required when several
 * processes share one database) or, on a laptop, from `<data dir>/secret.key`, created on first start with
 * mode 0600. Losing the key loses those secrets, so backups must include it (docs/operations.md).
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('CPDT_SECRET_KEY must be 32 bytes (base64-encoded)');
    this.#key = key;
  }

  seal(plain: string | Buffer, context = ''): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** Throws when the text was sealed under another key or context, or was altered. */
  open(sealed: string, context = ''): Buffer {
    if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed secret');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }

  openText(sealed: string, context = ''): string {
    return this.open(sealed, context).toString('utf8');
  }

  /** A key derived for one purpose (HMAC, cookie signing), so the master key is never used directly. */
  derive(purpose: string, length = 32): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.#key, Buffer.alloc(0), `cpdt:${purpose}`, length));
  }
}

export function loadSecretBox(secretKey: string | undefined, dataDir: string): SecretBox {
  if (secretKey) return new SecretBox(Buffer.from(secretKey, 'base64'));
  const file = path.join(dataDir, 'secret.key');
  try {
    return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return new SecretBox(key);
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
  }
}
