import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/index.js';
import { notifications } from '../../platform/notify/schema.js';
import { agencies, persons } from '../identity/schema.js';
import { conclusions, taskAlerts, tasks } from './schema.js';
import { clip, notifyAssigned } from './tasks.notify.js';
import { runTaskAlerts, TASK_ALERTS_QUEUE } from './tasks.jobs.js';
import { as, followUpWorld, type FollowUpWorld, type Who } from './tasks.test-helpers.js';

const vn = (iso: string) => new Date(`${iso}T09:00:00+07:00`);

describe('task reminders and escalations', () => {
  let w: FollowUpWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await followUpWorld();
    const url = `/api/cabinet/meetings/${w.meetingId}/conclusion`;
    await as(w, 'officeA').put(url, { title: 'Kết luận phiên họp thường kỳ tháng 3' });
    const add = async (key: string, dueOn: string, person: Who | null) => {
      const res = await as(w, 'officeA').post(`${url}/tasks`, {
        title: key,
        assigneeAgencyId: w.agencyC,
        assigneePersonId: person ? w.ids[person] : null,
        dueOn,
      });
      ids[key] = res.json<{ id: string }>().id;
    };
    await add('Hoàn thiện đề án chuyển đổi số', '2026-03-20', 'director');
    await add('Tổng hợp ý kiến các sở', '2026-03-20', null);
    await add('Báo cáo đã xong', '2026-03-20', 'deputy');
    const { revision } = (await as(w, 'officeA').get(url)).json<{ conclusion: { revision: number } }>()
      .conclusion;
    await as(w, 'officeA').post(`${url}/issue`, { reference: '30/TB-UBND', revision });
    await as(w, 'deputy').post(`/api/cabinet/tasks/${ids['Báo cáo đã xong']}/reports`, {
      state: 'done',
      progress: 100,
    });
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  /** Runs the job twice (it may run any number of times) and returns the alerts sent so far per task. */
  const runAt = async (day: string) => {
    w.p.clock.set(vn(day));
    await runTaskAlerts(w.p);
    await runTaskAlerts(w.p);
    const rows = await w.p.db.select().from(taskAlerts);
    const of = (key: string) =>
      rows
        .filter((r) => r.taskId === ids[key])
        .map((r) => r.kind)
        .sort();
    return {
      director: of('Hoàn thiện đề án chuyển đổi số'),
      agency: of('Tổng hợp ý kiến các sở'),
      done: of('Báo cáo đã xong'),
    };
  };
  /** Who received alerts of this kind for the director's task, one line per person, channels sorted. */
  const recipients = async (kind: string) => {
    const rows = (
      await w.p.db.select().from(notifications).where(eq(notifications.template, 'cabinet.task.alert'))
    ).filter((n) =>
      n.dedupeKey?.startsWith(`cabinet.task:${ids['Hoàn thiện đề án chuyển đổi số']}:${kind}:`),
    );
    const byPerson = new Map<string, string[]>();
    for (const n of rows)
      byPerson.set(n.recipientName!, [...(byPerson.get(n.recipientName!) ?? []), n.channel].sort());
    return Object.fromEntries([...byPerson].sort());
  };
  const channels = ['email', 'inapp', 'sms'];

  it('stays quiet while the due day is far', async () => {
    expect(await runAt('2026-03-16')).toEqual({ director: [], agency: [], done: [] });
  });

  it('reminds the assignee 3 working days before, then on the due day, each once', async () => {
    // Tuesday 17/3: Wed, Thu, Fri left.
    expect(await runAt('2026-03-17')).toEqual({ director: ['due_soon'], agency: ['due_soon'], done: [] });
    expect(await recipients('due_soon')).toEqual({ 'Phạm Thị Hồng Nhung': channels });
    expect(await runAt('2026-03-18')).toEqual({ director: ['due_soon'], agency: ['due_soon'], done: [] });
    expect(await runAt('2026-03-20')).toEqual({
      director: ['due_soon', 'due_today'],
      agency: ['due_soon', 'due_today'],
      done: [],
    });
    expect(await recipients('due_today')).toEqual({ 'Phạm Thị Hồng Nhung': channels });
  });

  it('warns the assignee and their secretary from the first working day overdue', async () => {
    expect((await runAt('2026-03-21')).director).toEqual(['due_soon', 'due_today']); // Saturday
    expect((await runAt('2026-03-23')).director).toEqual(['due_soon', 'due_today', 'overdue']);
    expect(await recipients('overdue')).toEqual({
      'Bùi Thị Giúp Việc': channels,
      'Phạm Thị Hồng Nhung': channels,
    });
  });

  it('escalates to the follow-up officer after 5 working days overdue, once however often the job runs', async () => {
    expect((await runAt('2026-03-26')).director).toEqual(['due_soon', 'due_today', 'overdue']);
    const after = await runAt('2026-03-27');
    expect(after.director).toEqual(['due_soon', 'due_today', 'overdue', 'overdue_escalated']);
    expect(await recipients('overdue_escalated')).toEqual({
      'Bùi Thị Giúp Việc': channels,
      'Lê Thị Văn Phòng': channels,
      'Phạm Thị Hồng Nhung': channels,
    });
    const [mail] = (
      await w.p.db.select().from(notifications).where(eq(notifications.template, 'cabinet.task.alert'))
    ).filter(
      (n) =>
        n.dedupeKey?.includes(':overdue_escalated:') && n.channel === 'email' && n.personId === w.ids.officeA,
    );
    expect(mail!.subject).toBe('Cảnh báo mức cao: nhiệm vụ quá hạn kéo dài: Hoàn thiện đề án chuyển đổi số');
    expect(mail!.body).toContain('đã quá hạn 5 ngày làm việc');
    // A task assigned to an agency alone: its alerts go to the follow-up officer, so someone chases it.
    expect(after.agency).toEqual(['due_soon', 'due_today', 'overdue', 'overdue_escalated']);
    expect(after.done).toEqual([]);

    const before = (await w.p.db.select().from(notifications)).length;
    await runAt('2026-04-10');
    await w.p.jobs.enqueue(w.p.db, TASK_ALERTS_QUEUE, {});
    await w.p.jobs.drain();
    expect((await w.p.db.select().from(notifications)).length).toBe(before);
    const audits = await w.p.db.select().from(auditLog).where(eq(auditLog.action, 'cabinet.task.alert'));
    expect(audits).toHaveLength(8);
  });

  it('clips a very long assignee (name of 200, agency of 300) so the message still goes out', async () => {
    await w.p.db
      .update(persons)
      .set({ displayName: 'Nguyễn'.padEnd(200, 'n') })
      .where(eq(persons.id, w.ids.director));
    await w.p.db
      .update(agencies)
      .set({ nameVi: 'Sở'.padEnd(300, 'a') })
      .where(eq(agencies.id, w.agencyC));
    const [task] = await w.p.db.select().from(tasks).where(eq(tasks.id, ids['Tổng hợp ý kiến các sở']!));
    const [conclusion] = await w.p.db
      .select()
      .from(conclusions)
      .where(eq(conclusions.id, task!.conclusionId));
    const ctx = { actorId: 'system', agencyId: null, ip: null, requestId: null };
    // Given to the director now: a message not sent before (its own dedupe key).
    const assigned = { ...task!, assigneePersonId: w.ids.director };
    await w.p.db.transaction((tx) =>
      notifyAssigned(tx, w.p, { audit: ctx }, assigned, conclusion!, { id: w.meetingId, title: 'Phiên họp' }),
    );
    const sent = (
      await w.p.db.select().from(notifications).where(eq(notifications.template, 'cabinet.task.assigned'))
    ).filter((n) => n.dedupeKey?.startsWith(`cabinet.task:${task!.id}:assigned:${w.ids.director}`));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]!.body).toContain('…');
    expect(clip('ab', 2)).toBe('ab');
    expect(clip('abc', 2)).toBe('a…');
    expect(clip('a😀b', 3)).toBe('a…');
  });
});
