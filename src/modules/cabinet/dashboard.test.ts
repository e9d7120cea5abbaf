import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { reductionPercent, type Dashboard } from './dashboard.service.js';
import { papersWorld, type PapersWorld } from './papers.test-helpers.js';
import {
  agendaItems,
  bodyMembers,
  conclusions,
  itemSpans,
  meetings,
  papers,
  paperVersions,
  participants,
  tasks,
} from './schema.js';

/** Today is Monday 2 March 2026 (papers-test-helpers' NOW): this year so far against the whole of 2025. */
describe('dashboard of a body’s meetings', () => {
  let w: PapersWorld;
  let bodyId = '';

  beforeAll(async () => {
    w = await papersWorld();
    const db = w.p.db;
    const [a] = await db.select().from(meetings).where(eq(meetings.id, w.meetingA));
    bodyId = a!.bodyId;
    await db.insert(bodyMembers).values({
      bodyId,
      personId: w.member1,
      role: 'chair',
      voting: true,
      validFrom: '2020-01-01',
    });
    const meeting = async (status: string, start: string, minutes: number | null) => {
      const s = new Date(start);
      const [m] = await db
        .insert(meetings)
        .values({
          bodyId,
          ruleProfileId: a!.ruleProfileId,
          title: `Phiên họp ${start.slice(0, 10)}`,
          kind: 'regular',
          status: status as 'ended',
          plannedStart: s,
          plannedEnd: new Date(s.getTime() + 4 * 3600_000),
          actualStart: minutes === null ? null : s,
          actualEnd: minutes === null ? null : new Date(s.getTime() + minutes * 60_000),
          chairId: w.member1,
          papersDueOn: start.slice(0, 10),
          createdBy: w.member1,
        })
        .returning({ id: meetings.id });
      return m!.id;
    };
    // Baseline (2025): 200 and 240 minutes, 220 on average.
    await meeting('concluded', '2025-04-10T01:00:00Z', 200);
    await meeting('ended', '2025-10-10T01:00:00Z', 240);
    // This year: 150 and 158 minutes (154 on average, 30% less), one not timed, one cancelled, one upcoming.
    const c1 = await meeting('concluded', '2026-01-15T01:00:00Z', 150);
    await meeting('ended', '2026-02-10T01:00:00Z', 158);
    await meeting('ended', '2026-02-20T01:00:00Z', null);
    await meeting('cancelled', '2026-02-25T01:00:00Z', null);

    const [i1, i2] = await db
      .insert(agendaItems)
      .values([
        { meetingId: c1, position: 1, title: 'Nội dung vượt giờ', plannedMinutes: 30, spentSeconds: 2700 },
        { meetingId: c1, position: 2, title: 'Nội dung đúng giờ', plannedMinutes: 60 },
        { meetingId: c1, position: 3, title: 'Nội dung không có thời lượng', plannedMinutes: null },
      ])
      .returning({ id: agendaItems.id });
    // Item 2's time is only in its spans: 25 + 15 minutes; an open span does not count.
    const at = (iso: string) => new Date(iso);
    await db.insert(itemSpans).values([
      { agendaItemId: i2!.id, startedAt: at('2026-01-15T02:00:00Z'), endedAt: at('2026-01-15T02:25:00Z') },
      { agendaItemId: i2!.id, startedAt: at('2026-01-15T03:00:00Z'), endedAt: at('2026-01-15T03:15:00Z') },
      { agendaItemId: i1!.id, startedAt: at('2026-01-15T04:00:00Z'), endedAt: null },
    ]);

    // Papers: the first version decides; one on time (its later version late), one late.
    const paper = async (late: boolean[]) => {
      const [pp] = await db
        .insert(papers)
        .values({
          meetingId: c1,
          title: 'Tờ trình',
          kind: 'submission',
          classification: 'internal',
          createdBy: w.member1,
        })
        .returning({ id: papers.id });
      for (const [i, l] of late.entries())
        await db.insert(paperVersions).values({
          paperId: pp!.id,
          version: i + 1,
          sha256: `${pp!.id}-${i}`,
          fileName: 'a.pdf',
          mediaType: 'application/pdf',
          size: 1,
          late: l,
          uploadedBy: w.member1,
          uploadedAt: at('2026-01-10T01:00:00Z'),
        });
    };
    await paper([false, true]);
    await paper([true]);

    const [conclusion] = await db
      .insert(conclusions)
      .values({
        meetingId: c1,
        title: 'Thông báo kết luận',
        state: 'issued',
        dueOn: '2026-01-22',
        createdBy: w.member1,
        createdAt: at('2026-01-16T01:00:00Z'),
      })
      .returning({ id: conclusions.id });
    const task = (
      state: 'open' | 'in_progress' | 'done' | 'cancelled',
      dueOn: string,
      completedAt: string | null = null,
    ) => ({
      conclusionId: conclusion!.id,
      meetingId: c1,
      title: `Nhiệm vụ ${state} ${dueOn}`,
      assigneeAgencyId: a!.bodyId,
      dueOn,
      state,
      completedAt: completedAt ? at(completedAt) : null,
      createdBy: w.member1,
      createdAt: at('2026-01-16T01:00:00Z'),
    });
    await db.insert(tasks).values([
      task('done', '2026-02-10', '2026-02-10T16:00:00Z'), // 23:00 on the due day in Hà Nội: on time
      task('done', '2026-02-10', '2026-02-10T17:30:00Z'), // 00:30 the next day in Hà Nội: late
      task('open', '2026-02-20'), // overdue
      task('in_progress', '2026-03-05'), // still in time
      task('cancelled', '2026-01-30'),
    ]);
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const get = (cookie: string, query: Record<string, string>) =>
    w.app.inject({
      method: 'GET',
      url: `/api/cabinet/dashboard?${new URLSearchParams({ bodyId, ...query }).toString()}`,
      headers: { cookie },
    });

  it('gives the office the figures of this year against last year', async () => {
    const res = await get(w.cookies.officeA, {});
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    expect(d.period).toEqual({ from: '2026-01-01', to: '2026-03-02' });
    expect(d.baselinePeriod).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(d.meetings).toEqual({ held: 3, timed: 2, totalMinutes: 308, averageMinutes: 154 });
    expect(d.baseline).toEqual({ held: 2, timed: 2, totalMinutes: 440, averageMinutes: 220 });
    expect(d.reduction).toEqual({ percent: 30, target: 30, met: true });
    expect(d.items).toMatchObject({ timed: 2, over: 1, averageRatio: 1.08 });
    expect(d.items.list).toEqual([
      expect.objectContaining({ title: 'Nội dung vượt giờ', plannedMinutes: 30, spentMinutes: 45 }),
      expect.objectContaining({ title: 'Nội dung đúng giờ', plannedMinutes: 60, spentMinutes: 40 }),
    ]);
    expect(d.papers).toEqual({ total: 2, onTime: 1, late: 1, onTimeShare: 0.5 });
    expect(d.tasks).toEqual({
      total: 4,
      doneOnTime: 1,
      doneLate: 1,
      overdue: 1,
      open: 1,
      onTimeShare: 0.333,
    });
  });

  it('gives the same to a seated member, and works on chosen periods', async () => {
    const res = await get(w.cookies.member1, {
      from: '2026-02-01',
      to: '2026-02-28',
      baselineFrom: '2025-10-01',
      baselineTo: '2025-10-31',
    });
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    expect(d.meetings).toEqual({ held: 2, timed: 1, totalMinutes: 158, averageMinutes: 158 });
    expect(d.baseline.averageMinutes).toBe(240);
    expect(d.reduction).toEqual({ percent: 34.2, target: 30, met: true });
    expect(d.tasks.total).toBe(0);
    const empty = (
      await get(w.cookies.member1, { baselineFrom: '2024-01-01', baselineTo: '2024-12-31' })
    ).json<Dashboard>();
    expect(empty.reduction).toEqual({ percent: null, target: 30, met: null });
  });

  it("shows a seated member the body's figures but titles only of meetings they were invited to", async () => {
    const before = (await get(w.cookies.member1, {})).json<Dashboard>();
    expect(before.items).toMatchObject({ timed: 2, over: 1, averageRatio: 1.08, list: [] });
    expect(before.meetings.held).toBe(3);
    expect(JSON.stringify(before)).not.toContain('Nội dung');
    const [item] = await w.p.db.select().from(agendaItems).where(eq(agendaItems.title, 'Nội dung vượt giờ'));
    await w.p.db.insert(participants).values({
      meetingId: item!.meetingId,
      personId: w.member1,
      role: 'member',
      voting: true,
      attendance: 'invited',
    });
    const after = (await get(w.cookies.member1, {})).json<Dashboard>();
    expect(after.items.list.map((i) => i.title)).toEqual(['Nội dung vượt giờ', 'Nội dung đúng giờ']);
    await w.p.db.delete(participants).where(eq(participants.meetingId, item!.meetingId));
  });

  it('tells anyone else the body does not exist', async () => {
    for (const cookie of [w.cookies.member2, w.cookies.officeB, w.cookies.outsider]) {
      const res = await get(cookie, {});
      expect(res.statusCode).toBe(404);
      expect(errorCodeOf(res)).toBe('CABINET_BODY_NOT_FOUND');
    }
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/cabinet/dashboard?bodyId=not-a-uuid',
      headers: { cookie: w.cookies.officeA },
    });
    expect(errorCodeOf(res)).toBe('CABINET_BODY_NOT_FOUND');
  });

  it('refuses bad dates and periods with codes', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-02-30' }, 'CABINET_DASHBOARD_DATE_INVALID'],
      [{ to: '02/03/2026' }, 'CABINET_DASHBOARD_DATE_INVALID'],
      [{ from: '2026-03-01', to: '2026-02-01' }, 'CABINET_DASHBOARD_RANGE_INVALID'],
      [{ baselineFrom: '2025-01-01' }, 'CABINET_DASHBOARD_RANGE_INVALID'],
      [{ from: '2000-01-01', to: '2026-01-01' }, 'CABINET_DASHBOARD_RANGE_INVALID'],
    ];
    for (const [query, code] of cases) {
      const res = await get(w.cookies.officeA, query);
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res)).toBe(code);
    }
  });

  it('works out the cut in meeting time against the baseline', () => {
    expect(reductionPercent(220, 154)).toBe(30);
    expect(reductionPercent(100, 120)).toBe(-20);
    expect(reductionPercent(180, 120)).toBe(33.3);
    expect(reductionPercent(null, 100)).toBeNull();
    expect(reductionPercent(100, null)).toBeNull();
    expect(reductionPercent(0, 10)).toBeNull();
  });
});
