import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertToPdf } from './convert.js';

describe('the office converter', () => {
  let dir: string;
  let fake: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cpdt-convert-test-'));
    // Stands in for soffice: writes the environment it was given where the PDF is expected.
    fake = path.join(dir, 'fake-soffice');
    await writeFile(
      fake,
      '#!/bin/sh\nwhile [ "$#" -gt 1 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n' +
        'mkdir -p "$out" && env > "$out/paper.pdf"\n',
    );
    await chmod(fake, 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs LibreOffice with a minimal environment, none of the server’s secrets', async () => {
    process.env.CPDT_TEST_SECRET = 'postgres://app:hunter2@db/cpdt';
    try {
      const out = (await convertToPdf(Buffer.from('x'), 'docx', { command: fake, tmpDir: dir })).toString();
      const env = Object.fromEntries(
        out
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      expect(out).not.toContain('hunter2');
      expect(env.CPDT_TEST_SECRET).toBeUndefined();
      expect(env.DATABASE_URL).toBeUndefined();
      expect(env).toMatchObject({ LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', PATH: process.env.PATH });
      expect(env.HOME!.startsWith(path.join(dir, 'cpdt-convert-'))).toBe(true);
      expect(env.TMPDIR).toBe(env.HOME);
      // the shell may add PWD, SHLVL and _ of its own; nothing else comes from the server
      const extra = Object.keys(env).filter(
        (k) => !['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'PWD', 'SHLVL', '_', 'OLDPWD'].includes(k),
      );
      expect(extra).toEqual([]);
    } finally {
      delete process.env.CPDT_TEST_SECRET;
    }
  });
});
