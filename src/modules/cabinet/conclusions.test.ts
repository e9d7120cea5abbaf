import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { auditLog } from '../../platform/audit/index.js';
import { notifications } from '../../platform/notify/schema.js';
import { conclusions, meetings } from './schema.js';
import { as, followUpWorld, moveClock, type FollowUpWorld } from './tasks.test-helpers.js';

interface Task {
  id: string;
  title: string;
  dueOn: string;
  standing: string;
  workingDaysLeft: number;
  assigneeAgency: { nameVi: string };
  assigneePerson: { displayName: string } | null;
}
interface Conclusion {
  id: string;
  state: 'draft' | 'issued';
  reference: string | null;
  dueOn: string;
  workingDaysLeft: number;
  revision: number;
  followUpOfficer: { id: string } | null;
  tasks: Task[];
}
interface Page {
  dueOn: string | null;
  workingDaysLeft: number | null;
  mayEdit: boolean;
  conclusion: Conclusion | null;
}

/** Thursday 4 February 2027, 10:00 in Hà Nội: the last working day before Tết Đinh Mùi (5–11/2/2027 off). */
const BEFORE_TET = new Date('2027-02-04T03:00:00Z');
const vn = (iso: string) => new Date(`${iso}T09:00:00+07:00`);

describe('the conclusion notice', () => {
  let w: FollowUpWorld;
  const url = () => `/api/cabinet/meetings/${w.meetingId}/conclusion`;
  beforeAll(async () => {
    w = await followUpWorld();
    // The meeting took place on the last morning before the Tết break.
    await w.p.db
      .update(meetings)
      .set({
        plannedStart: new Date('2027-02-04T01:00:00Z'),
        plannedEnd: new Date('2027-02-04T04:00:00Z'),
        actualStart: new Date('2027-02-04T01:00:00Z'),
        actualEnd: new Date('2027-02-04T02:50:00Z'),
      })
      .where(eq(meetings.id, w.meetingId));
    await moveClock(w, BEFORE_TET);
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  it('is due 5 working days after the meeting, counted across Tết, with a countdown', async () => {
    const before = (await as(w, 'officeA').get(url())).json<Page>();
    expect(before).toEqual({
      dueOn: '2027-02-18',
      workingDaysLeft: 5,
      mayEdit: true,
      mayAssign: false,
      conclusion: null,
    });

    const created = await as(w, 'officeA').put(url(), {
      title: 'Kết luận của Chủ tịch tại phiên họp thường kỳ',
      body: 'Chủ tịch kết luận như sau…',
    });
    expect(created.statusCode).toBe(200);
    const c = created.json<Conclusion>();
    expect(c).toMatchObject({ state: 'draft', dueOn: '2027-02-18', workingDaysLeft: 5, revision: 0 });
    // The office member who drafts it holds the follow-up permission: they follow it up.
    expect(c.followUpOfficer!.id).toBe(w.ids.officeA);

    // Friday 12/2, the first working day after the break: Fri 12, Mon 15 … Thu 18 — 4 working days left.
    await moveClock(w, vn('2027-02-12'));
    expect((await as(w, 'officeA').get(url())).json<Page>().conclusion!.workingDaysLeft).toBe(4);
    await moveClock(w, vn('2027-02-19'));
    const late = (await as(w, 'officeA').get(url())).json<Page>();
    expect(late.workingDaysLeft).toBe(-1);
    expect(late.conclusion!.workingDaysLeft).toBe(-1);
  });

  it('is drafted by the office only, after the meeting, and hidden from participants while a draft', async () => {
    expect((await as(w, 'member').get(url())).json<Page>()).toMatchObject({
      conclusion: null,
      mayEdit: false,
    });
    expect(errorCodeOf(await as(w, 'member').put(url(), { title: 'x' }))).toBe('CABINET_NOT_PREPARER');
    expect(errorCodeOf(await as(w, 'outsider').get(url()))).toBe('CABINET_MEETING_NOT_FOUND');
    expect(errorCodeOf(await as(w, 'officeB').put(url(), { title: 'x' }))).toBe('CABINET_MEETING_NOT_FOUND');
    expect(errorCodeOf(await as(w, 'officeA').put(url(), { title: '  ' }))).toBe(
      'CABINET_CONCLUSION_INVALID',
    );
    const stale = await as(w, 'officeA').put(url(), { title: 'Bản khác', revision: 7 });
    expect(errorCodeOf(stale)).toBe('CABINET_CONCLUSION_CHANGED');
    const edited = await as(w, 'officeA').put(url(), {
      title: 'Kết luận của Chủ tịch UBND tỉnh tại phiên họp thường kỳ tháng 2',
      revision: 0,
    });
    expect(edited.json<Conclusion>().revision).toBe(1);
    const draftB = `/api/cabinet/meetings/${w.meetingB}/conclusion`;
    await w.p.db.update(meetings).set({ status: 'invited' }).where(eq(meetings.id, w.meetingB));
    expect(errorCodeOf(await as(w, 'officeB').put(draftB, { title: 'Quá sớm' }))).toBe(
      'CABINET_MEETING_NOT_ENDED',
    );
  });

  it('gets tasks: an agency (required), a person, a working due day not in the past', async () => {
    const add = (payload: object, who: 'officeA' | 'member' = 'officeA') =>
      as(w, who).post(`${url()}/tasks`, {
        title: 'Hoàn thiện dự thảo Nghị quyết',
        assigneeAgencyId: w.agencyC,
        dueOn: '2027-03-05',
        ...payload,
      });
    for (const [payload, field] of [
      [{ assigneeAgencyId: '00000000-0000-4000-8000-000000000000' }, 'assigneeAgencyId'],
      [{ assigneePersonId: '00000000-0000-4000-8000-000000000000' }, 'assigneePersonId'],
      [{ dueOn: '2027-03-06' }, 'dueOn'], // a Saturday
      [{ dueOn: '2027-02-18' }, 'dueOn'], // in the past
      [{ dueOn: '2027-02-31' }, 'dueOn'],
      [{ title: '' }, 'title'],
      [{ agendaItemId: '00000000-0000-4000-8000-000000000000' }, 'agendaItemId'],
    ] as const) {
      const res = await add(payload);
      expect(errorCodeOf(res), field).toBe('CABINET_TASK_INVALID');
    }
    expect(errorCodeOf(await add({}, 'member'))).toBe('CABINET_NOT_PREPARER');
    const ok = await add({
      assigneePersonId: w.ids.director,
      agendaItemId: w.itemIds[0],
      detail: 'Trình UBND tỉnh',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<Task>()).toMatchObject({
      dueOn: '2027-03-05',
      standing: 'on_time',
      assigneeAgency: { nameVi: 'Bộ Tư pháp' },
      assigneePerson: { displayName: 'Phạm Thị Hồng Nhung' },
    });
    expect((await as(w, 'officeA').get(url())).json<Page>().conclusion!.tasks).toHaveLength(1);
    // Nobody is told of a task on a draft notice.
    const told = await w.p.db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'cabinet.task.assigned'));
    expect(told).toHaveLength(0);
  });

  it('is issued with its reference: participants and assignees are told, the meeting is concluded', async () => {
    const revision = (await as(w, 'officeA').get(url())).json<Page>().conclusion!.revision;
    expect(errorCodeOf(await as(w, 'officeA').post(`${url()}/issue`, { reference: '  ', revision }))).toBe(
      'CABINET_CONCLUSION_REFERENCE_REQUIRED',
    );
    expect(
      errorCodeOf(await as(w, 'member').post(`${url()}/issue`, { reference: '12/TB-UBND', revision })),
    ).toBe('CABINET_NOT_PREPARER');
    // Without the revision read, or with a stale one, nothing is issued.
    for (const stale of [{}, { revision: revision - 1 }])
      expect(
        errorCodeOf(await as(w, 'officeA').post(`${url()}/issue`, { reference: '12/TB-UBND', ...stale })),
      ).toBe('CABINET_CONCLUSION_CHANGED');
    const issued = await as(w, 'officeA').post(`${url()}/issue`, { reference: '12/TB-UBND', revision });
    expect(issued.statusCode).toBe(200);
    expect(issued.json<Conclusion>()).toMatchObject({ state: 'issued', reference: '12/TB-UBND' });
    const [m] = await w.p.db.select().from(meetings).where(eq(meetings.id, w.meetingId));
    expect(m!.status).toBe('concluded');

    const notices = await w.p.db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'cabinet.conclusion.issued'));
    // Five participants, by e-mail, SMS and in-app.
    expect(notices).toHaveLength(15);
    expect(new Set(notices.map((n) => n.channel))).toEqual(new Set(['email', 'sms', 'inapp']));
    const mail = notices.find((n) => n.personId === w.ids.member && n.channel === 'email')!;
    expect(mail.subject).toBe('Thông báo kết luận 12/TB-UBND');
    const assigned = await w.p.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.template, 'cabinet.task.assigned'), eq(notifications.personId, w.ids.director)),
      );
    expect(assigned).toHaveLength(3);

    // Participants read it now; it no longer changes.
    const read = (await as(w, 'member').get(url())).json<Page>();
    expect(read.conclusion!.state).toBe('issued');
    expect(read.mayEdit).toBe(false);
    expect(errorCodeOf(await as(w, 'officeA').put(url(), { title: 'Sửa sau ban hành' }))).toBe(
      'CABINET_CONCLUSION_ISSUED',
    );
    expect(errorCodeOf(await as(w, 'officeA').post(`${url()}/issue`, { reference: '13/TB-UBND' }))).toBe(
      'CABINET_CONCLUSION_ISSUED',
    );
    // A task added later is announced to its assignee at once.
    const later = await as(w, 'officeA').post(`${url()}/tasks`, {
      title: 'Báo cáo kết quả giải ngân',
      assigneeAgencyId: w.agencyC,
      assigneePersonId: w.ids.deputy,
      dueOn: '2027-03-10',
    });
    expect(later.statusCode).toBe(201);
    const deputyTold = await w.p.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.template, 'cabinet.task.assigned'), eq(notifications.personId, w.ids.deputy)),
      );
    expect(deputyTold).toHaveLength(3);
    expect(deputyTold.find((n) => n.channel === 'sms')!.body).toContain('hạn 10/03/2027');
  });

  it('audits every change', async () => {
    const [c] = await w.p.db.select().from(conclusions).where(eq(conclusions.meetingId, w.meetingId));
    const actions = (await w.p.db.select().from(auditLog).where(eq(auditLog.objectId, c!.id)))
      .filter((r) => r.outcome === 'success')
      .map((r) => r.action);
    expect(actions).toEqual([
      'cabinet.conclusion.create',
      'cabinet.conclusion.edit',
      'cabinet.conclusion.issue',
    ]);
    const taskAudits = await w.p.db.select().from(auditLog).where(eq(auditLog.action, 'cabinet.task.create'));
    expect(taskAudits.filter((r) => r.outcome === 'success')).toHaveLength(2);
  });
});
