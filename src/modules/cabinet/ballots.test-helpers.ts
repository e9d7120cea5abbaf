/**
 * Test fixtures for written opinion ballots: a province (A) whose People's Committee (chair and two
 * members, the second with a secretary) is asked in writing by its office; an office leader who approves; a
 * follow-up officer; another province's office and an outsider as strangers. Two bodies with the same seats:
 * one whose rules do not count silence, one whose rules deem it agreement.
 */
import type { FastifyInstance } from 'fastify';
import { insertRuleProfile } from '../../../test/support/cabinet.js';
import { signedIn, TEST_PASSWORD, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { ensureBuiltinRoles, ensurePerson, Permissions } from '../identity/index.js';
import { agencies, delegations, roles } from '../identity/schema.js';
import { eq } from 'drizzle-orm';
import { bodies, bodyMembers, ruleProfiles } from './schema.js';
import type { MeetingRules } from './model.js';

/** Monday 9 March 2026, 09:00 in Hà Nội. */
export const MONDAY_9AM = new Date('2026-03-09T02:00:00Z');
/** Hà Nội wall-clock time on a March 2026 day. */
export const vn = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 2, day, hour - 7, minute));

const PEOPLE = {
  office: { name: 'Lê Thị Văn Phòng', agency: 'A', roles: ['meeting_office'] },
  leader: { name: 'Phạm Văn Lãnh Đạo', agency: 'A', roles: ['test_ballot_leader'] },
  officeB: { name: 'Đỗ Văn Ngoài Tỉnh', agency: 'B', roles: ['meeting_office'] },
  chair: { name: 'Nguyễn Đức Chủ Tịch', agency: 'A', roles: ['official'] },
  memberA: { name: 'Trần Quốc Việt', agency: 'A', roles: ['official'] },
  memberB: { name: 'Hoàng Thị Ý Kiến', agency: 'A', roles: ['official'] },
  secretary: { name: 'Bùi Thị Giúp Việc', agency: 'A', roles: ['official'] },
  followUp: { name: 'Đặng Văn Đôn Đốc', agency: 'A', roles: ['official'] },
  outsider: { name: 'Cao Văn Người Lạ', agency: 'A', roles: ['official'] },
} as const;

export type Who = keyof typeof PEOPLE;

export interface BallotWorld {
  p: TestPlatform;
  app: FastifyInstance;
  bodyId: string;
  deemedBodyId: string;
  ids: Record<Who, string>;
  cookies: Record<Who, string>;
}

const username = (who: Who) => `bl-${who.toLowerCase()}`;

export async function ballotWorld(): Promise<BallotWorld> {
  const p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '100000' }, MONDAY_9AM);
  const app = await testApp(p);
  const [a, b] = await p.db
    .insert(agencies)
    .values([
      { code: '000.00.00.H41', nameVi: 'Ủy ban nhân dân tỉnh Nghệ An', level: 'province' },
      { code: '000.00.00.H24', nameVi: 'Ủy ban nhân dân thành phố Hà Nội', level: 'province' },
    ])
    .returning({ id: agencies.id });
  const agencyOf = { A: a!.id, B: b!.id };
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    await tx
      .insert(roles)
      .values({
        code: 'test_ballot_leader',
        nameVi: 'Lãnh đạo Văn phòng (thử)',
        nameEn: 'Office leader (test)',
        permissions: [Permissions.prepareBallots, Permissions.approveBallots, Permissions.manageMeetings],
      })
      .onConflictDoNothing();
  });
  const ids = {} as Record<Who, string>;
  for (const [who, d] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    ids[who] = await p.db.transaction((tx) =>
      ensurePerson(tx, SYSTEM_CONTEXT, {
        username: username(who),
        displayName: d.name,
        password: TEST_PASSWORD,
        email: `${username(who)}@example.gov.vn`,
        phone: `092${String(Object.keys(PEOPLE).indexOf(who)).padStart(7, '0')}`,
        agencyId: agencyOf[d.agency],
        roles: [...d.roles],
      }),
    );
  }
  await p.db
    .insert(delegations)
    .values({ principalId: ids.memberB, delegateId: ids.secretary, validFrom: '2026-01-01' });
  await insertRuleProfile(p.db, 'BL-PROFILE');
  await insertRuleProfile(p.db, 'BL-DEEMED');
  const [deemedProfile] = await p.db.select().from(ruleProfiles).where(eq(ruleProfiles.code, 'BL-DEEMED'));
  const rules: MeetingRules = { ...deemedProfile!.rules, ballotNonResponse: 'deemed_agree' };
  await p.db
    .update(ruleProfiles)
    .set({
      rules,
      legalBasis: [{ instrument: 'Quy chế làm việc (thử)', articles: ['Điều 17 khoản 2'], verified: false }],
    })
    .where(eq(ruleProfiles.code, 'BL-DEEMED'));
  const body = async (code: string, profile: string) => {
    const [row] = await p.db
      .insert(bodies)
      .values({
        code,
        nameVi: `UBND tỉnh Nghệ An (${code})`,
        kind: 'province_pc',
        agencyId: a!.id,
        ruleProfileCode: profile,
      })
      .returning({ id: bodies.id });
    const seat = (
      personId: string,
      role: 'chair' | 'member' | 'office_specialist',
      rank: number,
      voting: boolean,
    ) => ({
      bodyId: row!.id,
      personId,
      role,
      titleVi: role === 'chair' ? 'Chủ tịch' : role === 'member' ? 'Phó Chủ tịch' : 'Chuyên viên',
      voting,
      rank,
      validFrom: '2020-01-01',
    });
    await p.db
      .insert(bodyMembers)
      .values([
        seat(ids.chair, 'chair', 1, true),
        seat(ids.memberA, 'member', 2, true),
        seat(ids.memberB, 'member', 3, true),
        seat(ids.office, 'office_specialist', 200, false),
      ]);
    return row!.id;
  };
  const world: BallotWorld = {
    p,
    app,
    bodyId: await body('UBND-NA-BL', 'BL-PROFILE'),
    deemedBodyId: await body('UBND-NA-DEEMED', 'BL-DEEMED'),
    ids,
    cookies: {} as Record<Who, string>,
  };
  await signInAll(world);
  return world;
}

/** Signs everyone in again (sessions time out after 15 idle minutes, so after moving the clock). */
export async function signInAll(w: BallotWorld): Promise<void> {
  for (const who of Object.keys(PEOPLE) as Who[])
    w.cookies[who] = await signedIn(w.app, w.p, username(who), [...PEOPLE[who].roles]);
}

export async function moveClock(w: BallotWorld, to: Date): Promise<void> {
  w.p.clock.set(to);
  await signInAll(w);
}

/** A request as one of the world's people. */
export function as(w: BallotWorld, who: Who) {
  const headers = () => ({ cookie: w.cookies[who] });
  return {
    get: (url: string) => w.app.inject({ method: 'GET', url, headers: headers() }),
    post: (url: string, payload: object = {}) =>
      w.app.inject({ method: 'POST', url, headers: headers(), payload }),
    put: (url: string, payload: object) => w.app.inject({ method: 'PUT', url, headers: headers(), payload }),
    delete: (url: string) => w.app.inject({ method: 'DELETE', url, headers: headers() }),
  };
}

export const QUESTIONS = [
  { text: 'Thông qua dự thảo Nghị quyết về chuyển đổi số cấp xã?', options: [] },
  {
    text: 'Phương án bố trí kinh phí thực hiện',
    options: [{ label: 'Ngân sách tỉnh bảo đảm toàn bộ' }, { label: 'Ngân sách tỉnh và huyện cùng bảo đảm' }],
  },
];

/** Drafted by the office, approved by the leader, sent now: returns the ballot id. */
export async function sentBallot(
  w: BallotWorld,
  options: { bodyId?: string; reference?: string; answerDays?: number; followUp?: boolean } = {},
): Promise<string> {
  const created = await as(w, 'office').post('/api/cabinet/ballots', {
    bodyId: options.bodyId ?? w.bodyId,
    title: 'Xin ý kiến về dự thảo Nghị quyết chuyển đổi số cấp xã',
    summary: 'Còn ý kiến khác nhau về nguồn kinh phí.',
    questions: QUESTIONS,
    answerDays: options.answerDays ?? 3,
    followUpBy: options.followUp === false ? null : w.ids.followUp,
  });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json<{ id: string }>().id;
  const step = async (who: Who, path: string, body: object = {}) => {
    const cur = (await as(w, who).get(`/api/cabinet/ballots/${id}`)).json<{ revision: number }>();
    const res = await as(w, who).post(`/api/cabinet/ballots/${id}/${path}`, {
      revision: cur.revision,
      ...body,
    });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  };
  await step('office', 'submit');
  await step('leader', 'approve');
  await step('office', 'send', { reference: options.reference ?? '12/PLYK-UBND' });
  return id;
}
