import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, REPO_ROOT } from '../../test/support/cpdt-process.js';
import { ensureBuiltinRoles, ensurePerson } from '../modules/identity/index.js';
import { certificates, persons } from '../modules/identity/schema.js';
import { auditLog, SYSTEM_CONTEXT } from '../platform/audit/index.js';
import { loadSecretBox, parseCertificate } from '../platform/crypto/index.js';
import { migrate, openDatabase, type Database } from '../platform/db/index.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `cpdt ca …` as an operator runs it: node bin/cpdt.mjs, against the test's data folder and database. */
describe('cpdt ca', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-ca-cli-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-ca-out-'));
  const caDir = path.join(dataDir, 'ca');
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  const cpdt = (args: string[], env: Record<string, string> = {}): Promise<Run> => {
    const { DATABASE_URL: _ignored, CPDT_CA_PASSPHRASE: _unset, ...inherited } = process.env;
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['bin/cpdt.mjs', ...args],
        {
          cwd: REPO_ROOT,
          env: {
            ...inherited,
            CPDT_DATA_DIR: dataDir,
            LOG_LEVEL: 'silent',
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
            ...env,
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  };
  /** The data folder's database, opened only between CLI runs (the embedded one allows one process). */
  const withDatabase = async <T>(fn: (database: Database) => Promise<T>): Promise<T> => {
    const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  };
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  beforeAll(async () => {
    const server = process.env['DATABASE_URL'];
    if (server) ({ url: databaseUrl, drop: dropDatabase } = await freshPostgres(server, 'cpdt_ca_cli'));
  });
  afterAll(async () => {
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('says, in both languages, that the CA must be created first', async () => {
    const run = await cpdt(['ca', 'issue', '--person', 'canbo', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Chưa khởi tạo CA thử nghiệm');
    expect(run.stderr).toContain('The demo CA is not initialised');
    expect((await cpdt(['ca', 'show'])).code).toBe(1);
    expect((await cpdt(['ca', 'frobnicate'])).code).toBe(2);
    expect((await cpdt(['ca', 'init', '--unknown'])).code).toBe(2);
  }, 120_000);

  it('init: a CA whose key openssl reads with the passphrase derived from the deployment key', async () => {
    const run = await cpdt(['ca', 'init', '--name', 'CA Thử nghiệm Sở']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('suy ra từ khoá triển khai');
    expect(run.stdout).toContain('derived from the deployment key');
    expect(run.stdout).toContain('FOR DEVELOPMENT AND DEMONSTRATIONS ONLY');
    const derived = loadSecretBox(undefined, dataDir).derive('demo-ca').toString('base64url');
    const key = path.join(caDir, 'ca.key.pem');
    expect(() => openssl('pkey', '-in', key, '-passin', `pass:${derived}`, '-noout')).not.toThrow();
    expect(() => openssl('pkey', '-in', key, '-passin', 'pass:wrong', '-noout')).toThrow();
    expect(
      openssl('x509', '-in', path.join(caDir, 'ca.crt.pem'), '-noout', '-subject', '-nameopt', 'utf8'),
    ).toContain('CN=CA Thử nghiệm Sở');

    const again = await cpdt(['ca', 'init']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
  }, 120_000);

  it('init --force with CPDT_CA_PASSPHRASE: the chosen passphrase opens the new key', async () => {
    const before = parseCertificate(fs.readFileSync(path.join(caDir, 'ca.crt.pem')));
    const run = await cpdt(['ca', 'init', '--force'], { CPDT_CA_PASSPHRASE: 'mật-khẩu-đã-chọn' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('CPDT_CA_PASSPHRASE');
    expect(parseCertificate(fs.readFileSync(path.join(caDir, 'ca.crt.pem'))).fingerprint).not.toBe(
      before.fingerprint,
    );
    expect(fs.readdirSync(caDir).filter((f) => f.includes('.replaced-'))).toHaveLength(2);
    const key = path.join(caDir, 'ca.key.pem');
    expect(() => openssl('pkey', '-in', key, '-passin', 'pass:mật-khẩu-đã-chọn', '-noout')).not.toThrow();
    const show = await cpdt(['ca', 'show'], { CPDT_CA_PASSPHRASE: 'mật-khẩu-đã-chọn' });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('mở được / unlocks');
    const wrong = await cpdt(['ca', 'show']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The passphrase does not open the CA key');
  }, 120_000);

  it('issue: a key and certificate for the person, registered on them, that openssl verifies', async () => {
    const personId = await withDatabase(async ({ db }) => {
      await migrate(db);
      const id = await db.transaction(async (tx) => {
        await ensureBuiltinRoles(tx);
        return ensurePerson(tx, SYSTEM_CONTEXT, {
          username: 'tran.binh',
          displayName: 'Trần Thị Bình',
          email: 'binh@example.gov.vn',
        });
      });
      await db.update(persons).set({ personalId: '001199000123' }).where(eq(persons.id, id));
      return id;
    });
    const env = { CPDT_CA_PASSPHRASE: 'mật-khẩu-đã-chọn' };
    const run = await cpdt(['ca', 'issue', '--person', 'Tran.Binh', '--days', '30', '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    const certFile = path.join(out, 'tran.binh.crt.pem');
    const keyFile = path.join(out, 'tran.binh.key.pem');
    expect(run.stdout).toContain(`openssl verify -CAfile ${path.join(out, 'ca.crt.pem')} ${certFile}`);
    expect(run.stdout).toContain('Trần Thị Bình');

    expect(openssl('verify', '-CAfile', path.join(out, 'ca.crt.pem'), certFile).trim()).toBe(
      `${certFile}: OK`,
    );
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    expect(openssl('pkey', '-in', keyFile, '-pubout')).toBe(
      openssl('x509', '-in', certFile, '-noout', '-pubkey'),
    );
    const issued = parseCertificate(fs.readFileSync(certFile));
    expect(issued.subject).toBe('C=VN, CN=Trần Thị Bình, serialNumber=001199000123, UID=tran.binh');
    expect(Math.round((issued.notAfter.getTime() - issued.notBefore.getTime()) / 86_400_000)).toBe(30);
    expect(run.stdout).toContain(issued.serialNumber);

    await withDatabase(async ({ db }) => {
      const rows = await db.select().from(certificates).where(eq(certificates.personId, personId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ source: 'ca', fingerprint: issued.fingerprint, revokedAt: null });
      const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      expect(last).toMatchObject({ action: 'identity.certificate.register', objectId: rows[0]!.id });
    });

    // The key is never overwritten.
    const again = await cpdt(['ca', 'issue', '--person', 'tran.binh', '--out', out], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
  }, 180_000);

  it('issue: an unknown person is refused in both languages, and nothing is written', async () => {
    const before = fs.readdirSync(out).sort();
    const run = await cpdt(['ca', 'issue', '--person', 'khong.co', '--out', out], {
      CPDT_CA_PASSPHRASE: 'mật-khẩu-đã-chọn',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Không có người dùng');
    expect(run.stderr).toContain('No person with the username');
    expect(fs.readdirSync(out).sort()).toEqual(before);
    const usage = await cpdt(['ca', 'issue']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--person');
  }, 120_000);
});
