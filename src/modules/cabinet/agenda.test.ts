import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { rows } from '../../platform/db/index.js';
import { minimalPdf, multipart, papersWorld, type PapersWorld } from './papers.test-helpers.js';
import { agendaItems, comments, opinions } from './schema.js';

interface Item {
  id: string;
  position: number;
  title: string;
  plannedMinutes: number | null;
  classification: string;
  presenterPersonId: string | null;
  papers: { id: string }[];
}

describe('agenda of a meeting', () => {
  let w: PapersWorld;
  beforeAll(async () => {
    w = await papersWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    cookie: string,
    payload?: object,
  ) => w.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const agendaUrl = (meetingId = w.meetingA) => `/api/cabinet/meetings/${meetingId}/agenda`;
  const agenda = async (cookie = w.cookies.officeA) => {
    const res = await call('GET', agendaUrl(), cookie);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Item[] }>().items;
  };
  const add = (payload: object, cookie = w.cookies.officeA) => call('POST', agendaUrl(), cookie, payload);
  const auditCount = async (action: string, outcome = 'success') =>
    Number(
      (
        await rows<{ n: number }>(
          w.p.db,
          sql`select count(*)::int as n from audit_log where action = ${action} and outcome = ${outcome}`,
        )
      )[0]?.n,
    );

  it('lets the office add items at the end, in order, audited', async () => {
    const titles = [
      'Tờ trình dự thảo Nghị quyết về ngân sách',
      'Báo cáo kinh tế - xã hội tháng 2',
      'Đề án chuyển đổi số',
    ];
    for (const [i, title] of titles.entries()) {
      const res = await add({ title, plannedMinutes: 30 + i, presenterPersonId: w.member2 });
      expect(res.statusCode).toBe(201);
      expect(res.json<Item>()).toMatchObject({ title, position: i + 1, classification: 'internal' });
    }
    expect((await agenda()).map((i) => i.title)).toEqual(titles);
    expect(await auditCount('cabinet.agenda.add')).toBe(3);
  });

  it('shows the agenda to participants, not to others; only the office changes it', async () => {
    expect((await agenda(w.cookies.member2)).map((i) => i.position)).toEqual([1, 2, 3]);
    const outsider = await call('GET', agendaUrl(), w.cookies.outsider);
    expect(outsider.statusCode).toBe(404);
    expect(errorCodeOf(outsider)).toBe('CABINET_MEETING_NOT_FOUND');
    expect(errorCodeOf(await add({ title: 'Thêm' }, w.cookies.member1))).toBe('CABINET_NOT_PREPARER');
    expect(errorCodeOf(await add({ title: 'Thêm' }, w.cookies.outsider))).toBe('CABINET_MEETING_NOT_FOUND');
    expect(await agenda()).toHaveLength(3);
  });

  it('answers 404 for another agency’s meeting, even to its office’s peers elsewhere', async () => {
    expect(errorCodeOf(await call('GET', agendaUrl(), w.cookies.officeB))).toBe('CABINET_MEETING_NOT_FOUND');
    expect(errorCodeOf(await add({ title: 'X' }, w.cookies.officeB))).toBe('CABINET_MEETING_NOT_FOUND');
    const intoB = await call('POST', agendaUrl(w.meetingB), w.cookies.officeA, { title: 'X' });
    expect(intoB.statusCode).toBe(404);
    // a body that fails validation is still answered 404 first: the meeting's existence does not leak
    expect(errorCodeOf(await call('POST', agendaUrl(w.meetingB), w.cookies.officeA, {}))).toBe(
      'CABINET_MEETING_NOT_FOUND',
    );
    const inB = await w.p.db.select().from(agendaItems).where(eq(agendaItems.meetingId, w.meetingB));
    expect(inB).toEqual([]);
  });

  it('refuses bad items with a coded error and changes nothing', async () => {
    const before = await agenda();
    for (const bad of [
      { title: '   ' },
      { title: 'a'.repeat(501) },
      { title: 'Thời lượng', plannedMinutes: 0 },
      { title: 'Thời lượng', plannedMinutes: 601 },
      { title: 'Người trình', presenterPersonId: '00000000-0000-4000-8000-000000000001' },
      { title: 'Cơ quan trình', presenterAgencyId: 'không-phải-mã' },
    ]) {
      const res = await add(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(errorCodeOf(res)).toBe('CABINET_AGENDA_ITEM_INVALID');
    }
    expect(await agenda()).toEqual(before);
  });

  it('edits an item’s title, time box and classification', async () => {
    const [first] = await agenda();
    const res = await call('PATCH', `${agendaUrl()}/${first!.id}`, w.cookies.officeA, {
      title: 'Tờ trình dự thảo Nghị quyết (sửa đổi)',
      plannedMinutes: 45,
      classification: 'mat',
      presenterPersonId: null,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Item>()).toMatchObject({
      title: 'Tờ trình dự thảo Nghị quyết (sửa đổi)',
      plannedMinutes: 45,
      classification: 'mat',
      presenterPersonId: null,
      position: 1,
    });
    const bad = await call('PATCH', `${agendaUrl()}/${first!.id}`, w.cookies.officeA, { plannedMinutes: -5 });
    expect(errorCodeOf(bad)).toBe('CABINET_AGENDA_ITEM_INVALID');
    const missing = await call(
      'PATCH',
      `${agendaUrl()}/00000000-0000-4000-8000-000000000009`,
      w.cookies.officeA,
      {
        title: 'Không có',
      },
    );
    expect(errorCodeOf(missing)).toBe('CABINET_AGENDA_ITEM_NOT_FOUND');
    expect(await auditCount('cabinet.agenda.edit')).toBe(1);
  });

  it('reorders the whole agenda at once, or not at all', async () => {
    const [a, b, c] = await agenda();
    const ok = await call('PUT', `${agendaUrl()}/order`, w.cookies.officeA, {
      itemIds: [c!.id, a!.id, b!.id],
    });
    expect(ok.statusCode).toBe(200);
    expect((await agenda()).map((i) => [i.id, i.position])).toEqual([
      [c!.id, 1],
      [a!.id, 2],
      [b!.id, 3],
    ]);
    const [foreign] = await w.p.db
      .insert(agendaItems)
      .values({ meetingId: w.meetingB, position: 1, title: 'Của phiên họp khác' })
      .returning({ id: agendaItems.id });
    for (const itemIds of [
      [a!.id, b!.id],
      [a!.id, b!.id, b!.id],
      [a!.id, b!.id, foreign!.id],
      [a!.id, b!.id, c!.id, foreign!.id],
    ]) {
      const res = await call('PUT', `${agendaUrl()}/order`, w.cookies.officeA, { itemIds });
      expect(errorCodeOf(res)).toBe('CABINET_AGENDA_REORDER_INVALID');
    }
    expect((await agenda()).map((i) => i.id)).toEqual([c!.id, a!.id, b!.id]);
    expect(errorCodeOf(await call('PUT', `${agendaUrl()}/order`, w.cookies.member2, { itemIds: [] }))).toBe(
      'CABINET_NOT_PREPARER',
    );
  });

  it('removes an item only while no paper is attached, and closes the gap', async () => {
    const [first, second, third] = await agenda();
    const paper = await call('POST', `/api/cabinet/meetings/${w.meetingA}/papers`, w.cookies.officeA, {
      title: 'Tờ trình số 12/TTr-UBND',
      kind: 'submission',
      // the item was made 'mat' above: its papers are classified stubs too
      classification: 'mat',
      agendaItemId: second!.id,
    });
    expect(paper.statusCode).toBe(201);
    const refused = await call('DELETE', `${agendaUrl()}/${second!.id}`, w.cookies.officeA);
    expect(refused.statusCode).toBe(409);
    expect(errorCodeOf(refused)).toBe('CABINET_AGENDA_ITEM_HAS_PAPERS');
    expect(await agenda()).toHaveLength(3);
    expect((await agenda()).find((i) => i.id === second!.id)!.papers.map((p) => p.id)).toEqual([
      paper.json<{ id: string }>().id,
    ]);

    const removed = await call('DELETE', `${agendaUrl()}/${first!.id}`, w.cookies.officeA);
    expect(removed.statusCode).toBe(204);
    expect((await agenda()).map((i) => [i.id, i.position])).toEqual([
      [second!.id, 1],
      [third!.id, 2],
    ]);
    expect(await auditCount('cabinet.agenda.remove')).toBe(1);
    expect(await auditCount('cabinet.agenda.remove', 'failure')).toBe(1);
    expect(errorCodeOf(await call('DELETE', `${agendaUrl()}/${first!.id}`, w.cookies.officeA))).toBe(
      'CABINET_AGENDA_ITEM_NOT_FOUND',
    );
  });

  it('refuses to make an item classified once it has content online, and changes nothing', async () => {
    const newItem = async (title: string) => {
      const res = await add({ title, plannedMinutes: 20 });
      expect(res.statusCode).toBe(201);
      return res.json<Item>().id;
    };
    const newPaper = async (agendaItemId: string) => {
      const res = await call('POST', `/api/cabinet/meetings/${w.meetingA}/papers`, w.cookies.officeA, {
        title: 'Tờ trình',
        kind: 'submission',
        classification: 'internal',
        agendaItemId,
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const now = w.p.clock.now();

    const uploaded = await newItem('Có tài liệu đã tải lên');
    const paper = await newPaper(uploaded);
    const form = multipart(minimalPdf('Noi dung'), 'Tờ trình.pdf');
    const up = await w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${w.meetingA}/papers/${paper}/versions`,
      headers: { cookie: w.cookies.officeA, ...form.headers },
      payload: form.payload,
    });
    expect(up.statusCode).toBe(201);

    const withOpinion = await newItem('Có ý kiến');
    await w.p.db.insert(opinions).values({
      meetingId: w.meetingA,
      agendaItemId: withOpinion,
      memberId: w.member1,
      position: 'agree',
      body: 'Nhất trí',
      state: 'draft',
      draftedBy: w.member1,
      updatedAt: now,
    });
    const withComment = await newItem('Có thảo luận trên nội dung');
    await w.p.db.insert(comments).values({
      meetingId: w.meetingA,
      agendaItemId: withComment,
      authorId: w.member2,
      body: 'Đề nghị làm rõ',
      createdAt: now,
    });
    const withPaperComment = await newItem('Có thảo luận trên tài liệu');
    await w.p.db.insert(comments).values({
      meetingId: w.meetingA,
      paperId: await newPaper(withPaperComment),
      authorId: w.member2,
      body: 'Số liệu chưa khớp',
      createdAt: now,
    });

    const edits = await auditCount('cabinet.agenda.edit');
    for (const id of [uploaded, withOpinion, withComment, withPaperComment]) {
      for (const classification of ['mat', 'toi_mat', 'tuyet_mat']) {
        const before = (await agenda()).find((i) => i.id === id);
        const res = await call('PATCH', `${agendaUrl()}/${id}`, w.cookies.officeA, {
          title: 'Đổi tên',
          classification,
        });
        expect(res.statusCode).toBe(409);
        expect(errorCodeOf(res)).toBe('CABINET_AGENDA_ITEM_HAS_CONTENT');
        expect((await agenda()).find((i) => i.id === id)).toEqual(before);
      }
    }
    expect(await auditCount('cabinet.agenda.edit')).toBe(edits);
    // Other edits of such an item, and a public or internal classification, are still fine.
    const renamed = await call('PATCH', `${agendaUrl()}/${uploaded}`, w.cookies.officeA, {
      title: 'Đổi tên',
      classification: 'public',
    });
    expect(renamed.statusCode).toBe(200);

    // Papers without content and no discussion: the item may become classified.
    const empty = await newItem('Tài liệu chưa có nội dung');
    await newPaper(empty);
    const ok = await call('PATCH', `${agendaUrl()}/${empty}`, w.cookies.officeA, { classification: 'mat' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Item>().classification).toBe('mat');
  });
});
