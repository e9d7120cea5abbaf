import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { auditLog } from '../../platform/audit/index.js';
import { taskReports } from './schema.js';
import { as, followUpWorld, moveClock, type FollowUpWorld, type Who } from './tasks.test-helpers.js';

interface Task {
  id: string;
  title: string;
  state: string;
  progress: number;
  standing: string;
  workingDaysLeft: number;
  completedAt: string | null;
}
interface Detail extends Task {
  reports: { person: { displayName: string }; state: string; progress: number; note: string }[];
  mayReport: boolean;
  mayCancel: boolean;
}
interface List {
  items: Task[];
  counts: Record<string, number>;
}

const vn = (iso: string) => new Date(`${iso}T09:00:00+07:00`);

describe('tasks of a conclusion notice', () => {
  let w: FollowUpWorld;
  const ids: Record<string, string> = {};
  const conclusion = () => `/api/cabinet/meetings/${w.meetingId}/conclusion`;
  const list = async (who: Who, view: string, filter = 'open') => {
    const res = await as(w, who).get(`/api/cabinet/tasks?view=${view}&filter=${filter}`);
    return res.statusCode === 200 ? res.json<List>() : errorCodeOf(res);
  };
  const titles = (l: List | string) => (typeof l === 'string' ? l : l.items.map((t) => t.title));
  const report = (who: Who, key: string, payload: object) =>
    as(w, who).post(`/api/cabinet/tasks/${ids[key]}/reports`, payload);

  beforeAll(async () => {
    w = await followUpWorld();
    await as(w, 'officeA').put(conclusion(), { title: 'Kết luận phiên họp thường kỳ tháng 3' });
    const add = async (key: string, dueOn: string, person: Who | null) => {
      const res = await as(w, 'officeA').post(`${conclusion()}/tasks`, {
        title: key,
        assigneeAgencyId: w.agencyC,
        assigneePersonId: person ? w.ids[person] : null,
        dueOn,
      });
      ids[key] = res.json<Task>().id;
    };
    await add('T1 báo cáo', '2026-03-12', 'director');
    await add('T2 của sở', '2026-03-31', null);
    await add('T4 dự thảo', '2026-03-17', 'director');
    await add('T5 rà soát', '2026-03-20', 'deputy');
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  it('are hidden from assignees while the notice is a draft', async () => {
    expect(errorCodeOf(await as(w, 'director').get(`/api/cabinet/tasks/${ids['T1 báo cáo']}`))).toBe(
      'CABINET_TASK_NOT_FOUND',
    );
    expect(titles(await list('director', 'mine'))).toEqual([]);
    expect((await as(w, 'officeA').get(`/api/cabinet/tasks/${ids['T1 báo cáo']}`)).statusCode).toBe(200);
    const { revision } = (await as(w, 'officeA').get(conclusion())).json<{
      conclusion: { revision: number };
    }>().conclusion;
    await as(w, 'officeA').post(`${conclusion()}/issue`, { reference: '25/TB-UBND', revision });
  });

  it('are shown to the assignee, their secretary and their agency office; strangers are told nothing', async () => {
    expect(titles(await list('director', 'mine'))).toEqual(['T1 báo cáo', 'T4 dự thảo']);
    expect(titles(await list('secretary', 'mine'))).toEqual(['T1 báo cáo', 'T4 dự thảo']);
    expect(titles(await list('officeC', 'mine'))).toEqual([
      'T1 báo cáo',
      'T4 dự thảo',
      'T5 rà soát',
      'T2 của sở',
    ]);
    expect(titles(await list('outsider', 'mine'))).toEqual([]);
    for (const who of ['outsider', 'officeB', 'member', 'deputy'] as const) {
      const res = await as(w, who).get(`/api/cabinet/tasks/${ids['T1 báo cáo']}`);
      expect(errorCodeOf(res), who).toBe('CABINET_TASK_NOT_FOUND');
      expect(errorCodeOf(await report(who, 'T1 báo cáo', { state: 'done', progress: 100 })), who).toBe(
        'CABINET_TASK_NOT_FOUND',
      );
    }
    expect(errorCodeOf(await as(w, 'director').get('/api/cabinet/tasks/not-a-uuid'))).toBe(
      'CABINET_TASK_NOT_FOUND',
    );
    const seen = (await as(w, 'secretary').get(`/api/cabinet/tasks/${ids['T1 báo cáo']}`)).json<Detail>();
    expect(seen).toMatchObject({
      mayReport: true,
      mayCancel: false,
      standing: 'due_soon',
      workingDaysLeft: 2,
    });
  });

  it('take progress reports from assignees, kept as history; done records the completion', async () => {
    const started = await report('director', 'T1 báo cáo', {
      state: 'in_progress',
      progress: 40,
      note: 'Đang lấy ý kiến',
    });
    expect(started.statusCode).toBe(201);
    expect(started.json<Detail>()).toMatchObject({ state: 'in_progress', progress: 40, completedAt: null });
    const bySecretary = await report('secretary', 'T5 rà soát', { state: 'in_progress', progress: 10 });
    expect(errorCodeOf(bySecretary)).toBe('CABINET_TASK_NOT_FOUND'); // T5 is the deputy's, not the director's
    w.p.clock.advance(60_000);
    const done = await report('officeC', 'T1 báo cáo', {
      state: 'done',
      progress: 90,
      note: 'Đã gửi báo cáo',
    });
    const d = done.json<Detail>();
    expect(d).toMatchObject({ state: 'done', progress: 100, standing: 'done' });
    expect(d.completedAt).toBe(w.p.clock.now().toISOString());
    expect(d.reports.map((r) => [r.person.displayName, r.state, r.progress, r.note])).toEqual([
      ['Đặng Văn Tổng Hợp', 'done', 100, 'Đã gửi báo cáo'],
      ['Phạm Thị Hồng Nhung', 'in_progress', 40, 'Đang lấy ý kiến'],
    ]);
    for (const bad of [
      { state: 'in_progress', progress: 101 },
      { state: 'in_progress', progress: -1 },
      { state: 'in_progress', progress: 5, note: 'x'.repeat(5001) },
    ]) {
      const res = await report('director', 'T4 dự thảo', bad);
      expect(errorCodeOf(res)).toBe('CABINET_TASK_REPORT_INVALID');
    }
    expect(errorCodeOf(await report('director', 'T4 dự thảo', { state: 'cancelled', progress: 0 }))).toBe(
      'CABINET_TASK_NOT_ASSIGNEE',
    );
    const cancelled = await report('officeA', 'T5 rà soát', {
      state: 'cancelled',
      progress: 0,
      note: 'Không còn cần',
    });
    expect(cancelled.json<Detail>()).toMatchObject({ state: 'cancelled', mayReport: false });
    expect(errorCodeOf(await report('deputy', 'T5 rà soát', { state: 'in_progress', progress: 5 }))).toBe(
      'CABINET_TASK_CLOSED',
    );
    expect(await w.p.db.select().from(taskReports)).toHaveLength(3);
    const audits = await w.p.db.select().from(auditLog).where(eq(auditLog.action, 'cabinet.task.report'));
    expect(audits.filter((a) => a.outcome === 'success')).toHaveLength(3);
    expect(audits.filter((a) => a.outcome === 'failure').length).toBeGreaterThan(0);
  });

  it('fill the follow-up board of officers in scope, by filter', async () => {
    // Friday 13/3: T1 done, T4 due Tuesday 17 (2 working days left), T2 due 31/3.
    await moveClock(w, vn('2026-03-13'));
    expect(await list('director', 'board')).toBe('CABINET_TASK_BOARD_FORBIDDEN');
    expect(titles(await list('officeB', 'board'))).toEqual([]);
    const open = await list('officeA', 'board', 'open');
    expect(titles(open)).toEqual(['T4 dự thảo', 'T2 của sở']);
    expect(typeof open !== 'string' && open.counts).toEqual({
      open: 2,
      due_soon: 1,
      overdue: 0,
      done: 1,
      all: 4,
    });
    expect(titles(await list('officeA', 'board', 'due_soon'))).toEqual(['T4 dự thảo']);
    expect(titles(await list('officeA', 'board', 'done'))).toEqual(['T1 báo cáo']);
    expect(titles(await list('officeA', 'board', 'overdue'))).toEqual([]);

    // Wednesday 18/3: T4 is one working day overdue.
    await moveClock(w, vn('2026-03-18'));
    const overdue = await list('officeA', 'board', 'overdue');
    expect(
      typeof overdue !== 'string' && overdue.items.map((t) => [t.title, t.standing, t.workingDaysLeft]),
    ).toEqual([['T4 dự thảo', 'overdue', -1]]);
    expect(titles(await list('director', 'mine', 'overdue'))).toEqual(['T4 dự thảo']);
    expect(titles(await list('director', 'mine', 'all'))).toEqual(['T1 báo cáo', 'T4 dự thảo']);
    const bad = await as(w, 'officeA').get('/api/cabinet/tasks?view=board&filter=late');
    expect(bad.statusCode).toBe(400);
  });
});
