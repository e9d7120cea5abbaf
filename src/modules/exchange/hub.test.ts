import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../platform/http/index.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { createAgency, mergeAgencies, systemAgencyActor } from '../identity/index.js';
import { buildEdxmlToBuffer, formatEdxmlDate, type Edoc } from './edxml/index.js';
import { signEnvelope } from './envelope.js';
import { hubVxpRoutes, VXP_PREFIX_PATH } from './hub.vxp.routes.js';
import { createSystem, directory, forgetSystems } from './hub.systems.js';
import { requeueDelivery, traffic } from './hub.traffic.js';
import { HttpHubClient, HubRefusal } from './node.transport.js';
import { exchangeHubDeliveries, exchangeHubHops, exchangeHubMessages, exchangeSystems } from './schema.js';
import { signVxpHeaders } from './vxp.auth.js';

const A = '000.00.00.G22';
const B = '000.00.00.G12';
const C = '000.00.00.H41';
const D = '000.00.00.H26';
const RETIRED = '000.00.00.G13';

let p: TestPlatform;
let app: FastifyInstance;
let base: string;
const secrets: Record<string, string> = {};

function edoc(documentNumber: string, to: string[], extra: Partial<Edoc> = {}): Edoc {
  return {
    from: { organId: A, organName: 'Văn phòng Chính phủ' },
    to: to.map((organId) => ({ organId })),
    documentId: `${A},${formatEdxmlDate(new Date())},${documentNumber}/VPCP-TTĐT`,
    code: { number: documentNumber, notation: 'VPCP-TTĐT' },
    promulgation: { place: 'Hà Nội', date: formatEdxmlDate(new Date()) },
    subject: `Công văn số ${documentNumber} về cải cách thủ tục hành chính`,
    toPlaces: [],
    responseFor: [],
    traces: [],
    attachments: [],
    ...extra,
  };
}

const envelope = (e: Edoc) => buildEdxmlToBuffer({ kind: 'edoc', edoc: e });
const client = (system: string) => new HttpHubClient(base, system, secrets[system]!);

/** The hops the hub traced for a message, in order, as data (no words: the admin view words them). */
async function trace(messageId: string) {
  return p.db
    .select({
      event: exchangeHubHops.event,
      agencyCode: exchangeHubHops.agencyCode,
      detail: exchangeHubHops.detail,
    })
    .from(exchangeHubHops)
    .where(eq(exchangeHubHops.messageId, messageId))
    .orderBy(exchangeHubHops.id);
}

async function countOf(table: typeof exchangeHubMessages | typeof exchangeHubDeliveries): Promise<number> {
  const [row] = await p.db.select({ n: count() }).from(table);
  return Number(row!.n);
}

/** A raw signed VXP request (to send what the client would not). */
function rawSend(system: string, secret: string, body: Buffer, params: Record<string, string> = {}) {
  const headers = signVxpHeaders(
    system,
    secret,
    {
      'hash-file': crypto.createHash('sha256').update(body).digest('hex'),
      ...params,
    },
    new Date(),
  );
  return fetch(`${base}${VXP_PREFIX_PATH}/sendEdoc`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: body as unknown as BodyInit,
  });
}

beforeAll(async () => {
  p = await testPlatform({ EXCHANGE_MAX_ENVELOPE_BYTES: String(4 * 1024 * 1024) });
  const actor = systemAgencyActor(p.clock.now());
  await p.db.transaction(async (tx) => {
    const id: Record<string, string> = {};
    for (const [code, nameVi] of [
      [A, 'Văn phòng Chính phủ'],
      [B, 'Bộ Tài chính'],
      [C, 'Ủy ban nhân dân tỉnh Nghệ An'],
      [RETIRED, 'Bộ Kế hoạch và Đầu tư'],
    ] as const)
      id[code] = (
        await createAgency(tx, actor, { code, nameVi, level: 'central', validFrom: '2020-01-01' })
      ).id;
    // 2025: the Ministry of Planning and Investment (G13) merged into the Ministry of Finance (G12).
    await mergeAgencies(tx, actor, { sourceIds: [id[RETIRED]!], targetId: id[B]!, date: '2025-03-01' });
  });
  await p.db.transaction(async (tx) => {
    for (const [id, codes, limits] of [
      ['sys-a', [A], { sendsPerMinute: 1000 }],
      ['sys-b', [B], {}],
      ['sys-c', [C], { maxEnvelopeBytes: 20_000 }],
      ['sys-d', [D], { sendsPerMinute: 3 }],
    ] as const) {
      const { secret } = await createSystem(tx, p, { id, name: id, agencyCodes: [...codes], ...limits });
      secrets[id] = secret;
    }
  });
  forgetSystems();
  app = await createHttpApp({ config: p.config });
  await hubVxpRoutes(app, p);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await p?.close();
});

describe('hub: send, list, download, acknowledge', () => {
  it('delivers a document from A to B exactly as sent, and takes it out of the queue when B acknowledges', async () => {
    const bytes = await envelope(edoc('101', [B]));
    const sent = await client('sys-a').send(bytes);
    expect(sent.duplicate).toBe(false);

    const queue = await client('sys-b').received();
    const item = queue.find((i) => i.messageId === sent.messageId)!;
    expect(item).toMatchObject({ messageType: 'edoc', to: B });
    expect((await client('sys-b').download(item.docId)).equals(bytes)).toBe(true);
    expect(await client('sys-a').received()).toEqual([]); // nothing for the sender

    await client('sys-b').acknowledge(item.docId, 'done');
    expect((await client('sys-b').received()).some((i) => i.messageId === sent.messageId)).toBe(false);
    await client('sys-b').acknowledge(item.docId, 'done'); // repeated: harmless
  });

  it('a resend is the same message: same id, one delivery', async () => {
    const bytes = await envelope(edoc('102', [B]));
    const first = await client('sys-a').send(bytes);
    const messages = await countOf(exchangeHubMessages);
    const again = await client('sys-a').send(bytes);
    expect(again).toEqual({ messageId: first.messageId, duplicate: true });
    expect(await countOf(exchangeHubMessages)).toBe(messages);
    expect((await client('sys-b').received()).filter((i) => i.messageId === first.messageId)).toHaveLength(1);
  });

  it('routes a code retired in the 2025 reorganisation to its successor', async () => {
    const sent = await client('sys-a').send(await envelope(edoc('103', [RETIRED])));
    const item = (await client('sys-b').received()).find((i) => i.messageId === sent.messageId);
    expect(item?.to).toBe(B);
    expect(await trace(sent.messageId)).toEqual([
      {
        event: 'received',
        agencyCode: A,
        detail: { size: expect.any(Number), signature: 'absent', warnings: expect.any(Number) },
      },
      { event: 'routed', agencyCode: B, detail: { system: 'sys-b', addressedCode: RETIRED } },
    ]);
  });

  it('keeps a recipient that is not connected as unroutable and delivers to the others', async () => {
    const res = await rawSend('sys-a', secrets['sys-a']!, await envelope(edoc('104', [B, '000.00.00.H99'])));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { DocId: string; deliveries: { agencyCode: string; state: string }[] };
    expect(body.deliveries).toEqual([
      { agencyCode: B, addressedCode: B, state: 'queued' },
      { agencyCode: '000.00.00.H99', addressedCode: '000.00.00.H99', state: 'unroutable' },
    ]);
    expect((await trace(body.DocId)).slice(1)).toEqual([
      { event: 'routed', agencyCode: B, detail: { system: 'sys-b' } },
      { event: 'unroutable', agencyCode: '000.00.00.H99', detail: { successors: [] } },
    ]);
  });

  it("finds a document's statuses in the traffic by the document's subject, typed without diacritics", async () => {
    const letter = edoc('120', [B], { subject: 'Về việc rà soát quy hoạch mạng lưới trạm quan trắc' });
    const sent = await client('sys-a').send(await envelope(letter));
    const status = await client('sys-b').send(
      await buildEdxmlToBuffer({
        kind: 'status',
        status: {
          from: { organId: B, organName: 'Bộ Tài chính' },
          responseFor: { organId: A, documentId: letter.documentId! },
          statusCode: '01',
          timestamp: '2026/11/23 09:00:00',
        },
      }),
    );
    const found = await traffic(p.db, { q: 'ra soat quy hoach mang luoi', limit: 10, offset: 0 });
    expect(found.items.map((m) => [m.id, m.kind]).sort()).toEqual(
      [
        [sent.messageId, 'edoc'],
        [status.messageId, 'status'],
      ].sort(),
    );
  });

  it('routes an unroutable delivery to its agency once connected, when an operator requeues it', async () => {
    const E = '000.00.00.H97';
    const sent = await client('sys-a').send(await envelope(edoc('110', [B, E])));
    const [unroutable] = await p.db
      .select()
      .from(exchangeHubDeliveries)
      .where(
        and(eq(exchangeHubDeliveries.messageId, sent.messageId), eq(exchangeHubDeliveries.agencyCode, E)),
      );
    expect(unroutable!.state).toBe('unroutable');
    const requeue = async () => {
      const { hostOf } = await directory(p); // outside the transaction: PGlite has one connection
      return p.db.transaction((tx) =>
        requeueDelivery(tx, unroutable!.seq, p.clock.now(), 'operator', hostOf),
      );
    };
    // Still nobody hosts E: refused, nothing changed.
    await expect(requeue()).rejects.toMatchObject({ code: 'EXCHANGE_NO_ROUTE' });
    await p.db.transaction(async (tx) => {
      secrets['sys-e'] = (await createSystem(tx, p, { id: 'sys-e', name: 'E', agencyCodes: [E] })).secret;
    });
    forgetSystems();
    expect(await requeue()).toEqual({ systemId: 'sys-e' });
    const items = await client('sys-e').received();
    expect(items.map((i) => i.messageId)).toContain(sent.messageId);
    expect((await trace(sent.messageId)).at(-1)).toEqual({
      event: 'requeued',
      agencyCode: E,
      detail: { system: 'sys-e' },
    });
    // A delivery already queued is not requeued again.
    await expect(requeue()).rejects.toMatchObject({ code: 'EXCHANGE_DELIVERY_NOT_FOUND' });
  });

  it('refuses with coded errors, and changes nothing', async () => {
    const before = [await countOf(exchangeHubMessages), await countOf(exchangeHubDeliveries)];
    const refusal = async (promise: Promise<unknown>) => {
      const e = await promise.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(HubRefusal);
      return (e as HubRefusal).code;
    };
    // No recipient connected.
    expect(await refusal(client('sys-a').send(await envelope(edoc('105', ['000.00.00.H98']))))).toBe(
      'EXCHANGE_NO_ROUTE',
    );
    // B may not send as A.
    expect(await refusal(client('sys-b').send(await envelope(edoc('106', [C]))))).toBe(
      'EXCHANGE_SENDER_NOT_HOSTED',
    );
    // Not edXML.
    expect(await refusal(client('sys-a').send(Buffer.from('<html/>')))).toBe('EXCHANGE_EDXML_INVALID');
    // Too large for C's limit (20 kB).
    const big = await envelope(edoc('107', [A], { from: { organId: C }, content: 'x'.repeat(30_000) }));
    expect(await refusal(client('sys-c').send(big))).toBe('EXCHANGE_ENVELOPE_TOO_LARGE');
    // hash-file not matching the body.
    const res = await rawSend('sys-a', secrets['sys-a']!, await envelope(edoc('108', [B])), {
      'hash-file': '00',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { ErrorCode: string }).ErrorCode).toBe('EXCHANGE_HASH_MISMATCH');
    expect([await countOf(exchangeHubMessages), await countOf(exchangeHubDeliveries)]).toEqual(before);
  });

  it('refuses a signed envelope changed after signing, and accepts it intact', async () => {
    const signed = await signEnvelope(await envelope(edoc('109', [B])), await p.pki.seal());
    const tampered = Buffer.from(signed.toString('utf8').replace('cải cách', 'cai cach'), 'utf8');
    const res = await rawSend('sys-a', secrets['sys-a']!, tampered);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ status: 'FAIL', ErrorCode: 'EXCHANGE_SIGNATURE_INVALID' });
    const ok = await client('sys-a').send(signed);
    expect(ok.duplicate).toBe(false);
  });

  it('refuses to register a system with limits the hub could not keep', async () => {
    const add = (limits: { maxEnvelopeBytes?: number; sendsPerMinute?: number }) =>
      p.db.transaction((tx) =>
        createSystem(tx, p, { id: 'sys-limits', name: 'x', agencyCodes: [], ...limits }),
      );
    // The hub reads no body above EXCHANGE_MAX_ENVELOPE_BYTES (4 MiB here).
    await expect(add({ maxEnvelopeBytes: 4 * 1024 * 1024 + 1 })).rejects.toMatchObject({
      code: 'EXCHANGE_SYSTEM_INVALID',
      details: { field: 'maxEnvelopeBytes' },
    });
    await expect(add({ sendsPerMinute: 0 })).rejects.toMatchObject({
      code: 'EXCHANGE_SYSTEM_INVALID',
      details: { field: 'sendsPerMinute' },
    });
    expect((await directory(p)).systems.has('sys-limits')).toBe(false);
  });

  it('shuts out only the system whose sealed secret cannot be opened; its mail still waits for it', async () => {
    const [row] = await p.db.select().from(exchangeSystems).where(eq(exchangeSystems.id, 'sys-c'));
    const damage = (sealed: string) =>
      p.db.update(exchangeSystems).set({ secretSealed: sealed }).where(eq(exchangeSystems.id, 'sys-c'));
    await damage('v1.not-a-sealed-secret');
    forgetSystems();
    try {
      const sent = await client('sys-a').send(await envelope(edoc('130', [C])));
      await expect(client('sys-c').received()).rejects.toThrow(/401|EXCHANGE_AUTH_INVALID/);
      await damage(row!.secretSealed);
      forgetSystems();
      expect((await client('sys-c').received()).map((i) => i.messageId)).toContain(sent.messageId);
    } finally {
      await damage(row!.secretSealed);
      forgetSystems();
    }
  });

  it('limits each system to its envelopes per minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await rawSend(
        'sys-d',
        secrets['sys-d']!,
        await envelope(edoc(`2${i}`, [A], { from: { organId: D } })),
      );
      codes.push(res.status);
    }
    expect(codes).toEqual([201, 201, 201, 429]);
  });
});

describe('hub: who may call', () => {
  const list = (headers: Record<string, string>) =>
    fetch(`${base}${VXP_PREFIX_PATH}/getReceivedEdocList`, { method: 'POST', headers, body: '{}' });

  it('answers 401 without a signature, with a wrong secret, an unknown system, a stale clock or a replay', async () => {
    const plain = await list({ 'content-type': 'application/json' });
    expect(plain.status).toBe(401);
    expect(await plain.json()).toMatchObject({ ErrorCode: 'EXCHANGE_AUTH_REQUIRED' });

    const wrong = await list({
      ...signVxpHeaders('sys-b', 'not-the-secret', {}, new Date()),
      'content-type': 'application/json',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      ErrorCode: 'EXCHANGE_AUTH_INVALID',
      details: { reason: 'signature' },
    });

    const unknown = await list({
      ...signVxpHeaders('sys-x', 'x', {}, new Date()),
      'content-type': 'application/json',
    });
    expect(await unknown.json()).toMatchObject({ details: { reason: 'unknown_system' } });

    const stale = signVxpHeaders('sys-b', secrets['sys-b']!, {}, new Date(Date.now() - 10 * 60_000));
    expect(await (await list({ ...stale, 'content-type': 'application/json' })).json()).toMatchObject({
      details: { reason: 'clock' },
    });

    const once = {
      ...signVxpHeaders('sys-b', secrets['sys-b']!, {}, new Date()),
      'content-type': 'application/json',
    };
    expect((await list(once)).status).toBe(200);
    expect(await (await list(once)).json()).toMatchObject({ details: { reason: 'replay' } });
  });

  it('reads the parameters from the signed part only: a changed header is refused', async () => {
    const headers = signVxpHeaders('sys-b', secrets['sys-b']!, { docid: '1' }, new Date());
    const res = await fetch(`${base}${VXP_PREFIX_PATH}/downloadEdoc`, {
      method: 'POST',
      headers: { ...headers, docid: '2', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ details: { reason: 'header_mismatch' } });
  });

  it("answers 404 for another system's delivery", async () => {
    const sent = await client('sys-a').send(await envelope(edoc('110', [B])));
    const item = (await client('sys-b').received()).find((i) => i.messageId === sent.messageId)!;
    await expect(client('sys-c').download(item.docId)).rejects.toMatchObject({
      code: 'EXCHANGE_MESSAGE_NOT_FOUND',
    });
    await expect(client('sys-c').acknowledge(item.docId, 'done')).rejects.toMatchObject({
      code: 'EXCHANGE_MESSAGE_NOT_FOUND',
    });
  });
});
