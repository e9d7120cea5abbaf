import crypto from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { personAgencies } from '../identity/schema.js';
import {
  CODE,
  deliver,
  nodeApp,
  nodeWorld,
  onePagePdf,
  outboundInput,
  signIn,
  type NodeWorld,
  type Who,
} from './node.test-helpers.js';
import { receiveEnvelope } from './node.receive.js';
import {
  exchangeDocuments,
  exchangeOutbox,
  exchangeRegisterCounters,
  exchangeStatusEvents,
} from './schema.js';

interface Detail {
  id: string;
  state: string;
  incomingNumber: number | null;
  actions: string[];
  attachments: { position: number; name: string; size: number }[];
  timeline: { statusCode: string }[];
  assignee: { id: string } | null;
}

const BOUNDARY = '----cpdt-exchange-test-4b1c';

/** A multipart body: the `document` JSON field and the `file` part (either may be left out). */
function multipart(document: unknown, file?: { name: string; data: Buffer }): { body: Buffer; type: string } {
  const parts: Buffer[] = [];
  if (document !== undefined)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"\r\n\r\n${
          typeof document === 'string' ? document : JSON.stringify(document)
        }\r\n`,
      ),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${BOUNDARY}` };
}

describe('agency node routes', () => {
  let w: NodeWorld;
  let app: FastifyInstance;
  let pdf: Buffer;
  const cookies = {} as Record<Who, string>;

  beforeAll(async () => {
    w = await nodeWorld();
    app = await nodeApp(w.p);
    pdf = await onePagePdf();
    for (const who of ['clerkA', 'clerkB', 'clerkC', 'officer', 'outsider'] as const)
      cookies[who] = await signIn(app, w.p, who);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await w.p.close();
  });

  const as = (who: Who | null) => ({
    get: (url: string) => app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] } : {} }),
    post: (url: string, payload: object = {}) =>
      app.inject({ method: 'POST', url, payload, headers: who ? { cookie: cookies[who] } : {} }),
    compose: (document: unknown, file?: { name: string; data: Buffer }) => {
      const m = multipart(document, file);
      return app.inject({
        method: 'POST',
        url: '/api/exchange/documents',
        payload: m.body,
        headers: { 'content-type': m.type, ...(who ? { cookie: cookies[who] } : {}) },
      });
    },
  });

  async function composeAndDeliver(): Promise<{ outbound: string; inbound: string }> {
    const res = await as('clerkA').compose(outboundInput(), { name: 'Công văn 123.pdf', data: pdf });
    expect(res.statusCode).toBe(201);
    const outbound = res.json<Detail>().id;
    return { outbound, inbound: await deliver(w, outbound, 'B') };
  }

  async function snapshot() {
    const [d] = await w.p.db.select({ n: count() }).from(exchangeDocuments);
    const [o] = await w.p.db.select({ n: count() }).from(exchangeOutbox);
    const [e] = await w.p.db.select({ n: count() }).from(exchangeStatusEvents);
    const counters = await w.p.db.select().from(exchangeRegisterCounters);
    const states = await w.p.db
      .select({ id: exchangeDocuments.id, state: exchangeDocuments.state })
      .from(exchangeDocuments);
    return { d: Number(d!.n), o: Number(o!.n), e: Number(e!.n), counters, states };
  }

  it('answers 401 without a session on every route', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const gets = [
      '/api/exchange/agencies',
      '/api/exchange/documents',
      `/api/exchange/documents/${id}`,
      `/api/exchange/documents/${id}/attachments/0`,
      '/api/exchange/stats',
    ];
    for (const url of gets) {
      const res = await as(null).get(url);
      expect([url, res.statusCode, errorCodeOf(res)]).toEqual([url, 401, 'UNAUTHENTICATED']);
    }
    for (const step of ['register', 'assign', 'process', 'complete', 'reject', 'agree', 'refuse', 'recall']) {
      const res = await as(null).post(`/api/exchange/documents/${id}/${step}`, { reason: 'x' });
      expect([step, res.statusCode]).toEqual([step, 401]);
    }
    const res = await as(null).compose(outboundInput(), { name: 'a.pdf', data: pdf });
    expect(res.statusCode).toBe(401);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await as(null).get('/api/openapi.json')).json<{ paths: Record<string, object> }>();
    for (const path of [
      '/api/exchange/agencies',
      '/api/exchange/documents',
      '/api/exchange/documents/{id}',
      '/api/exchange/documents/{id}/attachments/{position}',
      '/api/exchange/documents/{id}/assign',
      '/api/exchange/stats',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });

  it('lists the agencies a caller acts for', async () => {
    expect((await as('clerkA').get('/api/exchange/agencies')).json()).toEqual({
      items: [{ code: CODE.A, name: 'Văn phòng Chính phủ' }],
    });
    expect((await as('officer').get('/api/exchange/agencies')).json()).toEqual({ items: [] });
  });

  it('carries a document from composing to completion over HTTP', async () => {
    const { inbound } = await composeAndDeliver();
    const list = await as('clerkB').get(
      '/api/exchange/documents?direction=inbound&state=arrived&q=truc lien thong',
    );
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items.map((d) => d.id)).toContain(inbound);

    const registered = await as('clerkB').post(`/api/exchange/documents/${inbound}/register`);
    expect(registered.statusCode).toBe(200);
    expect(registered.json<Detail>()).toMatchObject({ state: 'registered', actions: ['assign', 'reject'] });
    expect(registered.json<Detail>().incomingNumber).toBeGreaterThan(0);

    const assigned = await as('clerkB').post(`/api/exchange/documents/${inbound}/assign`, {
      department: 'Vụ Ngân sách',
      assigneeId: w.ids.officer,
    });
    expect(assigned.json<Detail>()).toMatchObject({ state: 'assigned', assignee: { id: w.ids.officer } });
    // The assignee finds it in their list, processes and completes it.
    const mine = await as('officer').get('/api/exchange/documents');
    expect(mine.json<{ items: { id: string }[] }>().items.map((d) => d.id)).toEqual([inbound]);
    expect((await as('officer').post(`/api/exchange/documents/${inbound}/process`)).statusCode).toBe(200);
    const done = await as('officer').post(`/api/exchange/documents/${inbound}/complete`, {
      note: 'Đã trả lời',
    });
    expect(done.json<Detail>()).toMatchObject({ state: 'completed', actions: [] });
    expect(done.json<Detail>().timeline.map((e) => e.statusCode)).toEqual(['01', '03', '04', '05', '06']);

    const file = await as('officer').get(`/api/exchange/documents/${inbound}/attachments/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toContain(
      "filename*=UTF-8''C%C3%B4ng%20v%C4%83n%20123.pdf",
    );
    expect(file.rawPayload.equals(pdf)).toBe(true);

    const stats = await as('clerkB').get('/api/exchange/stats?from=2026-03-01&to=2026-03-31');
    expect(stats.json()).toEqual({
      items: [
        {
          agencyCode: CODE.B,
          name: 'Bộ Tài chính',
          level: 'central',
          inbound: 1,
          outbound: 0,
          completed: 1,
          onTime: 1,
        },
      ],
    });
    const before = await as('clerkB').get('/api/exchange/stats?from=2026-01-01&to=2026-02-28');
    expect(before.json<{ items: { inbound: number }[] }>().items[0]!.inbound).toBe(0);
  });

  it('answers 404 for a document outside the caller’s scope and changes nothing', async () => {
    const { inbound, outbound } = await composeAndDeliver();
    const before = await snapshot();
    for (const who of ['clerkC', 'outsider', 'clerkA'] as const) {
      const read = await as(who).get(`/api/exchange/documents/${inbound}`);
      expect([who, read.statusCode, errorCodeOf(read)]).toEqual([who, 404, 'EXCHANGE_DOCUMENT_NOT_FOUND']);
      const file = await as(who).get(`/api/exchange/documents/${inbound}/attachments/0`);
      expect(file.statusCode).toBe(404);
      for (const [step, body] of [
        ['register', {}],
        ['assign', { department: 'Vụ X' }],
        ['process', {}],
        ['complete', {}],
        ['reject', { reason: 'x' }],
        ['agree', {}],
        ['refuse', { reason: 'x' }],
      ] as const) {
        const res = await as(who).post(`/api/exchange/documents/${inbound}/${step}`, body);
        expect([who, step, res.statusCode, errorCodeOf(res)]).toEqual([
          who,
          step,
          404,
          'EXCHANGE_DOCUMENT_NOT_FOUND',
        ]);
      }
    }
    const recall = await as('clerkB').post(`/api/exchange/documents/${outbound}/recall`, { reason: 'x' });
    expect(recall.statusCode).toBe(404);
    expect((await as('clerkC').get('/api/exchange/documents')).json()).toEqual({ items: [], total: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with 400 and a code', async () => {
    const { inbound } = await composeAndDeliver();
    const before = await snapshot();
    const cases: [string, () => Promise<{ statusCode: number; json: <T>() => T }>][] = [
      ['VALIDATION_FAILED', () => as('clerkB').post(`/api/exchange/documents/${inbound}/reject`, {})],
      [
        'VALIDATION_FAILED',
        () => as('clerkB').post(`/api/exchange/documents/${inbound}/assign`, { assigneeId: 'someone' }),
      ],
      ['VALIDATION_FAILED', () => as('clerkB').get('/api/exchange/documents?state=lost')],
      ['VALIDATION_FAILED', () => as('clerkB').get('/api/exchange/documents?limit=100000')],
      ['VALIDATION_FAILED', () => as('clerkB').get('/api/exchange/stats?from=1-2-3')],
      [
        'EXCHANGE_STATS_PERIOD_INVALID',
        () => as('clerkB').get('/api/exchange/stats?from=2026-03-02&to=2026-03-01'),
      ],
      ['EXCHANGE_DOCUMENT_INVALID', () => as('clerkA').compose('{not json', { name: 'a.pdf', data: pdf })],
      ['EXCHANGE_DOCUMENT_INVALID', () => as('clerkA').compose(outboundInput())],
      ['EXCHANGE_DOCUMENT_INVALID', () => as('clerkA').compose(undefined, { name: 'a.pdf', data: pdf })],
      [
        'EXCHANGE_DOCUMENT_FILE_NOT_PDF',
        () => as('clerkA').compose(outboundInput(), { name: 'a.pdf', data: Buffer.from('GIF89a……') }),
      ],
      [
        'EXCHANGE_RECIPIENT_INVALID',
        () =>
          as('clerkA').compose(outboundInput({ recipients: ['G22 và G12'] }), { name: 'a.pdf', data: pdf }),
      ],
      [
        'EXCHANGE_DOCUMENT_INVALID',
        () =>
          as('clerkA').compose(outboundInput({ promulgationDate: '10/03/2026' }), {
            name: 'a.pdf',
            data: pdf,
          }),
      ],
    ];
    for (const [expected, attempt] of cases) {
      const res = await attempt();
      expect([expected, res.statusCode, errorCodeOf(res)]).toEqual([expected, 400, expected]);
    }
    const forbidden = await as('officer').compose(outboundInput(), { name: 'a.pdf', data: pdf });
    expect([forbidden.statusCode, errorCodeOf(forbidden)]).toEqual([403, 'FORBIDDEN']);
    const state = await as('clerkB').post(`/api/exchange/documents/${inbound}/complete`);
    expect([state.statusCode, errorCodeOf(state)]).toEqual([409, 'EXCHANGE_DOCUMENT_STATE']);
    expect(await snapshot()).toEqual(before);
    const [doc] = await w.p.db.select().from(exchangeDocuments).where(eq(exchangeDocuments.id, inbound));
    expect(doc!.state).toBe('arrived');
  });
  it('finds the people of the clerk’s own office to assign to, ignoring diacritics', async () => {
    await w.p.db
      .update(personAgencies)
      .set({ position: 'Chuyên viên Vụ Ngân sách nhà nước' })
      .where(and(eq(personAgencies.personId, w.ids.officer), eq(personAgencies.agencyId, w.agencyIds.B)));
    type Found = {
      items: { id: string; displayName: string; position: string | null; agencyCode: string }[];
    };
    const ids = (res: { json: <T>() => T }) => res.json<Found>().items.map((i) => i.id);

    // Without diacritics, by name or by post; only the officials of the Ministry of Finance (B).
    const byName = await as('clerkB').get('/api/exchange/assignees?q=nguyen van chuyen');
    expect(byName.statusCode).toBe(200);
    expect(byName.json<Found>().items).toEqual([
      {
        id: w.ids.officer,
        displayName: 'Nguyễn Văn Chuyên Viên',
        position: 'Chuyên viên Vụ Ngân sách nhà nước',
        agencyCode: CODE.B,
        agencyName: 'Bộ Tài chính',
      },
    ]);
    expect(ids(await as('clerkB').get('/api/exchange/assignees?q=NGAN SACH'))).toEqual([w.ids.officer]);
    const everyone = ids(await as('clerkB').get(`/api/exchange/assignees?agency=${CODE.B}`));
    expect(new Set(everyone)).toEqual(new Set([w.ids.clerkB, w.ids.officer, w.ids.outsider]));
    // Another agency's people are never offered: not by name, not to its neighbour's clerk.
    expect(ids(await as('clerkB').get('/api/exchange/assignees?q=van thu'))).toEqual([]);
    expect(ids(await as('clerkA').get('/api/exchange/assignees?q=chuyen vien'))).toEqual([]);
    expect(ids(await as('clerkA').get('/api/exchange/assignees'))).toEqual([w.ids.clerkA]);
    const elsewhere = await as('clerkB').get(`/api/exchange/assignees?agency=${CODE.A}`);
    expect([elsewhere.statusCode, errorCodeOf(elsewhere)]).toEqual([404, 'EXCHANGE_NODE_AGENCY_NOT_FOUND']);

    // Without the clerk's permission: refused; without a session: asked to sign in.
    const officer = await as('officer').get('/api/exchange/assignees?q=nguyen');
    expect([officer.statusCode, errorCodeOf(officer)]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await as(null).get('/api/exchange/assignees?q=nguyen');
    expect([anonymous.statusCode, errorCodeOf(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);
    const tooMany = await as('clerkB').get('/api/exchange/assignees?limit=1000');
    expect([tooMany.statusCode, errorCodeOf(tooMany)]).toEqual([400, 'VALIDATION_FAILED']);

    // Assigning someone of another agency is refused as not found, and changes nothing.
    const { inbound } = await composeAndDeliver();
    expect((await as('clerkB').post(`/api/exchange/documents/${inbound}/register`)).statusCode).toBe(200);
    const before = await snapshot();
    for (const stranger of [w.ids.clerkA, w.ids.clerkC]) {
      const res = await as('clerkB').post(`/api/exchange/documents/${inbound}/assign`, {
        assigneeId: stranger,
      });
      expect([res.statusCode, errorCodeOf(res)]).toEqual([400, 'EXCHANGE_ASSIGNEE_NOT_FOUND']);
    }
    expect(await snapshot()).toEqual(before);
    const assigned = await as('clerkB').post(`/api/exchange/documents/${inbound}/assign`, {
      assigneeId: w.ids.officer,
    });
    expect(assigned.json<Detail>()).toMatchObject({ state: 'assigned', assignee: { id: w.ids.officer } });
  });
  it('tells the sender which statuses answer its recall request', async () => {
    const { outbound, inbound } = await composeAndDeliver();
    /** The `nth` status B queued about its document `id`, received by A as the hub would hand it over. */
    const relay = async (id: string, nth: number) => {
      const statuses = await w.p.db
        .select()
        .from(exchangeOutbox)
        .where(and(eq(exchangeOutbox.documentId, id), eq(exchangeOutbox.kind, 'status')))
        .orderBy(asc(exchangeOutbox.id));
      const chunks: Buffer[] = [];
      for await (const c of await w.p.files.open(statuses[nth]!.envelopeSha256)) chunks.push(c as Buffer);
      await receiveEnvelope(w.p, {
        agencyCode: CODE.A,
        hubMessageId: crypto.randomUUID(),
        envelope: Buffer.concat(chunks),
      });
    };
    await relay(inbound, 0); // 01: the document arrived
    const recalled = await as('clerkA').post(`/api/exchange/documents/${outbound}/recall`, {
      reason: 'Gửi nhầm bản dự thảo cũ',
    });
    expect(recalled.statusCode).toBe(200);
    const [request] = await w.p.db
      .select({ id: exchangeDocuments.id })
      .from(exchangeDocuments)
      .where(and(eq(exchangeDocuments.direction, 'outbound'), eq(exchangeDocuments.businessDocType, '1')))
      .orderBy(asc(exchangeDocuments.createdAt));
    const revocation = await deliver(w, request!.id, 'B');
    // The recipient reads the request with the sender's reason.
    expect((await as('clerkB').get(`/api/exchange/documents/${revocation}`)).json()).toMatchObject({
      businessDocType: '1',
      changeReason: 'Gửi nhầm bản dự thảo cũ',
    });
    await relay(revocation, 0); // 01: the request arrived
    expect((await as('clerkB').post(`/api/exchange/documents/${revocation}/agree`)).statusCode).toBe(200);
    await relay(revocation, 1); // 15: agreed
    const detail = await as('clerkA').get(`/api/exchange/documents/${outbound}`);
    expect(detail.json()).toMatchObject({ state: 'revoked' }); // its only recipient agreed
    type Entry = { agencyCode: string; statusCode: string; recall: boolean };
    expect(
      detail.json<{ timeline: Entry[] }>().timeline.map((e) => [e.agencyCode, e.statusCode, e.recall]),
    ).toEqual([
      [CODE.B, '01', false],
      [CODE.A, '13', false],
      [CODE.B, '01', true],
      [CODE.B, '15', true],
    ]);
  });
});
