import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';

describe('backup download', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  beforeAll(async () => {
    p = await testPlatform();
    app = await testApp(p);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  it('streams a complete backup to an administrator and audits it', async () => {
    const cookie = await signedIn(app, p, 'saoluu', ['admin']);
    const res = await app.inject({ url: '/api/admin/backup', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cpdt-.*\.gz"$/);
    const lines = gunzipSync(res.rawPayload).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'header', format: 'cpdt-backup' });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'end' });
    const log = await app.inject({ url: '/api/admin/backup', headers: { cookie } });
    expect(log.statusCode).toBe(200); // a second download works too (temporary files do not collide)
  });
});
