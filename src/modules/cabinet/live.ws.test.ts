import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveHub, MAX_MESSAGES_PER_SECOND, MAX_SOCKETS_PER_PERSON } from './live.hub.js';
import { LiveClient, liveWorld, type LiveWorld } from './live.test-helpers.js';
import { participants } from './schema.js';

describe('the live room over WebSocket', () => {
  let w: LiveWorld;
  let url: string;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    w = await liveWorld();
    const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
    url = `${address.replace('http', 'ws')}/api/cabinet/meetings/${w.meetingA}/live`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await w.app.close();
    await w.p.close();
  });

  const connect = async (cookie: string, to = url) => {
    const client = await LiveClient.connect(to, cookie);
    clients.push(client);
    return client;
  };
  const act = async (path: string, cookie: string, payload?: object) => {
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${w.meetingA}/live${path}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ seq: number }>().seq;
  };

  /** Counts the database transactions (access checks, snapshot reads) and can hold them until released. */
  const watchDb = () => {
    const db = w.p.db;
    const original = db.transaction.bind(db);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const watch = { count: 0, held: false, finished: [] as Promise<unknown>[], release, restore: () => {} };
    db.transaction = ((...args: Parameters<typeof original>) => {
      watch.count++;
      const run = (watch.held ? gate : Promise.resolve()).then(() => original(...args));
      watch.finished.push(run.catch(() => {}));
      return run;
    }) as typeof original;
    watch.restore = () => {
      db.transaction = original;
    };
    return watch;
  };

  it('closes the socket of a stranger or of someone not signed in', async () => {
    expect(await (await connect(w.cookies.outsider)).closedBy()).toBe(4404);
    expect(await (await connect('cpdt_session=nobody')).closedBy()).toBe(4401);
    const other = url.replace(w.meetingA, w.meetingB);
    expect(await (await connect(w.cookies.officeA, other)).closedBy()).toBe(4404);
  });

  it('sends the state on connect, every change live, and the current state after a reconnect', async () => {
    await act('/open', w.cookies.officeA);
    await act(`/item/${w.items[0]}/start`, w.cookies.officeA);
    await act('/check-in', w.cookies.member2, { remote: true });

    const chair = await connect(w.cookies.member1);
    const phone = await connect(w.cookies.member2);
    const hello = await phone.next((m) => m.type === 'hello');
    expect(hello.viewer).toMatchObject({ personId: w.member2, runsRoom: false, participant: true });
    const first = await phone.snapshot(() => true);
    expect(first).toMatchObject({ view: 'participant', currentItemId: w.items[0], opinions: null });
    expect((await chair.snapshot(() => true)).view).toBe('chair');

    const seq = await act('/speakers', w.cookies.member2);
    const seen = await chair.snapshot((s) => s.seq >= seq);
    expect(seen.speakers).toEqual([expect.objectContaining({ personId: w.member2, state: 'requested' })]);
    expect((await phone.snapshot((s) => s.seq >= seq)).speakers).toHaveLength(1);

    // The phone drops; the chair gives it the floor meanwhile; back, it sees the current state at once.
    await phone.close();
    const speakerId = seen.speakers[0]!.id;
    await act(`/speakers/${speakerId}/call`, w.cookies.member1);
    const started = await act(`/speakers/${speakerId}/start`, w.cookies.member1, { limitSeconds: 180 });
    await chair.snapshot((s) => s.seq >= started);
    const back = await connect(w.cookies.member2);
    const current = await back.snapshot(() => true);
    expect(current.seq).toBe(started);
    expect(current.speakers[0]).toMatchObject({ personId: w.member2, state: 'speaking', limitSeconds: 180 });

    // A client that says it is behind gets the latest again; a ping gets the server time.
    back.messages.length = 0;
    back.socket.send(JSON.stringify({ type: 'resume', seq: 0 }));
    expect((await back.snapshot(() => true)).seq).toBe(started);
    back.socket.send(JSON.stringify({ type: 'ping' }));
    expect((await back.next((m) => m.type === 'pong')).serverTime).toBe(w.p.clock.now().toISOString());
    expect(liveHub(w.p).size(w.meetingA)).toBe(2);
  });

  it('does not keep a socket the client closed while its access was being checked', async () => {
    const hub = liveHub(w.p);
    const before = hub.size(w.meetingA);
    const db = watchDb();
    db.held = true;
    try {
      const early = await connect(w.member3Cookie);
      await early.close();
      db.release();
      await Promise.all(db.finished);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      db.restore();
    }
    expect(hub.size(w.meetingA)).toBe(before);
  });

  it('answers a resume from the kept snapshot without reading the database', async () => {
    const reader = await connect(w.member3Cookie);
    const current = await reader.snapshot(() => true);
    reader.messages.length = 0;
    const db = watchDb();
    try {
      reader.socket.send(JSON.stringify({ type: 'resume', seq: current.seq }));
      expect((await reader.snapshot(() => true)).seq).toBe(current.seq);
      expect(db.count).toBe(0);
    } finally {
      db.restore();
    }
    await reader.close();
  });

  it('closes a socket that floods the room with messages', async () => {
    const flooder = await connect(w.member3Cookie);
    await flooder.snapshot(() => true);
    for (let i = 0; i <= MAX_MESSAGES_PER_SECOND; i++)
      flooder.socket.send(JSON.stringify({ type: 'resume', seq: 1_000_000 + i }));
    expect(await flooder.closedBy()).toBe(4429);
    const other = await connect(w.member3Cookie);
    expect((await other.snapshot(() => true)).view).toBe('participant');
    await other.close();
  });

  it("refuses a person's sockets beyond the limit and keeps the others", async () => {
    const own = [];
    for (let i = 0; i < MAX_SOCKETS_PER_PERSON; i++) {
      const c = await connect(w.member3Cookie);
      await c.next((m) => m.type === 'hello');
      own.push(c);
    }
    expect(await (await connect(w.member3Cookie)).closedBy()).toBe(4429);
    expect(own.every((c) => !c.closed)).toBe(true);
    await Promise.all(own.map((c) => c.close()));
  });

  it('closes the sockets of a participant removed from the meeting at the next change', async () => {
    const removed = await connect(w.member3Cookie);
    await removed.snapshot(() => true);
    await w.p.db
      .delete(participants)
      .where(and(eq(participants.meetingId, w.meetingA), eq(participants.personId, w.member3)));
    w.p.clock.advance(61_000);
    await act('/check-in', w.cookies.member1);
    expect(await removed.closedBy()).toBe(4404);
  });
});
