import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import type { PlatformEvent } from '../../platform/events/index.js';
import { rows } from '../../platform/db/index.js';
import { discussionWorld, type DiscussionWorld } from './discussion.test-helpers.js';
import { delegations } from '../identity/schema.js';
import { comments, meetings } from './schema.js';

interface Comment {
  id: string;
  parentId: string | null;
  authorId: string;
  authorName: string | null;
  writtenBy: string | null;
  writtenByName: string | null;
  body: string;
  deleted: boolean;
  editedAt: string | null;
  mayEdit: boolean;
  mayHide: boolean;
  replies: Comment[];
}
interface Thread {
  closed: boolean;
  postAs: { personId: string; self: boolean }[];
  items: Comment[];
}

describe('discussion threads before the meeting', () => {
  let w: DiscussionWorld;
  const events: PlatformEvent[] = [];
  beforeAll(async () => {
    w = await discussionWorld();
    // member1's secretary is not invited, yet hears of changes through the member they act for.
    w.p.events.subscribe(w.secretary, (e) => events.push(e));
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const url = (meetingId = w.meetingA) => `/api/cabinet/meetings/${meetingId}/comments`;
  const thread = (cookie: string, query: Record<string, string>, meetingId = w.meetingA) =>
    w.app.inject({ method: 'GET', url: url(meetingId), query, headers: { cookie } });
  // A second between writes, so the thread's order does not rest on equal timestamps.
  const post = (cookie: string, payload: object, meetingId = w.meetingA) => {
    w.p.clock.advance(1000);
    return w.app.inject({ method: 'POST', url: url(meetingId), headers: { cookie }, payload });
  };
  const count = async () => (await w.p.db.select({ id: comments.id }).from(comments)).length;
  const audited = async (action: string, objectId: string) => {
    const [r] = await rows<{ n: number }>(
      w.p.db,
      sql`select count(*)::int as n from audit_log where action = ${action} and object_id = ${objectId} and outcome = 'success'`,
    );
    return r!.n;
  };

  let first: Comment;

  it('a member posts on an agenda item; every reader of the meeting sees it; audited and announced', async () => {
    const res = await post(w.cookies.member2, {
      agendaItemId: w.item,
      body: '  Đề nghị làm rõ nguồn vốn.  ',
    });
    expect(res.statusCode).toBe(201);
    first = res.json<Comment>();
    expect(first).toMatchObject({
      authorId: w.member2,
      authorName: 'uyvien-hai',
      writtenBy: null,
      body: 'Đề nghị làm rõ nguồn vốn.',
      mayEdit: true,
    });
    expect(await audited('cabinet.comment.post', first.id)).toBe(1);
    expect(events.at(-1)).toMatchObject({
      type: 'cabinet.discussion.changed',
      audience: w.secretary,
      data: { meetingId: w.meetingA, agendaItemId: w.item, paperId: null, what: 'comment' },
    });
    for (const cookie of [w.cookies.member1, w.cookies.officeA, w.more.guest, w.more.secretary]) {
      const read = await thread(cookie, { agendaItemId: w.item });
      expect(read.statusCode).toBe(200);
      expect(read.json<Thread>().items.map((c) => c.body)).toEqual(['Đề nghị làm rõ nguồn vốn.']);
    }
    const seen = (await thread(w.cookies.member1, { agendaItemId: w.item })).json<Thread>();
    expect(seen.items[0]!.mayEdit).toBe(false);
  });

  it('a secretary writes for the member they serve, shown as written for them; replies stay one level deep', async () => {
    const res = await post(w.more.secretary, {
      agendaItemId: w.item,
      parentId: first.id,
      onBehalfOf: w.member1,
      body: 'Nguồn vốn đã nêu tại Phụ lục 2.',
    });
    expect(res.statusCode, res.body).toBe(201);
    const reply = res.json<Comment>();
    expect(reply).toMatchObject({
      parentId: first.id,
      authorId: w.member1,
      writtenBy: w.secretary,
      writtenByName: 'thuky-mot',
      mayEdit: true,
    });
    // Answering the reply answers the comment it hangs from.
    const again = await post(w.cookies.member2, {
      agendaItemId: w.item,
      parentId: reply.id,
      body: 'Cảm ơn.',
    });
    expect(again.json<Comment>().parentId).toBe(first.id);
    const read = (await thread(w.cookies.member1, { agendaItemId: w.item })).json<Thread>();
    expect(read.items).toHaveLength(1);
    expect(read.items[0]!.replies.map((r) => [r.authorId, r.writtenBy])).toEqual([
      [w.member1, w.secretary],
      [w.member2, null],
    ]);
    // The member may edit what their secretary wrote for them.
    expect(read.items[0]!.replies[0]!.mayEdit).toBe(true);
    const postAs = (await thread(w.more.secretary, { agendaItemId: w.item })).json<Thread>().postAs;
    expect(postAs).toEqual([{ personId: w.member1, displayName: 'uyvien-mot', self: false }]);
  });

  it('refuses what is not theirs: strangers 404, guests read only, a secretary only for their member', async () => {
    const before = await count();
    for (const res of [
      await thread(w.cookies.outsider, { agendaItemId: w.item }),
      await post(w.cookies.outsider, { agendaItemId: w.item, body: 'x' }),
      await thread(w.cookies.officeB, { agendaItemId: w.item }),
      await w.app.inject({
        method: 'DELETE',
        url: `${url()}/${first.id}`,
        headers: { cookie: w.cookies.outsider },
      }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(errorCodeOf(res)).toBe('CABINET_MEETING_NOT_FOUND');
    }
    const guest = await post(w.more.guest, { agendaItemId: w.item, body: 'Ý kiến khách mời' });
    expect(errorCodeOf(guest)).toBe('CABINET_DISCUSSION_NOT_ALLOWED');
    expect((await thread(w.more.guest, { agendaItemId: w.item })).json<Thread>().postAs).toEqual([]);
    const notServed = await post(w.more.secretary, {
      agendaItemId: w.item,
      onBehalfOf: w.member2,
      body: 'x',
    });
    expect(errorCodeOf(notServed)).toBe('CABINET_NOT_ON_BEHALF');
    const ownName = await post(w.more.secretary, { agendaItemId: w.item, body: 'x' });
    expect(errorCodeOf(ownName)).toBe('CABINET_DISCUSSION_NOT_ALLOWED');
    const foreignItem = await thread(w.cookies.member1, {
      agendaItemId: '00000000-0000-4000-8000-000000000009',
    });
    expect(errorCodeOf(foreignItem)).toBe('CABINET_AGENDA_ITEM_NOT_FOUND');
    expect(await count()).toBe(before);
  });

  it('bad input gets a coded 400 and changes nothing', async () => {
    const before = await count();
    const cases: [object, string][] = [
      [{ agendaItemId: w.item, body: '   ' }, 'CABINET_COMMENT_INVALID'],
      [{ agendaItemId: w.item, body: 'x'.repeat(5001) }, 'CABINET_COMMENT_INVALID'],
      [{ body: 'Không có luồng' }, 'CABINET_DISCUSSION_TARGET_INVALID'],
      [{ agendaItemId: w.item, paperId: w.item, body: 'Hai luồng' }, 'CABINET_DISCUSSION_TARGET_INVALID'],
      [{ agendaItemId: w.item }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of cases) {
      const res = await post(w.cookies.member2, payload);
      expect(res.statusCode, code).toBe(400);
      expect(errorCodeOf(res)).toBe(code);
    }
    const badParent = await post(w.cookies.member2, { agendaItemId: w.item, parentId: 'nope', body: 'x' });
    expect(errorCodeOf(badParent)).toBe('CABINET_COMMENT_NOT_FOUND');
    const edit = await w.app.inject({
      method: 'PATCH',
      url: `${url()}/${first.id}`,
      headers: { cookie: w.cookies.member2 },
      payload: { body: '' },
    });
    expect(errorCodeOf(edit)).toBe('CABINET_COMMENT_INVALID');
    expect(await count()).toBe(before);
    const [row] = await w.p.db.select().from(comments).where(eq(comments.id, first.id));
    expect(row!.body).toBe('Đề nghị làm rõ nguồn vốn.');
  });

  it('the author edits their own; others may not; the office hides, audited', async () => {
    const patch = (cookie: string, body: string) =>
      w.app.inject({ method: 'PATCH', url: `${url()}/${first.id}`, headers: { cookie }, payload: { body } });
    const edited = await patch(w.cookies.member2, 'Đề nghị làm rõ nguồn vốn và tiến độ.');
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Comment>().editedAt).not.toBeNull();
    expect(await audited('cabinet.comment.edit', first.id)).toBe(1);
    expect(errorCodeOf(await patch(w.cookies.member1, 'Sửa hộ'))).toBe('CABINET_COMMENT_NOT_YOURS');
    const del = (cookie: string) =>
      w.app.inject({ method: 'DELETE', url: `${url()}/${first.id}`, headers: { cookie } });
    expect(errorCodeOf(await del(w.cookies.member1))).toBe('CABINET_COMMENT_NOT_YOURS');
    const officeView = (await thread(w.cookies.officeA, { agendaItemId: w.item })).json<Thread>();
    expect(officeView.items[0]!.mayHide).toBe(true);
    expect((await del(w.cookies.officeA)).statusCode).toBe(204);
    expect(await audited('cabinet.comment.hide', first.id)).toBe(1);
    const read = (await thread(w.cookies.member1, { agendaItemId: w.item })).json<Thread>();
    // Hidden but kept as a placeholder while its replies remain; its text is gone.
    expect(read.items[0]).toMatchObject({ id: first.id, deleted: true, body: '' });
    expect(read.items[0]!.replies).toHaveLength(2);
    expect(errorCodeOf(await del(w.cookies.officeA))).toBe('CABINET_COMMENT_NOT_FOUND');
  });

  it('a paper has its own thread; a restricted paper only for those who may read it', async () => {
    const paper = await w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${w.meetingA}/papers`,
      headers: { cookie: w.cookies.officeA },
      payload: {
        title: 'Báo cáo riêng',
        kind: 'report',
        classification: 'internal',
        agendaItemId: w.item,
        restrictedTo: [w.member1],
      },
    });
    const paperId = paper.json<{ id: string }>().id;
    const mine = await post(w.more.secretary, { paperId, onBehalfOf: w.member1, body: 'Đã đọc, nhất trí.' });
    expect(mine.statusCode).toBe(201);
    expect((await thread(w.cookies.member1, { paperId })).json<Thread>().items).toHaveLength(1);
    // The item's thread does not mix in the paper's comments.
    const itemThread = (await thread(w.cookies.member1, { agendaItemId: w.item })).json<Thread>();
    expect(itemThread.items.every((c) => c.body !== 'Đã đọc, nhất trí.')).toBe(true);
    for (const res of [
      await thread(w.cookies.member2, { paperId }),
      await post(w.cookies.member2, { paperId, body: 'x' }),
    ])
      expect(errorCodeOf(res)).toBe('CABINET_PAPER_NOT_FOUND');
    const commentId = mine.json<Comment>().id;
    const other = await w.app.inject({
      method: 'DELETE',
      url: `${url()}/${commentId}`,
      headers: { cookie: w.cookies.member2 },
    });
    expect(errorCodeOf(other)).toBe('CABINET_COMMENT_NOT_FOUND');
  });

  it('a restricted paper: its events reach only its readers; a secretary may not write as a member who may not read it', async () => {
    const paper = await w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${w.meetingA}/papers`,
      headers: { cookie: w.cookies.officeA },
      payload: {
        title: 'Báo cáo hạn chế',
        kind: 'report',
        classification: 'internal',
        restrictedTo: [w.member1],
      },
    });
    const paperId = paper.json<{ id: string }>().id;
    // The secretary now serves both members; only member1 may read the paper.
    await w.p.db
      .insert(delegations)
      .values({ principalId: w.member2, delegateId: w.secretary, validFrom: '2026-01-01' });
    const member2Events: PlatformEvent[] = [];
    const off = w.p.events.subscribe(w.member2, (e) => member2Events.push(e));
    const before = await count();
    const asB = await post(w.more.secretary, {
      paperId,
      onBehalfOf: w.member2,
      body: 'Thay thành viên hai.',
    });
    expect(errorCodeOf(asB)).toBe('CABINET_DISCUSSION_NOT_ALLOWED');
    expect(await count()).toBe(before);
    const read = (await thread(w.more.secretary, { paperId })).json<Thread>();
    expect(read.postAs.map((a) => a.personId)).toEqual([w.member1]);
    const heard = events.length;
    expect((await post(w.cookies.member1, { paperId, body: 'Ý kiến riêng.' })).statusCode).toBe(201);
    expect(events.length).toBe(heard + 1);
    expect(member2Events.filter((e) => e.type === 'cabinet.discussion.changed')).toEqual([]);
    // The agenda item's thread is still announced to every participant.
    expect((await post(w.cookies.member1, { agendaItemId: w.item, body: 'Chung.' })).statusCode).toBe(201);
    expect(member2Events.filter((e) => e.type === 'cabinet.discussion.changed')).toHaveLength(1);
    off();
  });

  it('a classified item or paper has no discussion online', async () => {
    const before = await count();
    const paper = await w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${w.meetingA}/papers`,
      headers: { cookie: w.cookies.officeA },
      payload: {
        title: 'Tờ trình mật',
        kind: 'submission',
        classification: 'toi_mat',
        paperCirculationNote: 'Bản giấy',
      },
    });
    const paperId = paper.json<{ id: string }>().id;
    for (const res of [
      await thread(w.cookies.member1, { agendaItemId: w.classifiedItem }),
      await post(w.cookies.member1, { agendaItemId: w.classifiedItem, body: 'x' }),
      await thread(w.cookies.member1, { paperId }),
      await post(w.cookies.member1, { paperId, body: 'x' }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(errorCodeOf(res)).toBe('CABINET_DISCUSSION_CLASSIFIED');
    }
    expect(await count()).toBe(before);
  });

  it('closes when the meeting is over: read only, writes refused with a code', async () => {
    const [one] = await w.p.db.select().from(comments).where(eq(comments.authorId, w.member2)).limit(1);
    await w.p.db.update(meetings).set({ status: 'ended' }).where(eq(meetings.id, w.meetingA));
    try {
      const before = await count();
      const read = await thread(w.cookies.member2, { agendaItemId: w.item });
      expect(read.json<Thread>()).toMatchObject({ closed: true, postAs: [] });
      expect(read.json<Thread>().items.every((c) => !c.mayEdit && !c.mayHide)).toBe(true);
      for (const res of [
        await post(w.cookies.member2, { agendaItemId: w.item, body: 'Muộn' }),
        await w.app.inject({
          method: 'PATCH',
          url: `${url()}/${one!.id}`,
          headers: { cookie: w.cookies.member2 },
          payload: { body: 'Sửa muộn' },
        }),
        await w.app.inject({
          method: 'DELETE',
          url: `${url()}/${one!.id}`,
          headers: { cookie: w.cookies.member2 },
        }),
      ]) {
        expect(res.statusCode).toBe(409);
        expect(errorCodeOf(res)).toBe('CABINET_DISCUSSION_CLOSED');
      }
      expect(await count()).toBe(before);
    } finally {
      await w.p.db.update(meetings).set({ status: 'invited' }).where(eq(meetings.id, w.meetingA));
    }
  });
});
