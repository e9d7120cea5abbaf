import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, REPO_ROOT } from '../../test/support/cpdt-process.js';
import type { BundleManifest } from '../modules/cabinet/decisions.bundle.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * As an operator and an auditor run it, in a terminal: `cpdt seed --demo` on a fresh data folder, then
 * `cpdt poll list`, `cpdt poll export`, `cpdt ballot export`, and `cpdt verify` on the bundles (and on
 * tampered copies), then `openssl cms -verify` and `pdfsig` on the files.
 */
describe('cpdt poll|ballot list|export and cpdt verify', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-verify-cli-'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-verify-out-'));
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  const cpdt = (args: string[]): Promise<Run> => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
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
          },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  };
  const run = (cmd: string, args: string[], cwd: string) =>
    new Promise<Run>((resolve) =>
      execFile(cmd, args, { cwd }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );

  let pollId = '';
  let ballotId = '';

  beforeAll(async () => {
    const server = process.env['DATABASE_URL'];
    if (server) ({ url: databaseUrl, drop: dropDatabase } = await freshPostgres(server, 'cpdt_verify_cli'));
    const seeded = await cpdt(['seed', '--demo']);
    expect(seeded.stderr + seeded.stdout).toContain('biểu quyết có chữ ký số');
    expect(seeded.code).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('lists polls and ballots with id, title, state and date', async () => {
    const polls = await cpdt(['poll', 'list']);
    expect(polls.code).toBe(0);
    const [line] = polls.stdout.trim().split('\n');
    const cols = line!.split('\t');
    expect(cols[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(cols[1]).toContain('Thông qua');
    expect(cols[2]).toBe('đã kết thúc / closed');
    expect(cols[3]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    pollId = cols[0]!;
    const ballots = await cpdt(['ballot', 'list']);
    expect(ballots.code).toBe(0);
    const rows = ballots.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((r) => r[2]).sort()).toEqual(['đang mở / open', 'đã kết thúc / closed']);
    ballotId = rows.find((r) => r[2] === 'đã kết thúc / closed')![0]!;
    const open = rows.find((r) => r[2] === 'đang mở / open')![0]!;
    const refused = await cpdt(['ballot', 'export', open, path.join(out, 'open')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('CABINET_DECISION_NOT_CLOSED');
  }, 120_000);

  it('exports the demo poll; every signature passes openssl; cpdt verify says valid', async () => {
    const dir = path.join(out, 'poll');
    const exported = await cpdt(['poll', 'export', pollId, dir]);
    expect(exported.stderr).not.toContain('Cảnh báo');
    expect(exported.code).toBe(0);
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    for (const file of [
      ...m.entries.map((e) => e.file),
      ...m.entries.flatMap((e) => e.receipt ?? []),
      'checkpoint.json',
    ]) {
      const r = await run(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          `${file}.p7s`,
          '-content',
          file,
          '-CAfile',
          'ca.pem',
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        dir,
      );
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    }
    const verified = await cpdt(['verify', dir]);
    expect(verified.stdout).toContain('Hợp lệ / Valid');
    expect(verified.stdout).toContain('Thông qua / Passed');
    expect(verified.code).toBe(0);

    // Edited after export: named, exit 1.
    const copy = path.join(out, 'poll-edited');
    fs.cpSync(dir, copy, { recursive: true });
    const vote = m.entries.find((e) => e.type === 'vote')!;
    const file = path.join(copy, vote.file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"choice":"yes"', '"choice":"no"'));
    const bad = await cpdt(['verify', copy]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Không hợp lệ / Invalid');
    expect(bad.stdout).toContain(
      `${vote.file}: nội dung không khớp nhật ký / content does not match the log`,
    );
  }, 120_000);

  it('exports the demo ballot with its sealed result PDF, which pdfsig accepts', async () => {
    const dir = path.join(out, 'ballot');
    expect((await cpdt(['ballot', 'export', ballotId, dir])).code).toBe(0);
    const verified = await cpdt(['verify', dir]);
    expect(verified.stdout).toContain('Hợp lệ / Valid');
    expect(verified.code).toBe(0);
    const pdf = await run('pdfsig', ['result.pdf'], dir);
    expect(pdf.stdout).toContain('Signature is Valid');
  }, 120_000);

  it('usage and a missing folder', async () => {
    expect((await cpdt(['verify'])).code).toBe(2);
    expect((await cpdt(['verify', 'a', 'b'])).code).toBe(2);
    expect((await cpdt(['poll'])).code).toBe(2);
    expect((await cpdt(['poll', 'export', pollId])).code).toBe(2);
    const missing = await cpdt(['verify', path.join(out, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('thiếu tệp / file missing');
    const help = await cpdt(['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('cpdt verify');
  }, 60_000);
});
