import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { NOW, papersWorld, type PapersWorld } from './papers.test-helpers.js';
import { agendaItems, meetings, minutes, papers, paperTexts, paperVersions } from './schema.js';
import { segments, type SearchHit } from './search.service.js';

interface Result {
  items: SearchHit[];
  counts: Record<string, number>;
}

const plain = (s: { text: string }[] | null) => (s ?? []).map((x) => x.text).join('');
const hits = (s: { text: string; hit: boolean }[] | null) =>
  (s ?? []).filter((x) => x.hit).map((x) => x.text);

describe('search across meetings, agenda items, papers and minutes', () => {
  let w: PapersWorld;
  const ids = { itemA: '', paperA: '', restricted: '', classified: '', itemB: '' };

  beforeAll(async () => {
    w = await papersWorld();
    const db = w.p.db;
    const officeA = (await db.select().from(meetings).where(eq(meetings.id, w.meetingA)))[0]!.createdBy;
    await db
      .update(meetings)
      .set({ title: 'Phiên họp Ủy ban về Chính phủ điện tử tháng 3', location: 'Phòng họp số 1, Trường Thi' })
      .where(eq(meetings.id, w.meetingA));
    await db
      .update(meetings)
      .set({ title: 'Phiên họp Chính phủ số Hà Nội' })
      .where(eq(meetings.id, w.meetingB));
    const [itemA, itemB] = await db
      .insert(agendaItems)
      .values([
        {
          meetingId: w.meetingA,
          position: 1,
          title: 'Dự thảo Nghị định về Chính phủ số',
          plannedMinutes: 30,
        },
        {
          meetingId: w.meetingB,
          position: 1,
          title: 'Nghị định về Chính phủ số của Hà Nội',
          plannedMinutes: 30,
        },
      ])
      .returning({ id: agendaItems.id });
    ids.itemA = itemA!.id;
    ids.itemB = itemB!.id;
    const paper = async (
      meetingId: string,
      values: Partial<typeof papers.$inferInsert> & { title: string },
      pages: string[],
    ) => {
      const [row] = await db
        .insert(papers)
        .values({ meetingId, kind: 'submission', classification: 'internal', createdBy: officeA, ...values })
        .returning({ id: papers.id });
      for (const [i, text] of [['Bản cũ: Chính phủ quyết sách'], pages].entries()) {
        const [v] = await db
          .insert(paperVersions)
          .values({
            paperId: row!.id,
            version: i + 1,
            sha256: `${row!.id}-${i}`,
            fileName: 'to-trinh.pdf',
            mediaType: 'application/pdf',
            size: 100,
            late: false,
            uploadedBy: officeA,
            uploadedAt: NOW,
          })
          .returning({ id: paperVersions.id });
        await db.insert(paperTexts).values({ versionId: v!.id, pages: text, extractedAt: NOW });
      }
      return row!.id;
    };
    ids.paperA = await paper(
      w.meetingA,
      { title: 'Tờ trình về định danh điện tử', reference: '12/TTr-BTP', agendaItemId: ids.itemA },
      [
        'Trang một: giới thiệu chung về dự án.',
        'Đề nghị Chính phủ xem xét,\nthông qua dự thảo Nghị định về định danh điện tử.',
      ],
    );
    ids.restricted = await paper(
      w.meetingA,
      { title: 'Báo cáo riêng của Chủ tịch', restrictedTo: [w.member1] },
      ['Nội dung hạn chế về ngân sách quốc phòng.'],
    );
    // A classified paper never has content; were some text stored against it, search must still not show it.
    ids.classified = await paper(
      w.meetingA,
      { title: 'Đề án bảo vệ biên giới', classification: 'mat', paperCirculationNote: 'Phát hành bản giấy' },
      ['Phương án bố trí lực lượng đặc nhiệm.'],
    );
    await paper(w.meetingB, { title: 'Tờ trình của Hà Nội' }, [
      'Chính phủ số của Hà Nội, thông qua dự thảo.',
    ]);
    await db.insert(minutes).values({
      meetingId: w.meetingA,
      state: 'draft',
      sections: [
        { key: 'opening', heading: 'Khai mạc', body: 'Chủ tọa khai mạc phiên họp.' },
        {
          key: 'item-1',
          heading: 'Nội dung 1',
          body: 'Ủy ban thống nhất\nđề nghị Chính phủ ban hành Nghị định về chuyển đổi số.',
        },
      ],
      generatedAt: NOW,
      updatedBy: officeA,
      updatedAt: NOW,
    });
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const find = async (cookie: string, q: string) => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/cabinet/search?q=${encodeURIComponent(q)}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    return res.json<Result>();
  };

  it('finds every kind without accents: "chinh phu" finds "Chính phủ"', async () => {
    const found = await find(w.cookies.member2, 'chinh phu');
    const kinds = found.items.map((i) => i.kind).sort();
    expect(kinds).toEqual(['agenda_item', 'meeting', 'paper']); // the minutes are still a draft
    const meeting = found.items.find((i) => i.kind === 'meeting')!;
    expect(meeting).toMatchObject({ meetingId: w.meetingA, paperId: null });
    expect(hits(meeting.title)).toEqual(['Chính phủ']);
    const item = found.items.find((i) => i.kind === 'agenda_item')!;
    expect(item).toMatchObject({ meetingId: w.meetingA, agendaItemId: ids.itemA });
    const paper = found.items.find((i) => i.kind === 'paper')!;
    // The text of the latest version only (the first one said "Chính phủ" on page 1).
    expect(paper).toMatchObject({ meetingId: w.meetingA, paperId: ids.paperA, page: 2, paperOnly: false });
    expect(hits(paper.snippet)).toEqual(['Chính phủ']);
    expect(plain(paper.snippet)).toContain('Đề nghị Chính phủ xem xét');

    // A word right after a line break is found, and the meeting's location, the reference too.
    expect((await find(w.cookies.member2, 'thong qua')).items).toMatchObject([
      { kind: 'paper', paperId: ids.paperA, page: 2 },
    ]);
    expect((await find(w.cookies.member2, 'truong thi')).items).toMatchObject([
      { kind: 'meeting', meetingId: w.meetingA },
    ]);
    expect((await find(w.cookies.member2, '12/TTr-BTP')).items).toMatchObject([
      { kind: 'paper', paperId: ids.paperA, reference: '12/TTr-BTP', page: null },
    ]);
    // The last word is matched as a prefix, as people type.
    expect((await find(w.cookies.member2, 'dinh dan')).items.map((i) => i.paperId)).toEqual([ids.paperA]);
  });

  it('shows draft minutes to the office only, approved minutes to participants', async () => {
    expect((await find(w.cookies.member1, 'chuyen doi so')).items).toEqual([]);
    const office = await find(w.cookies.officeA, 'chuyen doi so');
    expect(office.items).toMatchObject([{ kind: 'minutes', meetingId: w.meetingA }]);
    expect(plain(office.items[0]!.title)).toBe('Nội dung 1');
    expect(hits(office.items[0]!.snippet)).toEqual(['chuyển đổi số']);
    await w.p.db.update(minutes).set({ state: 'approved' }).where(eq(minutes.meetingId, w.meetingA));
    expect((await find(w.cookies.member1, 'chuyen doi so')).items).toMatchObject([
      { kind: 'minutes', meetingId: w.meetingA },
    ]);
  });

  it('shows a stranger nothing from another agency’s meeting, or from a meeting they are not invited to', async () => {
    const officeA = await find(w.cookies.officeA, 'ha noi');
    expect(officeA.items).toEqual([]);
    const officeB = await find(w.cookies.officeB, 'chinh phu');
    expect(new Set(officeB.items.map((i) => i.meetingId))).toEqual(new Set([w.meetingB]));
    expect(officeB.counts).toMatchObject({ meeting: 1, agenda_item: 1, paper: 1 });
    expect((await find(w.cookies.outsider, 'chinh phu')).items).toEqual([]);
    expect((await find(w.cookies.outsider, 'nghi dinh')).items).toEqual([]);
  });

  it('shows a restricted paper, title and text, only to those it is meant for and the office', async () => {
    expect((await find(w.cookies.member2, 'ngan sach quoc phong')).items).toEqual([]);
    expect((await find(w.cookies.member2, 'bao cao rieng')).items).toEqual([]);
    for (const cookie of [w.cookies.member1, w.cookies.officeA])
      expect((await find(cookie, 'ngan sach quoc phong')).items).toMatchObject([
        { kind: 'paper', paperId: ids.restricted, page: 1 },
      ]);
  });

  it('never searches or returns the text of a classified paper, only its metadata', async () => {
    for (const cookie of [w.cookies.officeA, w.cookies.member1])
      expect((await find(cookie, 'luc luong dac nhiem')).items).toEqual([]);
    const byTitle = await find(w.cookies.member1, 'bien gioi');
    expect(byTitle.items).toMatchObject([
      {
        kind: 'paper',
        paperId: ids.classified,
        paperOnly: true,
        classification: 'mat',
        page: null,
        snippet: null,
      },
    ]);
  });

  it('refuses an empty or wordless query with a code, and a visitor with 401', async () => {
    for (const q of ['', '   ', '!!! ...', 'x'.repeat(201)]) {
      const res = await w.app.inject({
        method: 'GET',
        url: `/api/cabinet/search?q=${encodeURIComponent(q)}`,
        headers: { cookie: w.cookies.member1 },
      });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res)).toBe('CABINET_SEARCH_QUERY_INVALID');
    }
    const anonymous = await w.app.inject({ method: 'GET', url: '/api/cabinet/search?q=chinh' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('splits highlighted text into segments without trusting markup', () => {
    expect(segments('a ⟦Chính⟧ ⟦phủ⟧ <b>x</b>')).toEqual([
      { text: 'a ', hit: false },
      { text: 'Chính phủ', hit: true },
      { text: ' <b>x</b>', hit: false },
    ]);
    expect(segments(null)).toBeNull();
  });
});
