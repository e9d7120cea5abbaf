import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';

describe('HTTP platform', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  beforeAll(async () => {
    p = await testPlatform({ RATE_LIMIT_MAX: '1000' });
    app = await testApp(p);
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  it('answers health with the database kind', async () => {
    const res = await app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env['DATABASE_URL'] ? 'postgres' : 'pglite',
    });
  });

  it('echoes a safe request id and replaces an unsafe one', async () => {
    const ok = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'abc-12345678' } });
    expect(ok.headers['x-request-id']).toBe('abc-12345678');
    const bad = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'x\n<script>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives unknown API paths a coded 404 in Vietnamese, or English when asked', async () => {
    const vi = await app.inject('/api/nothing-here');
    expect(vi.statusCode).toBe(404);
    expect(vi.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: 'Không tìm thấy đối tượng yêu cầu.' },
    });
    const en = await app.inject({
      url: '/api/nothing-here',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().error.message).toBe('The requested item was not found.');
    expect(en.json().error.requestId).toBe(en.headers['x-request-id']);
  });

  it('answers in the language chosen in the app (cpdt_lang cookie) over Accept-Language', async () => {
    const res = await app.inject({
      url: '/api/nothing-here',
      headers: { cookie: 'cpdt_lang=en', 'accept-language': 'vi' },
    });
    expect(res.json().error.message).toBe('The requested item was not found.');
  });

  it('refuses invalid input with VALIDATION_FAILED naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body.error.details)).toMatch(/username|password/);
  });

  it('refuses malformed JSON with a code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/health'].get).toBeDefined();
    expect(doc.paths['/api/auth/sign-in'].post.requestBody).toBeDefined();
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('exports Prometheus metrics', async () => {
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('cpdt_http_request_duration_seconds_bucket');
    expect(res.body).toContain('cpdt_process_resident_memory_bytes');
  });

  it('sets security headers', async () => {
    const res = await app.inject('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('rate-limits sign-in attempts with RATE_LIMITED', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.9.9.9',
        payload: { username: 'nobody', password: 'x' },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});
