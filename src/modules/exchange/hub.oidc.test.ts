import crypto from 'node:crypto';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp } from '../../../test/support/http.js';
import { freePort } from '../../../test/support/cpdt-process.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { createAgency, systemAgencyActor } from '../identity/index.js';
import { buildEdxmlToBuffer, formatEdxmlDate, type Edoc } from './edxml/index.js';
import { createSystem, directory, forgetSystems } from './hub.systems.js';
import { VXP_PREFIX_PATH } from './hub.vxp.routes.js';
import { HttpHubClient } from './node.transport.js';
import { exchangeHubMessages } from './schema.js';

const A = '000.00.00.G22';
const B = '000.00.00.G12';

let p: TestPlatform;
let app: FastifyInstance;
let origin: string;
let admin: string;
let agencyId: string;
const secrets: Record<string, string> = {};

interface Machine {
  clientId: string;
  clientSecret: string;
}

function edoc(documentNumber: string, from: string, to: string): Edoc {
  return {
    from: { organId: from, organName: from === A ? 'Văn phòng Chính phủ' : 'Bộ Tài chính' },
    to: [{ organId: to }],
    documentId: `${from},${formatEdxmlDate(new Date())},${documentNumber}/VPCP-TTĐT`,
    code: { number: documentNumber, notation: 'VPCP-TTĐT' },
    promulgation: { place: 'Hà Nội', date: formatEdxmlDate(new Date()) },
    subject: `Công văn số ${documentNumber} về trao đổi văn bản qua token`,
    toPlaces: [],
    responseFor: [],
    traces: [],
    attachments: [],
  };
}

const envelope = (e: Edoc) => buildEdxmlToBuffer({ kind: 'edoc', edoc: e });

async function registerMachine(name: string): Promise<Machine> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/oidc-clients',
    headers: { cookie: admin },
    payload: { name, agencyId, type: 'confidential', machine: true },
  });
  expect(res.statusCode, res.body).toBe(201);
  const issued = res.json<{ client: { clientId: string; machine: boolean }; clientSecret: string }>();
  expect(issued.client.machine).toBe(true);
  return { clientId: issued.client.clientId, clientSecret: issued.clientSecret };
}

/** A token from the real token endpoint, over HTTP, with the client credentials grant. */
async function tokenOf(m: Machine): Promise<string> {
  const basic = Buffer.from(
    `${encodeURIComponent(m.clientId)}:${encodeURIComponent(m.clientSecret)}`,
  ).toString('base64');
  const res = await fetch(`${origin}/oidc/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const body = (await res.json()) as { access_token?: string; token_type?: string; expires_in?: number };
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.token_type).toBe('Bearer');
  expect(body.expires_in).toBeGreaterThan(0);
  return body.access_token!;
}

function bearerSend(token: string | null, body: Buffer) {
  return fetch(`${origin}${VXP_PREFIX_PATH}/sendEdoc`, {
    method: 'POST',
    headers: {
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      'hash-file': crypto.createHash('sha256').update(body).digest('hex'),
      'content-type': 'application/octet-stream',
    },
    body: body as unknown as BodyInit,
  });
}

const bearerCall = (token: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${VXP_PREFIX_PATH}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
  });

async function messages(): Promise<number> {
  const [row] = await p.db.select({ n: count() }).from(exchangeHubMessages);
  return Number(row!.n);
}

async function expectRefused(res: Response, code: string) {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { status: string; ErrorCode: string };
  expect(body).toMatchObject({ status: 'FAIL', ErrorCode: code });
}

let bound: Machine;
let unbound: Machine;
let token: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  p = await testPlatform({ PUBLIC_URL: origin, EXCHANGE_HUB: 'on', SIGN_IN_RATE_LIMIT_MAX: '1000' });
  app = await testApp(p);
  await app.listen({ port, host: '127.0.0.1' });
  await p.db.transaction(async (tx) => {
    const actor = systemAgencyActor(p.clock.now());
    agencyId = (await createAgency(tx, actor, { code: A, nameVi: 'Văn phòng Chính phủ', level: 'central' }))
      .id;
    await createAgency(tx, actor, { code: B, nameVi: 'Bộ Tài chính', level: 'central' });
  });
  admin = await signedIn(app, p, 'hub-oidc-admin', ['admin']);
  bound = await registerMachine('Hệ thống QLVB (máy)');
  unbound = await registerMachine('Ứng dụng máy khác');
  await p.db.transaction(async (tx) => {
    const m = await createSystem(tx, p, {
      id: 'sys-m',
      name: 'sys-m',
      agencyCodes: [A],
      oidcClientId: bound.clientId,
    });
    expect(m.system.oidcClientId).toBe(bound.clientId);
    secrets['sys-m'] = m.secret;
    secrets['sys-b'] = (await createSystem(tx, p, { id: 'sys-b', name: 'sys-b', agencyCodes: [B] })).secret;
  });
  forgetSystems();
  token = await tokenOf(bound);
});

afterAll(async () => {
  await app?.close();
  await p?.close();
});

describe('hub: systems authenticated with OIDC client credentials', () => {
  it('a machine client cannot start a sign-in, and a sign-in client cannot use the grant', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: {
        name: 'máy có địa chỉ',
        agencyId,
        type: 'confidential',
        machine: true,
        redirectUris: ['https://qlvb.example.gov.vn/cb'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'IDENTITY_OIDC_CLIENT_INVALID', details: { field: 'redirectUris', reason: 'machine' } },
    });
    const pub = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: { name: 'máy công khai', agencyId, type: 'public', machine: true },
    });
    expect(pub.statusCode).toBe(400);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie: admin },
      payload: {
        name: 'QLVB (đăng nhập)',
        agencyId,
        type: 'confidential',
        redirectUris: ['https://qlvb.example.gov.vn/cb'],
      },
    });
    expect(signIn.statusCode).toBe(201);
    const issued = signIn.json<{ client: { clientId: string; machine: boolean }; clientSecret: string }>();
    expect(issued.client.machine).toBe(false);
    const basic = Buffer.from(`${issued.client.clientId}:${issued.clientSecret}`).toString('base64');
    const grant = await fetch(`${origin}/oidc/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
  });

  it('a system cannot be bound to an unknown, a sign-in or an already bound client', async () => {
    for (const [oidcClientId, reason] of [
      ['no-such-client', 'notFound'],
      [bound.clientId, 'alreadyBound'],
    ] as const)
      await expect(
        p.db.transaction((tx) =>
          createSystem(tx, p, { id: `sys-x-${reason}`, name: 'x', agencyCodes: [], oidcClientId }),
        ),
      ).rejects.toMatchObject({ code: 'EXCHANGE_SYSTEM_INVALID', details: { reason } });
  });

  it('accepts an envelope sent with the Bearer token; the recipient finds it with its HMAC', async () => {
    const before = await messages();
    const res = await bearerSend(token, await envelope(edoc('501', A, B)));
    const body = (await res.json()) as { status: string; DocId: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.status).toBe('OK');
    expect(await messages()).toBe(before + 1);
    const queue = await new HttpHubClient(origin, 'sys-b', secrets['sys-b']!).received();
    expect(queue.find((i) => i.messageId === body.DocId)).toMatchObject({ messageType: 'edoc', to: B });
  });

  it('a Bearer caller lists, downloads and acknowledges with plain parameter headers', async () => {
    const bytes = await envelope(edoc('502', B, A));
    const sent = await new HttpHubClient(origin, 'sys-b', secrets['sys-b']!).send(bytes);
    const list = (await (await bearerCall(token, 'getReceivedEdocList')).json()) as {
      data: { docId: string; messageId: string }[];
    };
    const item = list.data.find((i) => i.messageId === sent.messageId)!;
    expect(item).toBeDefined();
    const download = await bearerCall(token, 'downloadEdoc', { docid: item.docId });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const ack = await bearerCall(token, 'updateStatus', { docid: item.docId, status: 'done' });
    expect(ack.status).toBe(200);
    const after = (await (await bearerCall(token, 'getReceivedEdocList')).json()) as {
      data: { messageId: string }[];
    };
    expect(after.data.some((i) => i.messageId === sent.messageId)).toBe(false);
    // A systemid header naming another system is refused.
    await expectRefused(
      await bearerCall(token, 'getReceivedEdocList', { systemid: 'sys-b' }),
      'EXCHANGE_AUTH_INVALID',
    );
  });

  it('refuses no token, a garbage token and a token of a client bound to no system; nothing is stored', async () => {
    const before = await messages();
    const bytes = await envelope(edoc('503', A, B));
    await expectRefused(await bearerSend(null, bytes), 'EXCHANGE_AUTH_REQUIRED');
    await expectRefused(await bearerSend('', bytes), 'EXCHANGE_AUTH_INVALID');
    await expectRefused(await bearerSend('not-a-token', bytes), 'EXCHANGE_AUTH_INVALID');
    await expectRefused(await bearerSend(`${token}x`, bytes), 'EXCHANGE_AUTH_INVALID');
    await expectRefused(await bearerSend(await tokenOf(unbound), bytes), 'EXCHANGE_AUTH_INVALID');
    expect(await messages()).toBe(before);
  });

  it('refuses a revoked token', async () => {
    const revoked = await tokenOf(bound);
    const basic = Buffer.from(`${bound.clientId}:${bound.clientSecret}`).toString('base64');
    const res = await fetch(`${origin}/oidc/token/revocation`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: revoked }),
    });
    expect(res.status).toBe(200);
    const before = await messages();
    await expectRefused(
      await bearerSend(revoked, await envelope(edoc('504', A, B))),
      'EXCHANGE_AUTH_INVALID',
    );
    expect(await messages()).toBe(before);
  });

  it('refuses an expired token (last: it moves the clock)', async () => {
    const before = await messages();
    expect((await bearerCall(token, 'getReceivedEdocList')).status).toBe(200);
    p.clock.advance(11 * 60_000);
    forgetSystems();
    await directory(p);
    await expectRefused(await bearerSend(token, await envelope(edoc('505', A, B))), 'EXCHANGE_AUTH_INVALID');
    expect(await messages()).toBe(before);
  });
});
