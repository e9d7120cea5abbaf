import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { auditLog } from '../../platform/audit/index.js';
import { NOW } from './papers.test-helpers.js';
import type { LiveSnapshot } from './live.schemas.js';
import { liveWorld, type LiveWorld } from './live.test-helpers.js';
import { itemSpans, opinions } from './schema.js';

type Snapshot = LiveSnapshot & { viewer: { personId: string; runsRoom: boolean; participant: boolean } };

describe('the live meeting room', () => {
  let w: LiveWorld;
  beforeAll(async () => {
    w = await liveWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const base = () => `/api/cabinet/meetings/${w.meetingA}/live`;
  const act = (path: string, cookie: string, payload?: object, meetingId = w.meetingA) =>
    w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${meetingId}/live${path}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
  const state = async (cookie = w.cookies.officeA): Promise<Snapshot> => {
    const res = await w.app.inject({ method: 'GET', url: base(), headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Snapshot>();
  };
  const ok = async (res: Awaited<ReturnType<typeof act>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ seq: number }>();
  };
  const advance = (seconds: number) => w.p.clock.advance(seconds * 1000);
  const mine = (s: Snapshot, personId: string) => s.speakers.find((x) => x.personId === personId)!;

  it('is not found for strangers and run only by the chair or the office', async () => {
    for (const cookie of [w.cookies.outsider, w.cookies.officeB]) {
      const res = await w.app.inject({ method: 'GET', url: base(), headers: { cookie } });
      expect(errorCodeOf(res)).toBe('CABINET_MEETING_NOT_FOUND');
      expect(errorCodeOf(await act('/open', cookie))).toBe('CABINET_MEETING_NOT_FOUND');
    }
    expect(errorCodeOf(await act('/open', w.cookies.member2))).toBe('CABINET_LIVE_NOT_CHAIR');
    expect(errorCodeOf(await act(`/item/${w.items[0]}/start`, w.cookies.member2))).toBe(
      'CABINET_LIVE_NOT_CHAIR',
    );
    // Before the meeting opens, no item can be taken up.
    expect(errorCodeOf(await act(`/item/${w.items[0]}/start`, w.cookies.officeA))).toBe(
      'CABINET_LIVE_WRONG_STATE',
    );
    const before = await state();
    expect(before.meeting.status).toBe('invited');
    expect(before.viewer.runsRoom).toBe(true);
    const { seq } = await ok(await act('/open', w.cookies.officeA));
    const after = await state(w.cookies.member2);
    expect(after.seq).toBe(seq);
    expect(seq).toBeGreaterThan(before.seq);
    expect(after.meeting.status).toBe('in_progress');
    expect(after.meeting.actualStart).toBe(NOW.toISOString());
    expect(after.view).toBe('participant');
    expect(after.viewer.runsRoom).toBe(false);
    expect(errorCodeOf(await act('/open', w.cookies.member1))).toBe('CABINET_LIVE_WRONG_STATE');
    const [entry] = await w.p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cabinet.live.open'), eq(auditLog.outcome, 'success')));
    expect(entry?.objectId).toBe(w.meetingA);
  });

  it('counts the quorum from who checked in, against 2/3 of the voting members', async () => {
    let s = await state();
    expect(s.quorum).toMatchObject({ present: 0, seated: 3, required: 2, reached: false, numerator: 2 });
    await ok(await act('/check-in', w.cookies.member2));
    s = await state();
    // member3 said they would come, but only checking in counts in the room.
    expect(s.quorum).toMatchObject({ present: 1, required: 2, reached: false });
    expect(errorCodeOf(await act('/check-in', w.cookies.member2))).toBe('CABINET_LIVE_ATTENDANCE_STATE');
    // A member checks someone else in: refused; the office may.
    expect(errorCodeOf(await act('/check-in', w.cookies.member2, { personId: w.member3 }))).toBe(
      'CABINET_LIVE_NOT_CHAIR',
    );
    expect(errorCodeOf(await act('/check-in', w.cookies.outsider))).toBe('CABINET_MEETING_NOT_FOUND');
    await ok(await act('/check-in', w.cookies.officeA, { personId: w.member3, remote: true }));
    s = await state(w.member3Cookie);
    expect(s.quorum).toMatchObject({ present: 2, required: 2, reached: true });
    expect(s.attendance.find((a) => a.personId === w.member3)).toMatchObject({
      attendance: 'checked_in',
      remote: true,
    });
    await ok(await act('/leave', w.member3Cookie));
    expect((await state()).quorum).toMatchObject({ present: 1, reached: false });
    await ok(await act('/check-in', w.member3Cookie, { remote: true }));
    expect((await state()).quorum.reached).toBe(true);
  });

  it('times each item across its discussion spans against its time box', async () => {
    const [first, second] = w.items;
    await ok(await act(`/item/${first}/start`, w.cookies.member1));
    advance(90);
    let s = await state(w.cookies.member2);
    expect(s.currentItemId).toBe(first);
    expect(s.items[0]).toMatchObject({ state: 'in_discussion', plannedMinutes: 30, spentSeconds: 90 });
    expect(s.items[0]!.openSince).not.toBeNull();
    await ok(await act(`/item/${second}/start`, w.cookies.officeA));
    advance(30);
    s = await state();
    expect(s.items[0]).toMatchObject({
      state: 'pending',
      spentSeconds: 90,
      closedSeconds: 90,
      openSince: null,
    });
    expect(s.items[1]).toMatchObject({ state: 'in_discussion', spentSeconds: 30 });
    expect(errorCodeOf(await act(`/item/${second}/start`, w.cookies.officeA))).toBe(
      'CABINET_LIVE_ITEM_STATE',
    );
    await ok(await act(`/item/${first}/start`, w.cookies.officeA));
    advance(60);
    await ok(await act(`/item/${first}/finish`, w.cookies.officeA));
    s = await state();
    expect(s.currentItemId).toBeNull();
    expect(s.items[0]).toMatchObject({ state: 'done', spentSeconds: 150 });
    expect(s.items[1]).toMatchObject({ state: 'pending', spentSeconds: 30 });
    const spans = await w.p.db.select().from(itemSpans).where(eq(itemSpans.agendaItemId, first));
    expect(spans).toHaveLength(2);
    expect(spans.every((x) => x.endedAt)).toBe(true);
    expect(errorCodeOf(await act(`/item/${first}/start`, w.cookies.officeA))).toBe('CABINET_LIVE_ITEM_STATE');
    expect(errorCodeOf(await act(`/item/not-a-uuid/start`, w.cookies.officeA))).toBe(
      'CABINET_AGENDA_ITEM_NOT_FOUND',
    );
    await ok(await act(`/item/${second}/start`, w.cookies.officeA));
  });

  it('runs the list of speakers and adds up speaking time per person', async () => {
    expect(errorCodeOf(await act('/speakers', w.cookies.member1))).toBe('CABINET_LIVE_NOT_CHECKED_IN');
    await ok(await act('/speakers', w.cookies.member2));
    expect(errorCodeOf(await act('/speakers', w.cookies.member2))).toBe('CABINET_LIVE_ALREADY_REQUESTED');
    await ok(await act('/speakers', w.member3Cookie));
    let s = await state();
    const two = mine(s, w.member2).id;
    const three = mine(s, w.member3).id;
    expect(s.speakers.map((x) => x.personId)).toEqual([w.member2, w.member3]);

    expect(errorCodeOf(await act(`/speakers/${two}/call`, w.cookies.member2))).toBe('CABINET_LIVE_NOT_CHAIR');
    expect(errorCodeOf(await act('/speakers/order', w.cookies.member1, { speakerIds: [three] }))).toBe(
      'CABINET_LIVE_ORDER_INVALID',
    );
    await ok(await act('/speakers/order', w.cookies.member1, { speakerIds: [three, two] }));
    s = await state();
    expect(s.speakers.map((x) => x.personId)).toEqual([w.member3, w.member2]);

    await ok(await act(`/speakers/${two}/call`, w.cookies.member1));
    const seq = (await state()).seq;
    expect(errorCodeOf(await act(`/speakers/${two}/start`, w.cookies.member1, { limitSeconds: 5 }))).toBe(
      'CABINET_LIVE_LIMIT_INVALID',
    );
    expect((await state()).seq).toBe(seq);
    await ok(await act(`/speakers/${two}/start`, w.cookies.member1, { limitSeconds: 120 }));
    advance(40);
    s = await state(w.cookies.member2);
    expect(mine(s, w.member2)).toMatchObject({ state: 'speaking', limitSeconds: 120 });
    expect(s.speakers[0]!.personId).toBe(w.member2);
    expect(s.speakingTime.find((t) => t.personId === w.member2)).toMatchObject({ seconds: 40 });
    await ok(await act(`/speakers/${two}/stop`, w.cookies.member1));
    expect(errorCodeOf(await act(`/speakers/${two}/stop`, w.cookies.member1))).toBe(
      'CABINET_LIVE_SPEAKER_STATE',
    );

    // member3 withdraws, member2 asks again and speaks a second time: the time adds up.
    await ok(await act(`/speakers/${three}/withdraw`, w.member3Cookie));
    await ok(await act('/speakers', w.cookies.member2));
    const again = (await state()).speakers.find((x) => x.personId === w.member2 && x.state === 'requested')!;
    expect(errorCodeOf(await act(`/speakers/${again.id}/withdraw`, w.member3Cookie))).toBe(
      'CABINET_LIVE_NOT_CHAIR',
    );
    await ok(await act(`/speakers/${again.id}/start`, w.cookies.officeA));
    advance(20);
    s = await state();
    expect(s.speakingTime.find((t) => t.personId === w.member2)).toMatchObject({ seconds: 60 });
    expect(s.speakingTime.find((t) => t.personId === w.member2)!.speakingSince).not.toBeNull();
  });

  it('shows the written opinions of absent members to the chair and the office only', async () => {
    const current = (await state()).currentItemId!;
    await w.p.db.insert(opinions).values([
      // The chair has not checked in: absent; member2 is in the room; member3 only drafted.
      {
        meetingId: w.meetingA,
        agendaItemId: current,
        memberId: w.member1,
        position: 'agree_with_comments',
        body: 'Đề nghị bổ sung đánh giá tác động.',
        state: 'submitted',
        draftedBy: w.member1,
        submittedAt: NOW,
        updatedAt: NOW,
      },
      {
        meetingId: w.meetingA,
        agendaItemId: current,
        memberId: w.member2,
        position: 'agree',
        state: 'submitted',
        draftedBy: w.member2,
        submittedAt: NOW,
        updatedAt: NOW,
      },
    ]);
    const chair = await state(w.cookies.member1);
    expect(chair.opinions?.map((o) => o.memberId)).toEqual([w.member1]);
    expect(chair.opinions?.[0]).toMatchObject({ position: 'agree_with_comments' });
    expect((await state(w.cookies.officeA)).opinions).toHaveLength(1);
    expect((await state(w.cookies.member2)).opinions).toBeNull();
  });

  it('ends the meeting: spans and speakers close, nothing more can happen', async () => {
    expect(errorCodeOf(await act('/end', w.cookies.member2))).toBe('CABINET_LIVE_NOT_CHAIR');
    advance(10);
    await ok(await act('/end', w.cookies.member1));
    const s = await state();
    expect(s.meeting.status).toBe('ended');
    expect(s.currentItemId).toBeNull();
    expect(s.items[1]).toMatchObject({ state: 'done', openSince: null });
    expect(s.speakers).toEqual([]);
    expect(s.speakingTime.find((t) => t.personId === w.member2)).toMatchObject({
      seconds: 70,
      speakingSince: null,
    });
    expect(errorCodeOf(await act('/speakers', w.cookies.member2))).toBe('CABINET_LIVE_WRONG_STATE');
    expect(errorCodeOf(await act('/end', w.cookies.member1))).toBe('CABINET_LIVE_WRONG_STATE');
    expect(errorCodeOf(await act('/check-in', w.cookies.member1))).toBe('CABINET_LIVE_WRONG_STATE');
  });
});

describe('the live room and bad input from strangers', () => {
  let w: LiveWorld;
  beforeAll(async () => {
    w = await liveWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  it('answers a stranger 404 before validating the body, and a participant a coded 400', async () => {
    const url = `/api/cabinet/meetings/${w.meetingA}/live/speakers/order`;
    const stranger = await w.app.inject({
      method: 'POST',
      url,
      headers: { cookie: w.cookies.outsider },
      payload: { speakerIds: 'nope' },
    });
    expect(errorCodeOf(stranger)).toBe('CABINET_MEETING_NOT_FOUND');
    const chair = await w.app.inject({
      method: 'POST',
      url,
      headers: { cookie: w.cookies.member1 },
      payload: { speakerIds: 'nope' },
    });
    expect(errorCodeOf(chair)).toBe('VALIDATION_FAILED');
    const none = await w.app.inject({ method: 'GET', url: `/api/cabinet/meetings/${w.meetingA}/live` });
    expect(errorCodeOf(none)).toBe('UNAUTHENTICATED');
  });
});
