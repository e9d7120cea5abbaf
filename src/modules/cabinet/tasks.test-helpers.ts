/**
 * Test fixtures for the minutes, conclusion and task tests: a province (A) whose People's Committee met and
 * a department (C) that receives tasks, another province (B) as the stranger's office. The meeting has been
 * played: rows of attendance, agenda, speakers and opinions are inserted directly, as the live room writes
 * them. People carry Vietnamese names so the PDF's text can be checked.
 */
import { insertRuleProfile } from '../../../test/support/cabinet.js';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { signedIn, TEST_PASSWORD, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { ensureBuiltinRoles, ensurePerson } from '../identity/index.js';
import { agencies, delegations } from '../identity/schema.js';
import { agendaItems, bodies, bodyMembers, meetings, opinions, participants, speakers } from './schema.js';

/** Tuesday 10 March 2026, 12:00 in Hà Nội: the meeting (08:00–11:30) has just ended. */
export const AFTER_MEETING = new Date('2026-03-10T05:00:00Z');

const PEOPLE = {
  officeA: { name: 'Lê Thị Văn Phòng', agency: 'A', roles: ['meeting_office'] },
  officeB: { name: 'Đỗ Văn Ngoài Tỉnh', agency: 'B', roles: ['meeting_office'] },
  chair: { name: 'Nguyễn Đức Chủ Tịch', agency: 'A', roles: ['official'] },
  member: { name: 'Trần Quốc Việt', agency: 'A', roles: ['official'] },
  director: { name: 'Phạm Thị Hồng Nhung', agency: 'C', roles: ['official'] },
  deputy: { name: 'Vũ Minh Đức', agency: 'C', roles: ['official'] },
  clerk: { name: 'Hoàng Thu Thư Ký', agency: 'A', roles: ['official'] },
  secretary: { name: 'Bùi Thị Giúp Việc', agency: 'C', roles: ['official'] },
  officeC: { name: 'Đặng Văn Tổng Hợp', agency: 'C', roles: ['meeting_office'] },
  outsider: { name: 'Cao Văn Người Lạ', agency: 'A', roles: ['official'] },
} as const;

export type Who = keyof typeof PEOPLE;

export interface FollowUpWorld {
  p: TestPlatform;
  app: FastifyInstance;
  meetingId: string;
  meetingB: string;
  itemIds: [string, string];
  agencyA: string;
  agencyC: string;
  ids: Record<Who, string>;
  cookies: Record<Who, string>;
}

const username = (who: Who) => `fu-${who.toLowerCase()}`;

export async function followUpWorld(): Promise<FollowUpWorld> {
  const p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '100000' }, AFTER_MEETING);
  const app = await testApp(p);
  const [a, b, c] = await p.db
    .insert(agencies)
    .values([
      { code: '000.00.00.H41', nameVi: 'Ủy ban nhân dân tỉnh Nghệ An', level: 'province' },
      { code: '000.00.00.H24', nameVi: 'Ủy ban nhân dân thành phố Hà Nội', level: 'province' },
      { code: '000.00.00.G12', nameVi: 'Bộ Tư pháp', level: 'central' },
    ])
    .returning({ id: agencies.id });
  const agencyOf = { A: a!.id, B: b!.id, C: c!.id };
  const ids = {} as Record<Who, string>;
  for (const [who, d] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    ids[who] = await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      return ensurePerson(tx, SYSTEM_CONTEXT, {
        username: username(who),
        displayName: d.name,
        password: TEST_PASSWORD,
        email: `${username(who)}@example.gov.vn`,
        phone: `091${String(Object.keys(PEOPLE).indexOf(who)).padStart(7, '0')}`,
        agencyId: agencyOf[d.agency],
        roles: [...d.roles],
      });
    });
  }
  // The director's secretary: told when the director's tasks are overdue.
  await p.db.insert(delegations).values({
    principalId: ids.director,
    delegateId: ids.secretary,
    validFrom: '2026-01-01',
  });
  const profileId = await insertRuleProfile(p.db, 'FU-PROFILE');
  const meeting = async (agencyId: string, code: string, chairId: string) => {
    const [body] = await p.db
      .insert(bodies)
      .values({ code, nameVi: `UBND ${code}`, kind: 'province_pc', agencyId, ruleProfileCode: 'FU-PROFILE' })
      .returning({ id: bodies.id });
    const [m] = await p.db
      .insert(meetings)
      .values({
        bodyId: body!.id,
        ruleProfileId: profileId,
        title: `Phiên họp thường kỳ tháng 3 (${code})`,
        kind: 'regular',
        status: 'ended',
        plannedStart: new Date('2026-03-10T01:00:00Z'),
        plannedEnd: new Date('2026-03-10T04:30:00Z'),
        actualStart: new Date('2026-03-10T01:05:00Z'),
        actualEnd: new Date('2026-03-10T04:25:00Z'),
        location: 'Phòng họp số 1',
        chairId,
        papersDueOn: '2026-03-05',
        createdBy: chairId,
      })
      .returning({ id: meetings.id });
    return { meetingId: m!.id, bodyId: body!.id };
  };
  const { meetingId, bodyId } = await meeting(a!.id, 'UBND-NA', ids.chair);
  const { meetingId: meetingB } = await meeting(b!.id, 'UBND-HN', ids.officeB);
  await p.db.insert(bodyMembers).values([
    {
      bodyId,
      personId: ids.chair,
      role: 'chair',
      titleVi: 'Chủ tịch',
      voting: true,
      rank: 1,
      validFrom: '2020-01-01',
    },
    {
      bodyId,
      personId: ids.member,
      role: 'member',
      titleVi: 'Phó Chủ tịch',
      voting: true,
      rank: 2,
      validFrom: '2020-01-01',
    },
    {
      bodyId,
      personId: ids.director,
      role: 'member',
      titleVi: 'Giám đốc Sở Tư pháp',
      voting: true,
      rank: 3,
      validFrom: '2020-01-01',
    },
  ]);
  const at = (h: number, m: number) => new Date(Date.UTC(2026, 2, 10, h - 7, m));
  await p.db.insert(participants).values([
    {
      meetingId,
      personId: ids.chair,
      role: 'chair',
      voting: true,
      attendance: 'checked_in',
      checkedInAt: at(8, 0),
    },
    {
      meetingId,
      personId: ids.member,
      role: 'member',
      voting: true,
      attendance: 'checked_in',
      remote: true,
      checkedInAt: at(8, 2),
    },
    {
      meetingId,
      personId: ids.director,
      role: 'member',
      voting: true,
      attendance: 'absence_approved',
      absenceReason: 'Đi công tác nước ngoài',
    },
    {
      meetingId,
      personId: ids.deputy,
      role: 'substitute',
      voting: false,
      substituteFor: ids.director,
      attendance: 'checked_in',
      checkedInAt: at(7, 55),
    },
    { meetingId, personId: ids.clerk, role: 'secretariat', voting: false, attendance: 'checked_in' },
  ]);
  const [i1, i2] = await p.db
    .insert(agendaItems)
    .values([
      {
        meetingId,
        position: 1,
        title: 'Dự thảo Nghị quyết về phát triển kinh tế số',
        presenterAgencyId: c!.id,
        presenterPersonId: ids.deputy,
        plannedMinutes: 30,
        state: 'done',
        spentSeconds: 42 * 60,
      },
      {
        meetingId,
        position: 2,
        title: 'Báo cáo tình hình giải ngân vốn đầu tư công',
        plannedMinutes: 20,
        state: 'deferred',
        spentSeconds: 5 * 60,
      },
    ])
    .returning({ id: agendaItems.id });
  await p.db.insert(speakers).values([
    {
      meetingId,
      agendaItemId: i1!.id,
      personId: ids.member,
      state: 'done',
      position: 1,
      requestedAt: at(8, 10),
      spentSeconds: 330,
    },
    {
      meetingId,
      agendaItemId: i1!.id,
      personId: ids.chair,
      state: 'done',
      position: 2,
      requestedAt: at(8, 11),
      spentSeconds: 120,
    },
    {
      meetingId,
      agendaItemId: i1!.id,
      personId: ids.deputy,
      state: 'withdrawn',
      position: 3,
      requestedAt: at(8, 12),
    },
  ]);
  await p.db.insert(opinions).values({
    meetingId,
    agendaItemId: i1!.id,
    memberId: ids.director,
    position: 'agree_with_comments',
    body: 'Đề nghị bổ sung lộ trình chuyển đổi số cấp xã.',
    state: 'submitted',
    draftedBy: ids.secretary,
    submittedAt: at(7, 0),
    updatedAt: at(7, 0),
  });
  const world: FollowUpWorld = {
    p,
    app,
    meetingId,
    meetingB,
    itemIds: [i1!.id, i2!.id],
    agencyA: a!.id,
    agencyC: c!.id,
    ids,
    cookies: {} as Record<Who, string>,
  };
  await signInAll(world);
  return world;
}

/** Signs everyone in again (sessions time out after 15 idle minutes, so after moving the clock). */
export async function signInAll(w: FollowUpWorld): Promise<void> {
  for (const who of Object.keys(PEOPLE) as Who[])
    w.cookies[who] = await signedIn(w.app, w.p, username(who), [...PEOPLE[who].roles]);
}

export async function moveClock(w: FollowUpWorld, to: Date): Promise<void> {
  w.p.clock.set(to);
  await signInAll(w);
}

/** A request as one of the world's people. */
export function as(w: FollowUpWorld, who: Who) {
  const headers = () => ({ cookie: w.cookies[who] });
  return {
    get: (url: string) => w.app.inject({ method: 'GET', url, headers: headers() }),
    post: (url: string, payload: object = {}) =>
      w.app.inject({ method: 'POST', url, headers: headers(), payload }),
    put: (url: string, payload: object) => w.app.inject({ method: 'PUT', url, headers: headers(), payload }),
    patch: (url: string, payload: object) =>
      w.app.inject({ method: 'PATCH', url, headers: headers(), payload }),
  };
}
