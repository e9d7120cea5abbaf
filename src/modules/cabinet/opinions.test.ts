import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import type { PlatformEvent } from '../../platform/events/index.js';
import { notifications } from '../../platform/notify/schema.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { addItem, discussionWorld, type DiscussionWorld } from './discussion.test-helpers.js';
import { saveOpinion, submittedOpinions } from './opinions.service.js';
import type { PaperActor } from './paper-access.js';
import { meetings, opinions } from './schema.js';

interface Opinion {
  memberId: string;
  memberName: string | null;
  position: string;
  body: string;
  state: 'draft' | 'submitted';
  draftedBy: string;
  draftedByName: string | null;
  submittedAt: string | null;
}
interface ItemSummary {
  agendaItemId: string;
  classified: boolean;
  comments: number;
  expected: number;
  counts: Record<string, number>;
  submitted: Opinion[];
  notAnswered: { memberId: string; displayName: string | null }[];
  mine: Opinion[];
}
interface Summary {
  open: boolean;
  writeFor: { memberId: string; self: boolean }[];
  items: ItemSummary[];
}

describe("members' opinions before the meeting", () => {
  let w: DiscussionWorld;
  const events: PlatformEvent[] = [];
  beforeAll(async () => {
    w = await discussionWorld();
    // Every participant hears of the change (member2 here), on their own live-events socket.
    w.p.events.subscribe(w.member2, (e) => events.push(e));
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const base = (meetingId = w.meetingA) => `/api/cabinet/meetings/${meetingId}/opinions`;
  const put = (cookie: string, payload: object, itemId = w.item, meetingId = w.meetingA) => {
    w.p.clock.advance(1000);
    return w.app.inject({ method: 'PUT', url: `${base(meetingId)}/${itemId}`, headers: { cookie }, payload });
  };
  const summary = async (cookie: string) => {
    const res = await w.app.inject({ method: 'GET', url: base(), headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<Summary>();
  };
  const itemOf = (s: Summary, itemId = w.item) => s.items.find((i) => i.agendaItemId === itemId)!;
  const stored = () => w.p.db.select().from(opinions).orderBy(opinions.memberId);

  it("a secretary drafts the member's opinion; the member is told; the draft is theirs only", async () => {
    const res = await put(w.more.secretary, {
      memberId: w.member1,
      position: 'agree_with_comments',
      body: 'Đồng ý, đề nghị bổ sung đánh giá tác động.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Opinion>()).toMatchObject({
      memberId: w.member1,
      state: 'draft',
      draftedBy: w.secretary,
      draftedByName: 'thuky-mot',
      submittedAt: null,
    });
    const told = await w.p.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.personId, w.member1), eq(notifications.template, 'cabinet.opinion.drafted')),
      );
    expect(told).toHaveLength(1);
    expect(told[0]!.channel).toBe('inapp');
    expect(events.at(-1)).toMatchObject({
      type: 'cabinet.discussion.changed',
      data: { meetingId: w.meetingA, agendaItemId: w.item, what: 'opinion' },
    });

    const member = itemOf(await summary(w.cookies.member1));
    expect(member.mine).toMatchObject([{ memberId: w.member1, state: 'draft', draftedBy: w.secretary }]);
    expect(member.submitted).toEqual([]);
    const secretary = await summary(w.more.secretary);
    expect(secretary.writeFor).toEqual([{ memberId: w.member1, displayName: 'uyvien-mot', self: false }]);
    expect(itemOf(secretary).mine).toHaveLength(1);
    for (const cookie of [w.cookies.member2, w.cookies.officeA, w.more.guest]) {
      const other = itemOf(await summary(cookie));
      expect(other.mine).toEqual([]);
      expect(other.submitted).toEqual([]);
      expect(other.counts).toEqual({ agree: 0, agree_with_comments: 0, disagree: 0, other: 0 });
      expect(other.notAnswered.map((m) => m.memberId).sort()).toEqual([w.member1, w.member2].sort());
    }
  });

  it('a secretary cannot submit for the member, nor write for a member they do not serve', async () => {
    const before = await stored();
    const submit = await put(w.more.secretary, { memberId: w.member1, position: 'agree', submit: true });
    expect(submit.statusCode).toBe(403);
    expect(errorCodeOf(submit)).toBe('CABINET_OPINION_SECRETARY_CANNOT_SUBMIT');
    const other = await put(w.more.secretary, { memberId: w.member2, position: 'agree' });
    expect(errorCodeOf(other)).toBe('CABINET_NOT_ON_BEHALF');
    expect(await stored()).toEqual(before);
  });

  it('only voting members have an opinion; strangers are told the meeting does not exist', async () => {
    const before = await stored();
    for (const cookie of [w.cookies.officeA, w.more.guest]) {
      const res = await put(cookie, { position: 'agree', submit: true });
      expect(res.statusCode).toBe(403);
      expect(errorCodeOf(res)).toBe('CABINET_OPINION_NOT_MEMBER');
    }
    for (const res of [
      await put(w.cookies.outsider, { position: 'agree', submit: true }),
      await put(w.cookies.officeB, { position: 'agree', submit: true }),
      await w.app.inject({ method: 'GET', url: base(), headers: { cookie: w.cookies.outsider } }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(errorCodeOf(res)).toBe('CABINET_MEETING_NOT_FOUND');
    }
    expect(await stored()).toEqual(before);
  });

  it('bad input gets a coded 400 and changes nothing', async () => {
    const before = await stored();
    const cases: [object, string][] = [
      [{ position: 'maybe', body: 'x' }, 'CABINET_OPINION_INVALID'],
      [{ position: 'disagree', body: '  ', submit: true }, 'CABINET_OPINION_INVALID'],
      [{ position: 'other', body: 'x'.repeat(5001) }, 'CABINET_OPINION_INVALID'],
      [{ body: 'no position' }, 'VALIDATION_FAILED'],
      [{ position: 'agree', submit: 'yes' }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of cases) {
      const res = await put(w.cookies.member1, payload);
      expect(res.statusCode, code).toBe(400);
      expect(errorCodeOf(res)).toBe(code);
    }
    const noItem = await put(
      w.cookies.member1,
      { position: 'agree' },
      '00000000-0000-4000-8000-000000000009',
    );
    expect(errorCodeOf(noItem)).toBe('CABINET_AGENDA_ITEM_NOT_FOUND');
    expect(await stored()).toEqual(before);
  });

  it('the member submits; the summary shows who differs, why, and who has not answered', async () => {
    const res = await put(w.cookies.member1, {
      position: 'disagree',
      body: 'Chưa đủ cơ sở về nguồn lực thực hiện.',
      submit: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Opinion>()).toMatchObject({ state: 'submitted', draftedBy: w.member1 });
    expect(res.json<Opinion>().submittedAt).not.toBeNull();

    let s = itemOf(await summary(w.cookies.officeA));
    expect(s.counts).toEqual({ agree: 0, agree_with_comments: 0, disagree: 1, other: 0 });
    expect(s.notAnswered.map((m) => m.memberId)).toEqual([w.member2]);

    expect((await put(w.cookies.member2, { position: 'agree', submit: true })).statusCode).toBe(200);
    s = itemOf(await summary(w.more.guest));
    expect(s.expected).toBe(2);
    expect(s.counts).toEqual({ agree: 1, agree_with_comments: 0, disagree: 1, other: 0 });
    expect(s.notAnswered).toEqual([]);
    // What differs from "agree" comes first, with its text.
    expect(s.submitted.map((o) => [o.memberId, o.position, o.body])).toEqual([
      [w.member1, 'disagree', 'Chưa đủ cơ sở về nguồn lực thực hiện.'],
      [w.member2, 'agree', ''],
    ]);

    const got = await w.p.db.transaction((tx) => submittedOpinions(tx, w.meetingA, w.item));
    expect(got.map((o) => [o.memberId, o.position])).toEqual([
      [w.member1, 'disagree'],
      [w.member2, 'agree'],
    ]);
    expect(got[0]!.submittedAt).toBeInstanceOf(Date);
  });

  it("a secretary's draft cannot replace the member's submitted opinion; the member may change it", async () => {
    const before = await stored();
    const res = await put(w.more.secretary, { memberId: w.member1, position: 'agree' });
    expect(res.statusCode).toBe(409);
    expect(errorCodeOf(res)).toBe('CABINET_OPINION_ALREADY_SUBMITTED');
    expect(await stored()).toEqual(before);
    const changed = await put(w.cookies.member1, {
      position: 'agree_with_comments',
      body: 'Đồng ý nếu bổ sung nguồn lực.',
      submit: true,
    });
    expect(changed.json<Opinion>().position).toBe('agree_with_comments');
  });

  it("a member's submission landing between a secretary's lock and upsert is never overwritten", async () => {
    // A fresh item: no opinion row yet, so the secretary's FOR UPDATE locks nothing.
    const itemId = await addItem(w.app, w.cookies.officeA, w.meetingA, 'Đề án chuyển đổi số');
    let fired = false;
    const memberSubmits = (tx: Executor) =>
      tx.insert(opinions).values({
        meetingId: w.meetingA,
        agendaItemId: itemId,
        memberId: w.member1,
        position: 'agree',
        body: 'Nhất trí.',
        state: 'submitted',
        draftedBy: w.member1,
        submittedAt: w.p.clock.now(),
        updatedAt: w.p.clock.now(),
      });
    // The member's commit, simulated just before the secretary's upsert runs.
    const racing = (tx: Executor): Executor =>
      new Proxy(tx, {
        get(t, k) {
          if (k === 'insert')
            return (table: typeof opinions) =>
              table !== opinions || fired
                ? t.insert(table)
                : {
                    values: (v: never) => ({
                      onConflictDoUpdate: (c: never) => ({
                        returning: async () => {
                          fired = true;
                          await memberSubmits(t);
                          return t.insert(table).values(v).onConflictDoUpdate(c).returning();
                        },
                      }),
                    }),
                  };
          const v = Reflect.get(t, k) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
        },
      });
    const actor: PaperActor = {
      personId: w.secretary,
      agencyId: null,
      permissions: new Set(),
      audit: { actorId: w.secretary, agencyId: null, ip: null, requestId: null },
      now: w.p.clock.now(),
    };
    let code: string | undefined;
    await w.p.db.transaction(async (tx) => {
      const err: unknown = await saveOpinion(racing(tx), w.p, actor, w.meetingA, itemId, {
        memberId: w.member1,
        position: 'disagree',
        body: 'Bản dự thảo của thư ký.',
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      code = err instanceof AppError ? err.code : undefined;
    });
    expect(fired).toBe(true);
    expect(code).toBe('CABINET_OPINION_ALREADY_SUBMITTED');
    const [row] = await w.p.db
      .select()
      .from(opinions)
      .where(and(eq(opinions.agendaItemId, itemId), eq(opinions.memberId, w.member1)));
    expect(row).toMatchObject({
      state: 'submitted',
      position: 'agree',
      body: 'Nhất trí.',
      draftedBy: w.member1,
    });
  });

  it('a classified item takes no opinions and shows none', async () => {
    const before = await stored();
    const res = await put(w.cookies.member1, { position: 'agree', submit: true }, w.classifiedItem);
    expect(res.statusCode).toBe(409);
    expect(errorCodeOf(res)).toBe('CABINET_DISCUSSION_CLASSIFIED');
    expect(itemOf(await summary(w.cookies.member1), w.classifiedItem)).toMatchObject({
      classified: true,
      submitted: [],
      notAnswered: [],
      mine: [],
    });
    expect(await stored()).toEqual(before);
  });

  it('closes when the meeting starts', async () => {
    const before = await stored();
    await w.p.db.update(meetings).set({ status: 'in_progress' }).where(eq(meetings.id, w.meetingA));
    try {
      const res = await put(w.cookies.member2, { position: 'other', body: 'Đổi ý', submit: true });
      expect(res.statusCode).toBe(409);
      expect(errorCodeOf(res)).toBe('CABINET_OPINION_CLOSED');
      expect((await summary(w.cookies.member2)).open).toBe(false);
      expect(await stored()).toEqual(before);
    } finally {
      await w.p.db.update(meetings).set({ status: 'invited' }).where(eq(meetings.id, w.meetingA));
    }
  });
});
