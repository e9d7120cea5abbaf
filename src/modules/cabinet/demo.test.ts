import { and, eq, gte } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { Permissions, personIdByUsername } from '../identity/index.js';
import { seedIdentityDemo } from '../identity/demo.js';
import { dashboard } from './dashboard.service.js';
import { seedCabinetDemo } from './demo.js';
import {
  agendaItems,
  bodies,
  bodyMembers,
  comments,
  conclusions,
  itemSpans,
  meetings,
  minutes,
  opinions,
  papers,
  paperVersions,
  participants,
  speakers,
  tasks,
} from './schema.js';
import { search } from './search.service.js';

/** Wednesday 20 January 2027, 10:00 in Hà Nội. */
const NOW = new Date('2027-01-20T03:00:00Z');

describe('e-Cabinet demo', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({}, NOW);
  });
  afterAll(() => p.close());

  const counts = async () => ({
    meetings: (await p.db.select().from(meetings)).length,
    items: (await p.db.select().from(agendaItems)).length,
    papers: (await p.db.select().from(papers)).length,
    versions: (await p.db.select().from(paperVersions)).length,
    comments: (await p.db.select().from(comments)).length,
    opinions: (await p.db.select().from(opinions)).length,
    spans: (await p.db.select().from(itemSpans)).length,
    speakers: (await p.db.select().from(speakers)).length,
    tasks: (await p.db.select().from(tasks)).length,
  });

  it('adds the Government with its members and next month’s session, once', async () => {
    expect(await seedCabinetDemo(p)).toEqual([expect.stringContaining('skipped')]); // identity's demo first
    await seedIdentityDemo(p);
    await seedCabinetDemo(p);
    const first = await counts();
    await seedCabinetDemo(p);
    expect(await counts()).toEqual(first); // running the seed again changes nothing
    const [cp] = await p.db.select().from(bodies).where(eq(bodies.code, 'CP'));
    expect(cp).toMatchObject({ kind: 'government', ruleProfileCode: 'VN-GOV-39/2022' });
    expect(await p.db.select().from(bodyMembers).where(eq(bodyMembers.bodyId, cp!.id))).toHaveLength(5);
    const found = await p.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyId, cp!.id), gte(meetings.plannedStart, NOW)));
    expect(found).toHaveLength(1);
    const m = found[0]!;
    // Monday 1 February 2027, 08:00–11:30 in Hà Nội; papers 5 working days before.
    expect(m.plannedStart.toISOString()).toBe('2027-02-01T01:00:00.000Z');
    expect(m.plannedEnd.toISOString()).toBe('2027-02-01T04:30:00.000Z');
    expect(m).toMatchObject({ status: 'draft', invitationsSentAt: null, papersDueOn: '2027-01-25' });
    const people = await p.db.select().from(participants).where(eq(participants.meetingId, m.id));
    expect(people.map((x) => x.role).sort()).toEqual([
      'chair',
      'member',
      'member',
      'secretariat',
      'secretariat',
    ]);
  });

  it('gives the upcoming session five presented items with real PDF papers, a classified stub and discussion', async () => {
    const [m] = await p.db.select().from(meetings).where(gte(meetings.plannedStart, NOW));
    const items = await p.db
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, m!.id))
      .orderBy(agendaItems.position);
    expect(items).toHaveLength(5);
    expect(items.every((i) => i.presenterAgencyId !== null && (i.plannedMinutes ?? 0) > 0)).toBe(true);
    expect(items[1]!.presenterPersonId).toBe(await personIdByUsername(p.db, 'botruong.tuphap'));
    expect(items.map((i) => i.classification)).toEqual([
      'internal',
      'internal',
      'internal',
      'internal',
      'mat',
    ]);

    const all = await p.db.select().from(papers).where(eq(papers.meetingId, m!.id));
    expect(all).toHaveLength(6);
    const stub = all.find((x) => x.classification === 'mat')!;
    expect(stub.agendaItemId).toBe(items[4]!.id);
    expect(stub.paperCirculationNote).toMatch(/bản giấy/);
    expect(await p.db.select().from(paperVersions).where(eq(paperVersions.paperId, stub.id))).toEqual([]);
    const decree = all.find((x) => x.kind === 'draft_decree')!;
    expect(decree.title).toMatch(/^Dự thảo Nghị định/);
    for (const paper of all.filter((x) => x.classification !== 'mat')) {
      const [v] = await p.db.select().from(paperVersions).where(eq(paperVersions.paperId, paper.id));
      expect(v).toMatchObject({ version: 1, mediaType: 'application/pdf' });
      const chunks: Buffer[] = [];
      for await (const c of await p.files.open(v!.sha256)) chunks.push(c as Buffer);
      const pdf = await PDFDocument.load(Buffer.concat(chunks));
      expect(pdf.getPageCount(), paper.title).toBeGreaterThanOrEqual(2);
      expect(pdf.getPageCount(), paper.title).toBeLessThanOrEqual(3);
    }
    const said = await p.db.select().from(comments).where(eq(comments.meetingId, m!.id));
    expect(said).toHaveLength(3);
    expect(said.some((c) => c.writtenBy === null && c.parentId !== null)).toBe(true);
    expect(said.some((c) => c.writtenBy !== null)).toBe(true); // the secretary wrote for the Prime Minister
    const given = await p.db.select().from(opinions).where(eq(opinions.meetingId, m!.id));
    expect(given.map((o) => o.state)).toEqual(['submitted', 'submitted']);
  });

  it('has last month’s session held and followed up: minutes, conclusion, tasks overdue, due soon and done', async () => {
    const [past] = await p.db
      .select()
      .from(meetings)
      .where(eq(meetings.title, 'Phiên họp Chính phủ thường kỳ tháng 12/2026'));
    expect(past).toMatchObject({ status: 'concluded' });
    expect(past!.actualStart!.toISOString()).toBe('2026-12-01T01:05:00.000Z');
    expect((past!.actualEnd!.getTime() - past!.actualStart!.getTime()) / 60_000).toBe(173);
    const [min] = await p.db.select().from(minutes).where(eq(minutes.meetingId, past!.id));
    expect(min).toMatchObject({ state: 'approved' });
    expect(min!.sections.length).toBeGreaterThanOrEqual(3);
    const [notice] = await p.db.select().from(conclusions).where(eq(conclusions.meetingId, past!.id));
    expect(notice).toMatchObject({ state: 'issued', reference: '25/TB-VPCP' });
    const list = await p.db.select().from(tasks).where(eq(tasks.meetingId, past!.id));
    const today = '2027-01-20';
    const overdue = list.filter((t) => t.state !== 'done' && t.dueOn < today);
    const dueSoon = list.filter((t) => t.state !== 'done' && t.dueOn >= today);
    const done = list.filter((t) => t.state === 'done');
    expect([overdue.length, dueSoon.length, done.length]).toEqual([1, 1, 1]);
    expect(overdue[0]!.dueOn).toBe('2027-01-18'); // two working days ago
    expect(dueSoon[0]!.dueOn).toBe('2027-01-22'); // within three working days
    expect(done[0]!.completedAt!.getTime()).toBeLessThan(new Date(`${done[0]!.dueOn}T17:00:00Z`).getTime());
  });

  it('makes the search and the dashboard show something at once', async () => {
    const adminId = (await personIdByUsername(p.db, 'admin'))!;
    const [cp] = await p.db.select().from(bodies).where(eq(bodies.code, 'CP'));
    const actor = {
      personId: adminId,
      agencyId: cp!.agencyId,
      permissions: new Set([Permissions.manageMeetings]),
    };
    const found = await p.db.transaction((tx) => search(tx, actor, NOW, { q: 'nghi dinh' }));
    expect(
      found.items.some(
        (i) => i.kind === 'paper' && /Dự thảo Nghị định/.test(i.title.map((s) => s.text).join('')),
      ),
    ).toBe(true);
    const figures = await p.db.transaction((tx) =>
      dashboard(tx, actor, NOW, {
        bodyId: cp!.id,
        from: '2026-12-01',
        to: '2027-01-20',
        baselineFrom: '2025-12-01',
        baselineTo: '2025-12-31',
      }),
    );
    expect(figures.meetings).toMatchObject({ held: 1, averageMinutes: 173 });
    expect(figures.baseline).toMatchObject({ held: 1, averageMinutes: 250 });
    expect(figures.reduction).toEqual({ percent: 30.8, target: 30, met: true });
    expect(figures.items).toMatchObject({ timed: 3, over: 1 });
    expect(figures.tasks).toMatchObject({ doneOnTime: 1, overdue: 1, open: 1 });
  });
});
