import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createHttpApp } from '../http/index.js';
import { contentDisposition, receiveFile, sendStoredFile, uploadRoutes } from './http.js';
import { LocalFileStore } from './local-store.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');

describe('streaming upload and download over HTTP', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-upload-'));
  const store = new LocalFileStore(root);
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = await createHttpApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: false });
    await uploadRoutes(app, 64 * 1024, (scope) => {
      scope.post('/upload', async (request) =>
        receiveFile(request, store, { maxBytes: 64 * 1024, accept: ['application/pdf'] }),
      );
    });
    app.get<{ Params: { sha: string } }>('/download/:sha', async (request, reply) =>
      sendStoredFile(reply, store, {
        sha256: request.params.sha,
        mediaType: 'application/pdf',
        filename: 'Tờ trình số 12.pdf',
      }),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    const closing = app.close();
    app.server.closeAllConnections(); // refused uploads leave half-read keep-alive connections behind
    await closing;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const upload = (content: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), name);
    return fetch(`${url}/upload`, { method: 'POST', body: form });
  };

  it('stores an upload by content and streams it back with a Vietnamese file name', async () => {
    const res = await upload(pdf, 'báo cáo.txt'); // the name lies; the content decides
    expect(res.status).toBe(200);
    const stored = (await res.json()) as {
      sha256: string;
      mediaType: string;
      filename: string;
      size: number;
    };
    expect(stored).toMatchObject({ mediaType: 'application/pdf', filename: 'báo cáo.txt', size: pdf.length });
    const back = await fetch(`${url}/download/${stored.sha256}`);
    expect(back.headers.get('content-disposition')).toBe(
      `attachment; filename="To trinh so 12.pdf"; filename*=UTF-8''${encodeURIComponent('Tờ trình số 12.pdf')}`,
    );
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('refuses content of another type with UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await upload(Buffer.from('MZ\x90\x00 not really a pdf'), 'totally.pdf');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('stops an oversized upload with PAYLOAD_TOO_LARGE and keeps nothing', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(200 * 1024, 32)]);
    const res = await upload(big, 'lớn.pdf');
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const kept: string[] = [];
    for await (const s of store.list()) kept.push(s);
    expect(kept).toHaveLength(1); // only the first test's file
  });

  it('refuses a request that is not multipart', async () => {
    const res = await fetch(`${url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('encodes names safely for the header', () => {
    expect(contentDisposition('Quyết định "mật".pdf', 'inline')).toMatch(
      /^inline; filename="Quyet dinh _mat_.pdf"; filename\*=UTF-8''/,
    );
  });
});
