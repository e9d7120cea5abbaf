import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('data folder lock', () => {
  it('refuses a second owner while the first lives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'cpdt.lock'), JSON.stringify({ pid: child.pid }));
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/đang được tiến trình .* sử dụng/);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((r) => child.once('exit', r));
    // its owner is gone (as after kill -9): the stale lock is taken over
    const lock = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cpdt.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'cpdt.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
