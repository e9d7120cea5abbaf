import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { LocalFileStore } from './local-store.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-files-'));
const store = new LocalFileStore(root);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');
const text = (s: string) => Readable.from([Buffer.from(s)]);
const chunks = (n: number, size: number) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < n; i++) yield Buffer.alloc(size, i % 256);
    })(),
  );

describe('content-addressed file store', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores by SHA-256, once, and streams the content back', async () => {
    const a = await store.put(Readable.from([pdf]), { maxBytes: 1000 });
    const b = await store.put(Readable.from([pdf]), { maxBytes: 1000 });
    expect(a).toEqual(b);
    expect(a.mediaType).toBe('application/pdf');
    expect(a.sha256).toBe((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));
    const back: Buffer[] = [];
    for await (const c of await store.open(a.sha256)) back.push(c as Buffer);
    expect(Buffer.concat(back).equals(pdf)).toBe(true);
    const listed: string[] = [];
    for await (const s of store.list()) listed.push(s);
    expect(listed).toEqual([a.sha256]);
  });

  it('detects the type by content, not by name, and refuses what is not accepted', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    await expect(
      store.put(Readable.from([png]), { maxBytes: 1000, accept: ['application/pdf'] }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', details: { detected: 'image/png' } });
    expect((await store.put(text('Chính phủ điện tử'), { maxBytes: 1000 })).mediaType).toBe('text/plain');
  });

  it('stops a stream past the size limit and leaves nothing behind', async () => {
    const err = await store.put(chunks(20, 64 * 1024), { maxBytes: 100 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('streams a large file without holding it in memory', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const stored = await store.put(chunks(200, 256 * 1024), { maxBytes: 100 * 1024 * 1024 }); // 50 MiB
    expect(stored.size).toBe(200 * 256 * 1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(30 * 1024 * 1024);
  });

  it('answers NOT_FOUND for unknown or malformed addresses', async () => {
    await expect(store.open('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.open('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
