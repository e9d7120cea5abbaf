import type { FastifyInstance } from 'fastify';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { auditLog } from '../../platform/audit/schema.js';
import { notifications } from '../../platform/notify/schema.js';
import { errorCodeOf } from '../../../test/support/errors.js';
import { signedIn, TEST_PASSWORD, testApp } from '../../../test/support/http.js';
import { startSmtpServer, type SmtpTestServer } from '../../../test/support/message-servers.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { ensureBuiltinRoles, ensurePerson, Permissions } from '../identity/index.js';
import { agencies, roles } from '../identity/schema.js';
import { parseIcs } from './ics.js';
import type { MeetingView } from './meetings.service.js';
import { meetings } from './schema.js';

/** Monday 4 January 2027, 09:00 in Hà Nội: six weeks before the first session after Tết 2027. */
const NOW = new Date('2027-01-04T02:00:00Z');
/** Monday 15 February 2027, 08:00–11:30 Vietnam time, the first Monday after the Tết break (5–11 Feb). */
const START = '2027-02-15T08:00:00+07:00';
const END = '2027-02-15T11:30:00+07:00';

interface Body {
  id: string;
  seats: { id: string; personId: string; role: string; voting: boolean }[];
}

describe('e-Cabinet bodies, meetings, attendance and invitations', () => {
  let smtp: SmtpTestServer;
  let p: TestPlatform;
  let app: FastifyInstance;
  const ids: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  let agencyA = '';
  let agencyB = '';
  let bodyId = '';
  let meetingId = '';

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(payload ? { payload } : {}) });
  const meeting = async (who = 'office', id = meetingId) => {
    const res = await call(who, 'GET', `/api/cabinet/meetings/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MeetingView>();
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    p = await testPlatform(
      { SMTP_URL: smtp.url, MAIL_FROM: 'CPĐT <no-reply@cpdt.gov.vn>', SIGN_IN_RATE_LIMIT_MAX: '100000' },
      NOW,
    );
    app = await testApp(p);
    const [a, b] = await p.db
      .insert(agencies)
      .values([
        { code: '000.00.00.G22', nameVi: 'Văn phòng Chính phủ', level: 'central' },
        { code: '000.00.00.H41', nameVi: 'Ủy ban nhân dân tỉnh Nghệ An', level: 'province' },
      ])
      .returning({ id: agencies.id });
    agencyA = a!.id;
    agencyB = b!.id;
    await p.db.insert(roles).values({
      code: 'cabinet_office_test',
      nameVi: 'Văn phòng (thử)',
      nameEn: 'Office (test)',
      permissions: [Permissions.manageBodies, Permissions.manageMeetings],
    });
    const people: [string, string, string[], string?][] = [
      ['office', agencyA, ['cabinet_office_test']],
      ['officeB', agencyB, ['cabinet_office_test']],
      ['chair', agencyA, ['official']],
      ['deputy', agencyA, ['official']],
      ['minister', agencyA, ['official'], 'en'],
      ['member4', agencyA, ['official']],
      ['guest', agencyA, ['official']],
      ['stand-in', agencyA, ['official']],
      ['outsider', agencyA, ['official']],
    ];
    for (const [name, agencyId, r] of people) {
      ids[name] = await p.db.transaction(async (tx) => {
        await ensureBuiltinRoles(tx);
        return ensurePerson(tx, SYSTEM_CONTEXT, {
          username: `hop-${name}`,
          displayName: `Người ${name}`,
          password: TEST_PASSWORD,
          agencyId,
          roles: r,
          email: `${name}@example.vn`,
          phone: `09123450${String(Object.keys(ids).length).padStart(2, '0')}`,
        });
      });
      cookie[name] = await signedIn(app, p, `hop-${name}`, r);
    }
    await p.db.execute(
      // The English-speaking minister reads their invitation in English.
      (await import('drizzle-orm')).sql`update identity_persons set locale = 'en' where id = ${ids.minister}`,
    );
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
    await smtp?.close();
  });

  it('creates a body under the Government profile and seats its members', async () => {
    const bad = await call('office', 'POST', '/api/admin/cabinet/bodies', {
      code: 'CP',
      nameVi: 'Chính phủ',
      kind: 'government',
      agencyId: agencyA,
      ruleProfileCode: 'VN-NONE/1900',
    });
    expect(errorCodeOf(bad)).toBe('CABINET_RULE_PROFILE_NOT_FOUND');
    const other = await call('office', 'POST', '/api/admin/cabinet/bodies', {
      code: 'UBND-NA',
      nameVi: 'UBND tỉnh Nghệ An',
      kind: 'province_pc',
      agencyId: agencyB,
      ruleProfileCode: 'VN-QD45/2018',
    });
    expect(errorCodeOf(other)).toBe('CABINET_AGENCY_OUT_OF_SCOPE');

    const created = await call('office', 'POST', '/api/admin/cabinet/bodies', {
      code: 'cp',
      nameVi: 'Chính phủ',
      nameEn: 'The Government',
      kind: 'government',
      agencyId: agencyA,
      ruleProfileCode: 'VN-GOV-39/2022',
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ code: 'CP', ruleProfileCode: 'VN-GOV-39/2022', seats: [] });
    bodyId = created.json<Body>().id;
    const dup = await call('office', 'POST', '/api/admin/cabinet/bodies', {
      code: 'CP',
      nameVi: 'Chính phủ 2',
      kind: 'government',
      agencyId: agencyA,
      ruleProfileCode: 'VN-GOV-39/2022',
    });
    expect(errorCodeOf(dup)).toBe('CABINET_BODY_CODE_DUPLICATE');

    const seat = (personId: string, role: string) =>
      call('office', 'POST', `/api/admin/cabinet/bodies/${bodyId}/seats`, {
        personId,
        role,
        validFrom: '2026-12-01',
      });
    for (const [who, role] of [
      ['chair', 'chair'],
      ['deputy', 'deputy_chair'],
      ['minister', 'member'],
      ['member4', 'member'],
      ['office', 'office_specialist'],
    ] as const)
      expect((await seat(ids[who]!, role)).statusCode).toBe(200);
    expect(errorCodeOf(await seat(ids.guest!, 'chair'))).toBe('CABINET_INPUT_INVALID'); // one chair at a time
    expect(errorCodeOf(await seat('00000000-0000-4000-8000-000000000009', 'member'))).toBe(
      'CABINET_PERSON_NOT_FOUND',
    );

    const detail = await call('chair', 'GET', `/api/cabinet/bodies/${bodyId}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json<Body & { seats: { displayName: string }[] }>();
    expect(body.seats).toHaveLength(5);
    expect(body.seats[0]).toMatchObject({
      personId: ids.chair,
      role: 'chair',
      voting: true,
      displayName: 'Người chair',
    });
    expect(body.seats.find((s) => s.personId === ids.office)).toMatchObject({ voting: false });

    // A seat that ends disappears from the current list but keeps its row.
    const extra = await seat(ids.outsider!, 'member');
    const extraSeat = extra.json<Body>().seats.find((s) => s.personId === ids.outsider)!;
    const ended = await call(
      'office',
      'POST',
      `/api/admin/cabinet/bodies/${bodyId}/seats/${extraSeat.id}/end`,
      {
        validTo: '2027-01-03',
      },
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<Body>().seats.some((s) => s.personId === ids.outsider)).toBe(false);

    const list = await call('minister', 'GET', '/api/cabinet/bodies');
    expect(list.json<{ items: { code: string }[] }>().items.map((b) => b.code)).toEqual(['CP']);
  });

  it('answers 404 for another agency’s body and 403 to an official on admin routes', async () => {
    expect((await call('officeB', 'GET', `/api/cabinet/bodies/${bodyId}`)).statusCode).toBe(404);
    const seat = await call('officeB', 'POST', `/api/admin/cabinet/bodies/${bodyId}/seats`, {
      personId: ids.officeB,
      role: 'member',
    });
    expect(errorCodeOf(seat)).toBe('CABINET_BODY_NOT_FOUND');
    expect((await call('outsider', 'POST', '/api/admin/cabinet/bodies', {})).statusCode).toBe(403);
  });

  it('creates a meeting with the profile in force, papers due across Tết and the seats as participants', async () => {
    const late = await call('office', 'POST', '/api/admin/cabinet/meetings', {
      bodyId,
      title: 'x',
      kind: 'regular',
      plannedStart: END,
      plannedEnd: START,
    });
    expect(errorCodeOf(late)).toBe('CABINET_MEETING_TIME_INVALID');
    expect(
      errorCodeOf(
        await call('office', 'POST', '/api/admin/cabinet/meetings', {
          bodyId,
          title: 'x',
          kind: 'regular',
          plannedStart: '2027-02-15T08:00:00',
          plannedEnd: END,
        }),
      ),
    ).toBe('CABINET_INPUT_INVALID'); // no zone: ambiguous
    expect(await p.db.select().from(meetings)).toHaveLength(0); // refused input changed nothing

    const res = await call('office', 'POST', '/api/admin/cabinet/meetings', {
      bodyId,
      title: 'Phiên họp Chính phủ thường kỳ tháng 1/2027',
      kind: 'regular',
      plannedStart: START,
      plannedEnd: END,
      location: 'Phòng họp số 1, Văn phòng Chính phủ; Hà Nội',
      onlineUrl: 'https://hop.example.vn/cp-2027-02',
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json<MeetingView>();
    meetingId = m.id;
    expect(m.plannedStart).toBe('2027-02-15T01:00:00.000Z'); // stored in UTC
    expect(m.status).toBe('draft');
    expect(m.revision).toBe(0);
    // 5 working days before Mon 15 Feb: Fri 12, then (Tết 5–11 Feb off) Thu 4, Wed 3, Tue 2, Mon 1 Feb.
    expect(m.papersDueOn).toBe('2027-02-01');
    expect(m.chairId).toBe(ids.chair);
    const roleOf = (who: string) => m.participants.find((x) => x.personId === ids[who]);
    expect(roleOf('chair')).toMatchObject({ role: 'chair', voting: true, attendance: 'invited' });
    expect(roleOf('deputy')).toMatchObject({ role: 'member', voting: true });
    expect(roleOf('minister')).toMatchObject({ role: 'member', voting: true, displayName: 'Người minister' });
    expect(roleOf('office')).toMatchObject({ role: 'secretariat', voting: false });
    expect(roleOf('outsider')).toBeUndefined(); // their seat ended
    expect(m.quorum).toEqual({ present: 0, seated: 4, required: 3, reached: false });
    expect(m.noticeMet).toBeNull();
  });

  it('hides the meeting from another agency and from people not invited (404)', async () => {
    for (const who of ['officeB', 'outsider']) {
      const res = await call(who, 'GET', `/api/cabinet/meetings/${meetingId}`);
      expect(errorCodeOf(res)).toBe('CABINET_MEETING_NOT_FOUND');
      const invite = await call(who, 'POST', `/api/cabinet/meetings/${meetingId}/invite`);
      expect(errorCodeOf(invite)).toBe('CABINET_MEETING_NOT_FOUND');
    }
    // A member reads it but may not prepare it.
    expect(errorCodeOf(await call('minister', 'POST', `/api/cabinet/meetings/${meetingId}/invite`))).toBe(
      'CABINET_NOT_PREPARER',
    );
    const mine = await call('minister', 'GET', '/api/cabinet/meetings');
    expect(mine.json<{ items: { id: string }[] }>().items.map((x) => x.id)).toEqual([meetingId]);
    const officeList = await call('officeB', 'GET', '/api/cabinet/meetings?view=office');
    expect(officeList.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('tracks attendance, absences decided by the chair, substitutes who do not vote, and the quorum', async () => {
    expect(
      errorCodeOf(
        await call('member4', 'POST', `/api/cabinet/meetings/${meetingId}/attendance`, { answer: 'absent' }),
      ),
    ).toBe('CABINET_INPUT_INVALID'); // a reason is required
    for (const who of ['chair', 'deputy'])
      expect(
        (await call(who, 'POST', `/api/cabinet/meetings/${meetingId}/attendance`, { answer: 'confirm' }))
          .statusCode,
      ).toBe(200);
    let m = await meeting();
    expect(m.quorum).toEqual({ present: 2, seated: 4, required: 3, reached: false });
    // Each person's list shows their own answer; the office, not invited, sees none.
    const listed = async (who: string) =>
      (await call(who, 'GET', `/api/cabinet/meetings?view=${who === 'office' ? 'office' : 'mine'}`))
        .json<{ items: { id: string; myAttendance: string | null }[] }>()
        .items.find((x) => x.id === meetingId)?.myAttendance;
    expect(await listed('chair')).toBe('confirmed');
    expect(await listed('member4')).toBe('invited');

    const absent = await call('member4', 'POST', `/api/cabinet/meetings/${meetingId}/attendance`, {
      answer: 'absent',
      reason: 'Công tác nước ngoài',
    });
    expect(absent.statusCode).toBe(200);
    expect(
      errorCodeOf(
        await call(
          'deputy',
          'POST',
          `/api/cabinet/meetings/${meetingId}/participants/${ids.member4}/absence`,
          {
            approve: true,
          },
        ),
      ),
    ).toBe('CABINET_NOT_CHAIR_OR_OFFICE');
    const approved = await call(
      'chair',
      'POST',
      `/api/cabinet/meetings/${meetingId}/participants/${ids.member4}/absence`,
      {
        approve: true,
      },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<MeetingView>().participants.find((x) => x.personId === ids.member4)).toMatchObject({
      attendance: 'absence_approved',
      absenceReason: 'Công tác nước ngoài',
      absenceDecidedBy: ids.chair,
    });

    // The member names a substitute: under VN-GOV-39/2022 the substitute attends without a vote.
    const sub = await call('member4', 'POST', `/api/cabinet/meetings/${meetingId}/substitutes`, {
      memberId: ids.member4,
      personId: ids['stand-in'],
    });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(
      errorCodeOf(
        await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/substitutes`, {
          memberId: ids.office,
          personId: ids.guest,
        }),
      ),
    ).toBe('CABINET_SUBSTITUTE_NOT_FOR_MEMBER');
    await call('stand-in', 'POST', `/api/cabinet/meetings/${meetingId}/attendance`, { answer: 'confirm' });
    m = await meeting();
    expect(m.participants.find((x) => x.personId === ids['stand-in'])).toMatchObject({
      role: 'substitute',
      voting: false,
      substituteFor: ids.member4,
      attendance: 'confirmed',
    });
    expect(m.quorum).toEqual({ present: 2, seated: 4, required: 3, reached: false }); // the substitute does not count

    await call('minister', 'POST', `/api/cabinet/meetings/${meetingId}/attendance`, { answer: 'confirm' });
    m = await meeting();
    expect(m.quorum).toEqual({ present: 3, seated: 4, required: 3, reached: true });

    const guest = await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/participants`, {
      personId: ids.guest,
    });
    expect(guest.json<MeetingView>().participants.find((x) => x.personId === ids.guest)).toMatchObject({
      role: 'guest',
      voting: false,
    });
    expect(
      errorCodeOf(
        await call('office', 'DELETE', `/api/cabinet/meetings/${meetingId}/participants/${ids.chair}`),
      ),
    ).toBe('CABINET_NOT_A_GUEST');

    const actions = await p.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, meetingId), like(auditLog.action, 'cabinet.meeting.%')));
    const done = actions.filter((a) => a.outcome === 'success').map((a) => a.action);
    expect(done).toEqual(
      expect.arrayContaining([
        'cabinet.meeting.create',
        'cabinet.meeting.attendance.confirm',
        'cabinet.meeting.absence.request',
        'cabinet.meeting.absence.approve',
        'cabinet.meeting.substitute.add',
        'cabinet.meeting.participant.add',
      ]),
    );
    expect(actions.some((a) => a.outcome === 'failure')).toBe(true); // refusals are audited too
  });

  it('sends invitations to the outbox and a real SMTP server with a valid .ics, once per revision', async () => {
    const res = await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/invite`);
    expect(res.statusCode, res.body).toBe(200);
    const participants = (await meeting()).participants.length;
    expect(res.json()).toEqual({ sent: participants, alreadySent: 0, revision: 0, noticeMet: true });
    const again = await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/invite`);
    expect(again.json()).toMatchObject({ sent: 0, alreadySent: participants });

    const stored = await p.db.select().from(notifications).where(eq(notifications.personId, ids.chair!));
    expect(stored.map((n) => n.channel).sort()).toEqual(['email', 'inapp', 'sms']);
    expect(stored.find((n) => n.channel === 'inapp')!.subject).toBe(
      'Giấy mời: Phiên họp Chính phủ thường kỳ tháng 1/2027',
    );

    await p.jobs.drain();
    const mails = smtp.messages.filter((x) => x.to.includes('chair@example.vn'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Giấy mời: Phiên họp Chính phủ thường kỳ tháng 1/2027');
    expect(mail.text).toContain('08:00 Thứ Hai, 15/02/2027'); // Vietnam time
    expect(mail.text).toContain('chậm nhất ngày 01/02/2027');
    const ics = mail.attachments.find((a) => a.filename.endsWith('.ics'))!;
    expect(ics.contentType).toContain('text/calendar');
    const raw = ics.content.toString('utf8');
    expect(raw.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const props = parseIcs(raw);
    const get = (name: string) => props.find((x) => x.name === name)?.value;
    expect(get('METHOD')).toBe('REQUEST');
    expect(get('UID')).toBe(`cabinet-meeting-${meetingId}@cpdt`);
    expect(get('SEQUENCE')).toBe('0');
    expect(get('DTSTART')).toBe('20270215T010000Z');
    expect(get('DTEND')).toBe('20270215T043000Z');
    expect(get('SUMMARY')).toBe('Phiên họp Chính phủ thường kỳ tháng 1/2027');
    expect(get('LOCATION')).toBe('Phòng họp số 1, Văn phòng Chính phủ; Hà Nội'); // escaped , and ; came back
    expect(props.find((x) => x.name === 'ATTENDEE')?.value).toBe('mailto:chair@example.vn');

    const english = smtp.messages.find((x) => x.to.includes('minister@example.vn'))!;
    expect(english.subject).toBe('Invitation: Phiên họp Chính phủ thường kỳ tháng 1/2027');

    const m = await meeting();
    expect(m.status).toBe('invited');
    expect(m.noticeMet).toBe(true);
    const [audited] = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, meetingId), eq(auditLog.action, 'cabinet.meeting.invite')));
    expect(audited).toBeDefined();
  });

  it('sends an update with a higher SEQUENCE after a change, refuses a stale revision, and cancels', async () => {
    const stale = await call('office', 'PATCH', `/api/cabinet/meetings/${meetingId}`, {
      revision: 5,
      location: 'X',
    });
    expect(errorCodeOf(stale)).toBe('CABINET_MEETING_CHANGED');
    const moved = await call('office', 'PATCH', `/api/cabinet/meetings/${meetingId}`, {
      revision: 0,
      plannedStart: '2027-02-16T08:00:00+07:00',
      plannedEnd: '2027-02-16T11:00:00+07:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<MeetingView>()).toMatchObject({ revision: 1, papersDueOn: '2027-02-02' });

    smtp.messages.length = 0;
    const res = await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/invite`);
    expect(res.json()).toMatchObject({ revision: 1, alreadySent: 0 });
    await p.jobs.drain();
    const update = smtp.messages.find((x) => x.to.includes('chair@example.vn'))!;
    expect(update.subject).toBe('[Cập nhật] Giấy mời: Phiên họp Chính phủ thường kỳ tháng 1/2027');
    const props = parseIcs(update.attachments[0]!.content.toString('utf8'));
    expect(props.find((x) => x.name === 'SEQUENCE')?.value).toBe('1');
    expect(props.find((x) => x.name === 'UID')?.value).toBe(`cabinet-meeting-${meetingId}@cpdt`);
    expect(props.find((x) => x.name === 'DTSTART')?.value).toBe('20270216T010000Z');

    smtp.messages.length = 0;
    expect(
      errorCodeOf(
        await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/cancel`, {
          revision: 1,
          reason: '',
        }),
      ),
    ).toBe('CABINET_INPUT_INVALID');
    const cancelled = await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/cancel`, {
      revision: 1,
      reason: 'Lùi sang phiên họp tháng 3',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<MeetingView>()).toMatchObject({ status: 'cancelled', revision: 2 });
    await p.jobs.drain();
    const cancel = smtp.messages.find((x) => x.to.includes('chair@example.vn'))!;
    expect(cancel.subject).toBe('Huỷ phiên họp: Phiên họp Chính phủ thường kỳ tháng 1/2027');
    const c = parseIcs(cancel.attachments[0]!.content.toString('utf8'));
    expect(c.find((x) => x.name === 'METHOD')?.value).toBe('CANCEL');
    expect(c.find((x) => x.name === 'SEQUENCE')?.value).toBe('2');
    expect(c.find((x) => x.name === 'STATUS')?.value).toBe('CANCELLED');
    expect(errorCodeOf(await call('office', 'POST', `/api/cabinet/meetings/${meetingId}/invite`))).toBe(
      'CABINET_MEETING_CLOSED',
    );
  });

  it('says when invitations went out after the papers-due day', async () => {
    p.clock.set(new Date('2027-02-10T02:00:00Z')); // during Tết, after 1 Feb
    cookie.office = await signedIn(app, p, 'hop-office', ['cabinet_office_test']); // the old session idled out
    const res = await call('office', 'POST', '/api/admin/cabinet/meetings', {
      bodyId,
      title: 'Phiên họp chuyên đề',
      kind: 'thematic',
      plannedStart: START,
      plannedEnd: END,
    });
    const id = res.json<MeetingView>().id;
    const sent = await call('office', 'POST', `/api/cabinet/meetings/${id}/invite`);
    expect(sent.json()).toMatchObject({ noticeMet: false });
    expect((await meeting('office', id)).noticeMet).toBe(false);
  });
});
