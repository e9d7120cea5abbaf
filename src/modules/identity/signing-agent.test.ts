import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { startTestSigningAgent, type TestSigningAgent } from '../../../test/support/signing-agent.js';
import { testCa, testSigner, type TestSigner } from '../../../test/support/signing.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { verifyDetached } from '../../platform/crypto/index.js';
import { completeSignature, ensurePerson, prepareSignature } from './index.js';
import { signingKeys } from './signing.service.js';

const NOW = new Date('2026-03-02T03:00:00Z');
const ORIGIN = 'https://cpdt.example.gov.vn';

/**
 * The local signing-agent protocol end to end (docs/signing-agent.md): the page lists the token's
 * certificates, matches one registered on the person, the server prepares, the agent signs, the server
 * completes. The agent is the test double; the page is this test.
 */
describe('local signing agent protocol (cpdt-signing-agent/1)', () => {
  let p: TestPlatform;
  let agent: TestSigningAgent;
  let token: TestSigner;
  let declined = false;

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
    await testCa(p, new Date(NOW.getTime() - 86_400_000));
    const personId = await p.db.transaction((tx) =>
      ensurePerson(tx, SYSTEM_CONTEXT, { username: 'agent-member', displayName: 'Phạm Văn D' }),
    );
    token = await testSigner(p, personId, { commonName: 'Phạm Văn D' });
    agent = await startTestSigningAgent({
      allowedOrigin: ORIGIN,
      privateKey: token.privateKey,
      certificateDer: token.certificateDer,
      label: 'USB token',
      confirm: () => !declined,
    });
  });
  afterAll(async () => {
    await agent.close();
    await p.close();
  });

  const call = (
    path: string,
    init: { method?: string; body?: unknown; origin?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${agent.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        origin: init.origin ?? ORIGIN,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });

  it('lists the token’s certificate, signs what the server prepared, and the server completes it', async () => {
    const info = await call('/v1/info');
    expect(info.status).toBe(200);
    expect(info.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await info.json()).toMatchObject({ protocol: 'cpdt-signing-agent/1' });

    const listed = (await (await call('/v1/certificates')).json()) as {
      id: string;
      certificate: string;
      label: string;
    }[];
    expect(listed).toHaveLength(1);
    const fingerprint = crypto
      .createHash('sha256')
      .update(Buffer.from(listed[0]!.certificate, 'base64'))
      .digest('hex');
    const registered = (await signingKeys(p.db, token.personId, NOW)).find(
      (k) => k.fingerprint === fingerprint,
    );
    expect(registered?.id).toBe(token.certificateId);

    const payload = JSON.stringify({ choice: 'yes', poll: 'p-agent', type: 'cpdt.vote' });
    const prepared = await prepareSignature(p.db, {
      personId: token.personId,
      payload,
      certificateId: registered!.id,
      at: NOW,
    });
    const summary = ['Biểu quyết: Tán thành', 'Vote: Yes'];
    const signed = await call('/v1/sign', {
      body: {
        certificateId: listed[0]!.id,
        data: prepared.toBeSigned,
        algorithm: 'ECDSA-SHA256',
        summary,
        payloadSha256: prepared.payloadSha256,
        origin: ORIGIN,
      },
    });
    expect(signed.status).toBe(200);
    const { signature } = (await signed.json()) as { signature: string };
    const done = await completeSignature(p.db, p, {
      personId: token.personId,
      payload,
      toBeSigned: prepared.toBeSigned,
      signature,
      certificateId: prepared.certificateId,
      at: NOW,
    });
    expect(
      verifyDetached(done.cms, Buffer.from(payload)).signerCertificate.equals(token.certificateDer),
    ).toBe(true);
    const recorded = agent.requests.find((r) => r.path === '/v1/sign');
    expect(recorded?.body).toMatchObject({ summary, payloadSha256: prepared.payloadSha256, origin: ORIGIN });
  });

  it('refuses another origin, without CORS headers, and signs nothing', async () => {
    const before = agent.requests.length;
    const res = await call('/v1/certificates', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toEqual({ error: { code: 'origin_not_allowed', message: expect.any(String) } });
    const sign = await call('/v1/sign', {
      origin: 'https://evil.example',
      body: {
        certificateId: agent.certificateId,
        data: 'AA==',
        algorithm: 'ECDSA-SHA256',
        summary: [],
        payloadSha256: '00',
        origin: 'https://evil.example',
      },
    });
    expect(sign.status).toBe(403);
    expect(agent.requests.length).toBe(before + 2);
  });

  it('answers the Private Network Access preflight for the allowed origin', async () => {
    const res = await call('/v1/sign', {
      method: 'OPTIONS',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-private-network': 'true',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses data that does not carry the payload hash shown, and a declined signature', async () => {
    const payload = JSON.stringify({ choice: 'no', type: 'cpdt.vote' });
    const prepared = await prepareSignature(p.db, { personId: token.personId, payload, at: NOW });
    const body = {
      certificateId: agent.certificateId,
      data: prepared.toBeSigned,
      algorithm: 'ECDSA-SHA256',
      summary: ['Biểu quyết: Không tán thành'],
      payloadSha256: crypto.createHash('sha256').update('something else').digest('hex'),
      origin: ORIGIN,
    };
    const mismatch = await call('/v1/sign', { body });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: { code: string } }).error.code).toBe('data_mismatch');
    declined = true;
    const cancelled = await call('/v1/sign', { body: { ...body, payloadSha256: prepared.payloadSha256 } });
    declined = false;
    expect(cancelled.status).toBe(409);
    expect(((await cancelled.json()) as { error: { code: string } }).error.code).toBe('user_cancelled');
  });
});
