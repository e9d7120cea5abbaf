import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { ensureBuiltinRoles, ensurePerson } from '../../modules/identity/index.js';
import { auditLog, SYSTEM_CONTEXT, verifyAuditChain } from '../audit/index.js';
import { CLOSE_UNAUTHENTICATED } from '../http/websocket.js';
import { notifications } from './schema.js';

// Asymmetric matchers are typed `any`; typed as unknown they satisfy the type-aware lint.
const anyString: unknown = expect.any(String);
const containing = (s: string): unknown => expect.stringContaining(s);

interface WsLike {
  on(event: 'message', l: (data: Buffer) => void): void;
  on(event: 'close', l: (code: number) => void): void;
  close(): void;
}

/** Outbox, inbox and live events over HTTP, on a platform with no SMTP/SMPP configured. */
describe('notification routes', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: string;
  let adminId: string;
  let official: string;
  let officialId: string;

  beforeAll(async () => {
    p = await testPlatform();
    app = await testApp(p);
    adminId = await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      return ensurePerson(tx, SYSTEM_CONTEXT, {
        username: 'quantri',
        displayName: 'Quản trị viên',
        password: TEST_PASSWORD,
        email: 'quantri@example.vn',
        phone: '0900000001',
        roles: ['admin'],
      });
    });
    admin = await signedIn(app, p, 'quantri', ['admin']);
    official = await signedIn(app, p, 'canbo', ['official']);
    officialId = (await app.inject({ url: '/api/auth/session', headers: { cookie: official } })).json<{
      person: { id: string };
    }>().person.id;
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const sendTo = (personId: string, subject: string) =>
    p.db.transaction((tx) =>
      p.notify.send(tx, {
        to: { personId },
        channels: ['inapp'],
        template: 'platform.generic',
        params: { subject, text: `${subject}.` },
      }),
    );

  it('the outbox answers 401 without a session and 403 without the permission', async () => {
    expect((await app.inject({ url: '/api/admin/outbox' })).json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    expect((await app.inject({ url: '/api/admin/outbox' })).statusCode).toBe(401);
    const res = await app.inject({ url: '/api/admin/outbox', headers: { cookie: official } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/admin/notifications/test',
          payload: { channels: ['email'] },
          headers: { cookie: official },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('an administrator sends a test message to themselves and reads it in the outbox', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/notifications/test',
      headers: { cookie: admin },
      payload: { channels: ['email', 'sms'] },
    });
    expect(res.statusCode).toBe(202);
    const { messages } = res.json<{ messages: { id: string; channel: string; state: string }[] }>();
    expect(messages.map((m) => [m.channel, m.state])).toEqual([
      ['email', 'outbox'],
      ['sms', 'outbox'],
    ]);

    const outbox = await app.inject({
      url: '/api/admin/outbox?state=outbox&channel=email',
      headers: { cookie: admin },
    });
    expect(outbox.statusCode).toBe(200);
    const listed = outbox.json<{ messages: Record<string, unknown>[] }>().messages;
    expect(listed).toEqual([
      {
        id: messages[0]!.id,
        channel: 'email',
        address: 'quantri@example.vn',
        recipientName: 'Quản trị viên',
        subject: 'Thư kiểm tra',
        body: containing('Xin chào Quản trị viên'),
        state: 'outbox',
        attempts: 0,
        lastError: null,
        template: 'platform.test',
        createdAt: anyString,
        sentAt: null,
      },
    ]);
    const all = await app.inject({ url: '/api/admin/outbox', headers: { cookie: admin } });
    expect(all.json<{ messages: { address: string }[] }>().messages.map((m) => m.address)).toContain(
      '+84900000001',
    );

    const audited = await p.db.select().from(auditLog).where(eq(auditLog.action, 'notify.test.send'));
    expect(audited).toMatchObject([{ actorId: adminId, objectId: adminId, outcome: 'success' }]);
    expect((await verifyAuditChain(p.db)).ok).toBe(true);
  });

  it('rejects a bad filter or an empty channel list with a code', async () => {
    const bad = await app.inject({ url: '/api/admin/outbox?state=lost', headers: { cookie: admin } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const empty = await app.inject({
      method: 'POST',
      url: '/api/admin/notifications/test',
      headers: { cookie: admin },
      payload: { channels: [] },
    });
    expect(empty.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('lists a person’s in-app messages and marks one read; another person’s is 404', async () => {
    expect((await app.inject({ url: '/api/notifications/mine' })).statusCode).toBe(401);
    const [first] = await sendTo(officialId, 'Lịch họp giao ban tuần');
    const [second] = await sendTo(officialId, 'Văn bản đến cần xử lý');
    const [adminsOwn] = await sendTo(adminId, 'Chỉ dành cho quản trị');

    const mine = await app.inject({ url: '/api/notifications/mine', headers: { cookie: official } });
    expect(mine.statusCode).toBe(200);
    const body = mine.json<{
      items: { id: string; subject: string; readAt: string | null }[];
      unread: number;
    }>();
    expect(body.unread).toBe(2);
    expect(body.items.map((i) => i.subject).sort()).toEqual([
      'Lịch họp giao ban tuần',
      'Văn bản đến cần xử lý',
    ]);
    expect(body.items.every((i) => i.readAt === null)).toBe(true);

    const read = await app.inject({
      method: 'POST',
      url: `/api/notifications/${first!.id}/read`,
      headers: { cookie: official },
    });
    expect(read.statusCode).toBe(204);
    const again = await app.inject({
      method: 'POST',
      url: `/api/notifications/${first!.id}/read`,
      headers: { cookie: official },
    });
    expect(again.statusCode).toBe(204); // reading twice is fine
    const after = (await app.inject({ url: '/api/notifications/mine', headers: { cookie: official } })).json<{
      items: { id: string; readAt: string | null }[];
      unread: number;
    }>();
    expect(after.unread).toBe(1);
    expect(after.items.find((i) => i.id === first!.id)!.readAt).toEqual(anyString);
    expect(after.items.find((i) => i.id === second!.id)!.readAt).toBeNull();

    const theirs = await app.inject({
      method: 'POST',
      url: `/api/notifications/${adminsOwn!.id}/read`,
      headers: { cookie: official },
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const [row] = await p.db.select().from(notifications).where(eq(notifications.id, adminsOwn!.id));
    expect(row!.readAt).toBeNull();
    const reads = await p.db.select().from(auditLog).where(eq(auditLog.action, 'notify.message.read'));
    expect(reads).toMatchObject([{ actorId: officialId, objectId: first!.id }]);
  });

  it('pushes the signed-in person’s in-app messages on /api/events', async () => {
    await p.jobs.drain(); // earlier tests' messages go out before the socket opens
    const ws = (await app.injectWS('/api/events', { headers: { cookie: official } })) as unknown as WsLike;
    const received: unknown[] = [];
    const arrived = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        received.push(JSON.parse(data.toString()));
        resolve();
      }),
    );
    // Another person's message must not reach this socket; this person's must.
    await sendTo(adminId, 'Không phải của cán bộ');
    const [m] = await sendTo(officialId, 'Cuộc họp đã đổi giờ');
    await p.jobs.drain();
    await arrived;
    await new Promise((r) => setTimeout(r, 50)); // anything wrongly addressed would have arrived by now
    expect(received).toEqual([
      {
        type: 'notify.inapp',
        data: {
          id: m!.id,
          subject: 'Cuộc họp đã đổi giờ',
          body: 'Cuộc họp đã đổi giờ.',
          createdAt: anyString,
        },
      },
    ]);
    ws.close();
  });

  it('answers a plain HTTP request to /api/events with a code', async () => {
    expect((await app.inject({ url: '/api/events' })).json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    const res = await app.inject({ url: '/api/events', headers: { cookie: official } });
    expect(res.statusCode).toBe(426);
    expect(res.json()).toMatchObject({ error: { code: 'NOTIFY_UPGRADE_REQUIRED' } });
  });

  it('closes /api/events with 4401 without a session', async () => {
    const ws = (await app.injectWS('/api/events')) as unknown as WsLike;
    const code = await new Promise<number>((resolve) => ws.on('close', resolve));
    expect(code).toBe(CLOSE_UNAUTHENTICATED);
  });

  it('closes /api/events opened from another site’s page', async () => {
    const ws = (await app.injectWS('/api/events', {
      headers: { cookie: official, origin: 'https://evil.example', host: 'localhost:80' },
    })) as unknown as WsLike;
    const code = await new Promise<number>((resolve) => ws.on('close', resolve));
    expect(code).toBe(4403);
  });
});
