import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveHub } from './live.hub.js';
import { LiveClient, liveWorld, type LiveWorld } from './live.test-helpers.js';

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
});
