import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors/index.js';
import { collect, unzipFirst, zipFile } from './attachments.js';
import { EDXML_SAMPLES } from '../../../../test/support/shared-data.js';

const SAMPLE = path.join(EDXML_SAMPLES, 'edoc_new.edxml');

async function* inPieces(b: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

/** The ZIP carried by a sample (Java ZipOutputStream: deflate with data descriptors). */
function sampleZip(): Buffer {
  const x = fs.readFileSync(SAMPLE, 'latin1');
  const start = x.indexOf('>', x.indexOf('<edXML:ContentTransferEncoded')) + 1;
  return Buffer.from(x.slice(start, x.indexOf('</edXML:ContentTransferEncoded')), 'base64');
}

describe('ZIP attachments', () => {
  it('unzips the SDK sample archive as a stream', async () => {
    const file = await unzipFirst(inPieces(sampleZip(), 1000));
    expect(file?.name).toBe('32da2890-1a55-4ccd-9ac9-cd0d98559e67.edxml');
    const data = await collect(file!.data);
    expect(data.length).toBe(388347);
    expect(data.subarray(0, 38).toString()).toBe('<?xml version="1.0" encoding="UTF-8"?>');
  });

  it('zips a stream and reads it back, in stored or deflated archives', async () => {
    const content = Buffer.from('Công văn số 7816/VPCP-TTĐT '.repeat(5000));
    const zipped = await collect(
      zipFile('công-văn.pdf', inPieces(content, 4096), { mtime: new Date('2025-01-01') }),
    );
    expect(zipped.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(zipped.length).toBeLessThan(content.length / 10);
    const back = await unzipFirst(zipped);
    expect(back?.name).toBe('công-văn.pdf');
    expect(
      createHash('sha256')
        .update(await collect(back!.data))
        .digest('hex'),
    ).toBe(createHash('sha256').update(content).digest('hex'));
    const stored = Buffer.from(zipSync({ 'a.txt': [Buffer.from('hello'), { level: 0 }] }));
    const s = await unzipFirst(stored);
    expect((await collect(s!.data)).toString()).toBe('hello');
  });

  it('returns null for an archive with no file, and fails with a code on corrupt or oversized ones', async () => {
    expect(await unzipFirst(Buffer.from(zipSync({})))).toBeNull();
    const zip = sampleZip();
    const truncated = zip.subarray(0, 5000);
    const t = await unzipFirst(truncated);
    await expect(collect(t!.data)).rejects.toSatisfy(
      (e) => isAppError(e) && e.code === 'EXCHANGE_ZIP_INVALID',
    );
    const bomb = await unzipFirst(zip, { maxBytes: 10_000 });
    await expect(collect(bomb!.data)).rejects.toSatisfy(
      (e) => isAppError(e) && e.code === 'EXCHANGE_ZIP_TOO_LARGE',
    );
    const garbage = Buffer.from(zip);
    garbage.fill(0x41, 200, 400);
    const readAll = async (): Promise<Buffer> => {
      const g = await unzipFirst(garbage);
      return g ? collect(g.data) : Buffer.alloc(0);
    };
    await expect(readAll()).rejects.toSatisfy((e) => isAppError(e) && e.code === 'EXCHANGE_ZIP_INVALID');
  });
});
