import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/support/http.js';
import { auditLog, verifyAuditChain } from '../../platform/audit/index.js';
import { createAgency, retireAgency, systemAgencyActor } from './agencies.service.js';
import type { PersonDetail, PersonSummary } from './people.model.js';
import {
  errorOf,
  makeOfficial,
  makePerson,
  NOW,
  peopleSuite,
  registerState,
  signedInAt,
} from './people.test-helpers.js';
import { verifyPassword } from './passwords.js';
import { passkeys, persons, recoveryCodes, totpAuthenticators } from './schema.js';

describe('people register', () => {
  const { w, get, send } = peopleSuite();
  const create = async (body: object, cookie = w.admin) => {
    const res = await send('POST', '/api/admin/people', body, cookie);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PersonDetail>();
  };
  const signIn = (username: string, password = TEST_PASSWORD) =>
    w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
  const lastAudit = async (action: string) => {
    const [row] = await w.p.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, action))
      .orderBy(desc(auditLog.id))
      .limit(1);
    return row;
  };

  describe('creating each kind', () => {
    it('creates an official with posts, a main agency, roles, a normalised phone and an argon2id password', async () => {
      const person = await create({
        kind: 'official',
        username: ' Tran.Thi-Binh ',
        displayName: '  Trần   Thị Bình ',
        email: 'binh.tran@nghean.gov.vn',
        phone: '0912 345 678',
        password: 'mot-mat-khau-dai',
        roles: ['agency_admin'],
        posts: [
          { agencyId: w.agencyA, position: 'Chánh Văn phòng', positionEn: 'Chief of Office' },
          { agencyId: w.agencyA1, position: 'Giám đốc' },
        ],
        mainAgencyId: w.agencyA1,
      });
      expect(person).toMatchObject({
        kind: 'official',
        username: 'tran.thi-binh',
        displayName: 'Trần Thị Bình',
        phone: '+84912345678',
        active: true,
        hasPassword: true,
        agency: { id: w.agencyA1, code: '000.00.01.H41' },
        lock: { locked: false, lockedUntil: null, failedAttempts: 0 },
        mfa: { totp: false, passkeys: 0, recoveryCodesLeft: 0, required: true },
      });
      expect(person.roles.map((r) => r.code)).toEqual(['agency_admin', 'official']);
      expect(person.posts).toEqual([
        expect.objectContaining({
          agency: expect.objectContaining({ id: w.agencyA }),
          position: 'Chánh Văn phòng',
          main: false,
        }),
        expect.objectContaining({
          agency: expect.objectContaining({ id: w.agencyA1 }),
          position: 'Giám đốc',
          main: true,
        }),
      ]);
      const [row] = await w.p.db.select().from(persons).where(eq(persons.id, person.id));
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row!.passwordHash, 'mot-mat-khau-dai')).toBe(true);
      expect(await lastAudit('identity.person.create')).toMatchObject({
        objectId: person.id,
        outcome: 'success',
      });
      expect((await signIn('tran.thi-binh', 'mot-mat-khau-dai')).statusCode).toBe(200);
    });

    it('creates a citizen by personal ID (the username defaults to it), with a consistent birth date', async () => {
      const citizen = await create({
        kind: 'citizen',
        displayName: 'Lê Văn Cường',
        personalId: '040090001234',
        birthDate: '1990-05-17',
      });
      expect(citizen).toMatchObject({
        kind: 'citizen',
        username: '040090001234',
        personalId: '040090001234',
        birthDate: '1990-05-17',
        hasPassword: false,
        agency: null,
      });
      expect(citizen.roles.map((r) => r.code)).toEqual(['citizen']);
    });

    it('refuses an 11-digit personal ID, a wrong birth year and a duplicate with coded errors, changing nothing', async () => {
      const before = await registerState(w);
      const eleven = await send('POST', '/api/admin/people', {
        kind: 'citizen',
        displayName: 'Sai Số',
        personalId: '04009000123',
      });
      expect(eleven.statusCode).toBe(400);
      expect(errorOf(eleven)).toMatchObject({
        code: 'IDENTITY_PERSONAL_ID_INVALID',
        details: { problem: 'format' },
      });
      expect(eleven.json().error.messages.vi).toContain('12 chữ số');
      const refusals = [
        [{ displayName: 'Sai Năm', personalId: '040090001235', birthDate: '1991-01-01' }, 'birthDate'],
        [{ displayName: 'Sai Tỉnh', personalId: '099090001234' }, 'province'],
        [{ displayName: 'Không Số' }, 'required'],
      ] as const;
      for (const [body, problem] of refusals) {
        const res = await send('POST', '/api/admin/people', { kind: 'citizen', ...body });
        expect(errorOf(res), problem).toMatchObject({
          code: 'IDENTITY_PERSONAL_ID_INVALID',
          details: { problem },
        });
      }
      const duplicate = await send('POST', '/api/admin/people', {
        kind: 'citizen',
        username: 'trung-so',
        displayName: 'Trùng Số',
        personalId: '040090001234',
      });
      expect(duplicate.statusCode).toBe(409);
      expect(errorOf(duplicate).code).toBe('IDENTITY_PERSONAL_ID_DUPLICATE');
      expect(await registerState(w)).toEqual(before);
      expect(await lastAudit('identity.person.create')).toMatchObject({
        outcome: 'failure',
        detail: 'IDENTITY_PERSONAL_ID_DUPLICATE',
      });
    });

    it('creates a business representative with their business (found by code, or registered with a name)', async () => {
      const rep = await create({
        kind: 'business',
        username: 'daidien.abc',
        displayName: 'Phạm Minh Đức',
        business: { enterpriseCode: '0100233488', name: 'Công ty Cổ phần ABC', role: 'legal' },
      });
      expect(rep.businesses).toEqual([
        expect.objectContaining({
          business: expect.objectContaining({ enterpriseCode: '0100233488' }),
          role: 'legal',
        }),
      ]);
      expect(rep.roles.map((r) => r.code)).toEqual(['business']);
      const second = await create({
        kind: 'business',
        username: 'uyquyen.abc',
        displayName: 'Võ Thị Hà',
        business: { enterpriseCode: '0100 233 488', role: 'authorised' },
      });
      expect(second.businesses[0]!.business.id).toBe(rep.businesses[0]!.business.id);
    });

    it('refuses bad usernames, weak passwords, bad phones, duplicates and posts for citizens, changing nothing', async () => {
      const before = await registerState(w);
      const cases: [object, string, number][] = [
        [{ username: 'ab' }, 'IDENTITY_PERSON_USERNAME_INVALID', 400],
        [{ username: 'có dấu' }, 'IDENTITY_PERSON_USERNAME_INVALID', 400],
        [{ username: 'tran.thi-binh' }, 'IDENTITY_PERSON_USERNAME_DUPLICATE', 409],
        [{ username: 'ngan', password: 'ngan@2026' }, 'IDENTITY_PERSON_PASSWORD_WEAK', 400],
        [{ username: 'hoang.long', password: 'Hoang.Long-2026!' }, 'IDENTITY_PERSON_PASSWORD_WEAK', 400],
        [{ username: 'sdt', phone: '0212345678' }, 'IDENTITY_PERSON_PHONE_INVALID', 400],
        [{ username: 'email', email: 'khong-phai-email' }, 'IDENTITY_PERSON_INVALID', 400],
        [{ username: 'vaitro', roles: ['khong_co'] }, 'IDENTITY_ROLE_NOT_FOUND', 404],
        [
          { username: 'coquan', posts: [{ agencyId: crypto.randomUUID() }] },
          'IDENTITY_AGENCY_NOT_FOUND',
          404,
        ],
        [
          { username: 'chinh', posts: [{ agencyId: w.agencyA }], mainAgencyId: w.agencyB },
          'IDENTITY_PERSON_MAIN_AGENCY_INVALID',
          400,
        ],
        [
          { kind: 'citizen', username: 'cdan', personalId: '001200001111', posts: [{ agencyId: w.agencyA }] },
          'IDENTITY_PERSON_KIND_MISMATCH',
          400,
        ],
      ];
      for (const [body, code, status] of cases) {
        const res = await send('POST', '/api/admin/people', {
          kind: 'official',
          displayName: 'Thử',
          ...body,
        });
        expect([res.statusCode, errorOf(res).code], JSON.stringify(body)).toEqual([status, code]);
      }
      expect(await registerState(w)).toEqual(before);
    });
  });

  describe('listing and reading', () => {
    it('searches names, usernames and e-mails ignoring diacritics, with filters and paging', async () => {
      await makeOfficial(w.p, 'nguyen.van.an', 'Nguyễn Văn An', w.agencyB);
      await makeOfficial(w.p, 'nguyen.thi.hoa', 'Nguyễn Thị Hoa', w.agencyA);
      const list = async (query: string) =>
        (await get(`/api/admin/people?${query}`)).json<{ items: PersonSummary[]; total: number }>();
      const nguyen = await list('q=nguyen');
      expect(nguyen.items.map((p) => p.username)).toEqual(['nguyen.thi.hoa', 'nguyen.van.an']);
      expect((await list('q=NGUYỄN VĂN')).items.map((p) => p.username)).toEqual(['nguyen.van.an']);
      expect((await list('q=nghean.gov')).items.map((p) => p.username)).toEqual(['tran.thi-binh']);
      expect((await list(`q=nguyen&agency=${w.agencyB}`)).items.map((p) => p.username)).toEqual([
        'nguyen.van.an',
      ]);
      expect((await list('kind=citizen')).items.every((p) => p.kind === 'citizen')).toBe(true);
      expect((await list('role=agency_admin')).items.map((p) => p.username)).toContain('tran.thi-binh');
      const page = await list('q=nguyen&limit=1&offset=1');
      expect(page).toMatchObject({
        total: 2,
        items: [expect.objectContaining({ username: 'nguyen.van.an' })],
      });
      expect(nguyen.items[0]).toMatchObject({ agency: { id: w.agencyA }, roles: ['official'] });
    });

    it('answers 404 for an unknown or malformed id', async () => {
      for (const id of [crypto.randomUUID(), 'khong-phai-uuid']) {
        const res = await get(`/api/admin/people/${id}`);
        expect([res.statusCode, errorOf(res).code]).toEqual([404, 'IDENTITY_PERSON_NOT_FOUND']);
      }
    });
  });

  describe('agency scope', () => {
    let adminA: string;
    let inA1: PersonDetail;
    let inB: PersonDetail;
    beforeAll(async () => {
      adminA = (await signedInAt(w, 'quantri.nghean', w.agencyA, ['agency_admin', 'official'])).cookie;
      inA1 = await makeOfficial(w.p, 'canbo.sotuphap', 'Đinh Văn Tư', w.agencyA1);
      inB = await makeOfficial(w.p, 'canbo.hanoi', 'Đinh Thị Hà Nội', w.agencyB);
    });

    it('shows an agency administrator only the people of their agency and those below it', async () => {
      const all = (await get('/api/admin/people?limit=200', adminA)).json<{ items: PersonSummary[] }>();
      const names = all.items.map((p) => p.username);
      expect(names).toContain('canbo.sotuphap');
      expect(names).toContain('nguyen.thi.hoa');
      expect(names).not.toContain('canbo.hanoi');
      expect(names).not.toContain('040090001234');
      expect((await get(`/api/admin/people/${inA1.id}`, adminA)).statusCode).toBe(200);
    });

    it("answers 404 for another agency's person on every route, and changes nothing", async () => {
      const before = await registerState(w);
      const id = inB.id;
      const attempts = [
        () => get(`/api/admin/people/${id}`, adminA),
        () => send('PATCH', `/api/admin/people/${id}`, { displayName: 'Đổi Tên' }, adminA),
        () => send('POST', `/api/admin/people/${id}/unlock`, undefined, adminA),
        () => send('POST', `/api/admin/people/${id}/reset-mfa`, undefined, adminA),
        () => send('POST', `/api/admin/people/${id}/revoke-sessions`, undefined, adminA),
        () => send('POST', `/api/admin/people/${id}/posts`, { agencyId: w.agencyA }, adminA),
        () => send('DELETE', `/api/admin/people/${id}/posts/${w.agencyB}`, undefined, adminA),
        () => send('POST', '/api/admin/delegations', { principalId: inA1.id, delegateId: id }, adminA),
      ];
      for (const attempt of attempts) {
        const res = await attempt();
        expect([res.statusCode, errorOf(res).code], res.body).toEqual([404, 'IDENTITY_PERSON_NOT_FOUND']);
      }
      expect(await registerState(w)).toEqual(before);
    });

    it('refuses posts outside the scope, and people without a post in it', async () => {
      const before = await registerState(w);
      const outside = await send(
        'POST',
        '/api/admin/people',
        {
          kind: 'official',
          username: 'ngoai.pham.vi',
          displayName: 'Ngoài',
          posts: [{ agencyId: w.agencyB }],
        },
        adminA,
      );
      expect([outside.statusCode, errorOf(outside).code]).toEqual([403, 'IDENTITY_PERSON_OUTSIDE_SCOPE']);
      const citizen = await send(
        'POST',
        '/api/admin/people',
        { kind: 'citizen', displayName: 'Công Dân', personalId: '001200001111' },
        adminA,
      );
      expect(errorOf(citizen).code).toBe('IDENTITY_PERSON_OUTSIDE_SCOPE');
      const post = await send('POST', `/api/admin/people/${inA1.id}/posts`, { agencyId: w.agencyB }, adminA);
      expect([post.statusCode, errorOf(post).code]).toEqual([403, 'IDENTITY_PERSON_OUTSIDE_SCOPE']);
      expect(await registerState(w)).toEqual(before);
      const inside = await create(
        { kind: 'official', username: 'moi.nghean', displayName: 'Mới', posts: [{ agencyId: w.agencyA1 }] },
        adminA,
      );
      expect(inside.agency?.id).toBe(w.agencyA1);
    });

    it('lets nobody grant what they do not hold, appoint members, or take over a stronger account', async () => {
      const strong = await makePerson(w.p, {
        username: 'admin.tai.nghean',
        roles: ['admin'],
        posts: [{ agencyId: w.agencyA }],
      });
      const before = await registerState(w);
      const grant = await send(
        'PATCH',
        `/api/admin/people/${inA1.id}`,
        { roles: ['official', 'admin'] },
        adminA,
      );
      expect([grant.statusCode, errorOf(grant).code]).toEqual([403, 'IDENTITY_ROLE_ESCALATION']);
      expect(errorOf(grant).details?.missing).toContain('identity.scope.all');
      const createAdmin = await send(
        'POST',
        '/api/admin/people',
        {
          kind: 'official',
          username: 'admin.moi',
          displayName: 'A',
          roles: ['admin'],
          posts: [{ agencyId: w.agencyA }],
        },
        adminA,
      );
      expect(errorOf(createAdmin).code).toBe('IDENTITY_ROLE_ESCALATION');
      const member = await send(
        'POST',
        `/api/admin/people/${inA1.id}/member-terms`,
        { office: 'deputy_prime_minister', titleVi: 'Phó Thủ tướng Chính phủ' },
        adminA,
      );
      expect([member.statusCode, errorOf(member).code]).toEqual([403, 'IDENTITY_PERSON_MEMBER_SCOPE']);
      const takeover = await send(
        'PATCH',
        `/api/admin/people/${strong.id}`,
        { password: 'mat-khau-cua-toi-2026' },
        adminA,
      );
      expect([takeover.statusCode, errorOf(takeover).code]).toEqual([403, 'IDENTITY_PERSON_MORE_PRIVILEGED']);
      const me = (await get('/api/admin/people?q=quantri.nghean', adminA)).json<{ items: PersonSummary[] }>()
        .items[0]!;
      const self = await send('PATCH', `/api/admin/people/${me.id}`, { roles: ['official'] }, adminA);
      expect([self.statusCode, errorOf(self).code]).toEqual([403, 'IDENTITY_PERSON_SELF']);
      expect(await registerState(w)).toEqual(before);
      // within what they hold, an agency administrator may appoint another one
      const ok = await send(
        'PATCH',
        `/api/admin/people/${inA1.id}`,
        { roles: ['official', 'agency_admin'] },
        adminA,
      );
      expect(ok.statusCode, ok.body).toBe(200);
    });
  });

  describe('account help', () => {
    it('unlocks an account locked by five wrong passwords; sign-in then works', async () => {
      const person = await makeOfficial(w.p, 'khoa.tk', 'Khoá Tài Khoản', w.agencyA);
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push(errorOf(await signIn('khoa.tk', 'sai-mat-khau')).code);
      expect(codes.at(-1)).toBe('IDENTITY_ACCOUNT_LOCKED');
      expect((await signIn('khoa.tk')).statusCode).toBe(423);
      const lockouts = (await get('/api/admin/lockouts')).json<{
        items: { person: PersonSummary; lockedUntil: string }[];
      }>();
      const mine = lockouts.items.find((l) => l.person.id === person.id)!;
      expect(new Date(mine.lockedUntil).getTime()).toBe(NOW.getTime() + 15 * 60_000);
      expect((await get(`/api/admin/people/${person.id}`)).json<PersonDetail>().lock).toMatchObject({
        locked: true,
      });
      expect(
        (await get('/api/admin/people?locked=true'))
          .json<{ items: PersonSummary[] }>()
          .items.map((p) => p.id),
      ).toEqual([person.id]);

      const unlocked = await send('POST', `/api/admin/people/${person.id}/unlock`);
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json<PersonDetail>().lock).toEqual({
        locked: false,
        lockedUntil: null,
        failedAttempts: 0,
      });
      expect(await lastAudit('identity.person.unlock')).toMatchObject({
        objectId: person.id,
        outcome: 'success',
      });
      expect((await get('/api/admin/lockouts')).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await signIn('khoa.tk')).statusCode).toBe(200);
    });

    it('resets MFA: the authenticator, passkeys and recovery codes go, and the person enrols again', async () => {
      const person = await makePerson(w.p, {
        username: 'mfa.reset',
        roles: ['agency_admin'],
        posts: [{ agencyId: w.agencyA }],
      });
      await w.p.db
        .insert(totpAuthenticators)
        .values({ personId: person.id, secretEnc: 'x', confirmedAt: NOW });
      await w.p.db
        .insert(passkeys)
        .values({ personId: person.id, credentialId: 'cred-1', publicKey: 'pk', name: 'Khoá USB' });
      await w.p.db.insert(recoveryCodes).values([
        { personId: person.id, codeHash: 'a' },
        { personId: person.id, codeHash: 'b', usedAt: NOW },
      ]);
      expect((await get(`/api/admin/people/${person.id}`)).json<PersonDetail>().mfa).toEqual({
        totp: true,
        passkeys: 1,
        recoveryCodesLeft: 1,
        required: true,
      });
      expect((await signIn('mfa.reset')).json().pending).toBe('verify');

      const reset = await send('POST', `/api/admin/people/${person.id}/reset-mfa`);
      expect(reset.statusCode).toBe(200);
      expect(reset.json<PersonDetail>().mfa).toEqual({
        totp: false,
        passkeys: 0,
        recoveryCodesLeft: 0,
        required: true,
      });
      expect(await w.p.db.select().from(passkeys).where(eq(passkeys.personId, person.id))).toEqual([]);
      expect(await w.p.db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, person.id))).toEqual(
        [],
      );
      expect(await lastAudit('identity.person.resetMfa')).toMatchObject({ objectId: person.id });
      expect((await signIn('mfa.reset')).json().pending).toBe('enrol');
    });

    it('ends all sessions of a person, and deactivating an account stops sign-in', async () => {
      const person = await makePerson(w.p, { username: 'phien.lam.viec', posts: [{ agencyId: w.agencyA }] });
      const cookie = `cpdt_session=${(await signIn('phien.lam.viec')).cookies.find((c) => c.name === 'cpdt_session')!.value}`;
      expect((await get('/api/auth/session', cookie)).statusCode).toBe(200);
      const revoked = await send('POST', `/api/admin/people/${person.id}/revoke-sessions`);
      expect(revoked.json()).toEqual({ revoked: 1 });
      expect((await get('/api/auth/session', cookie)).statusCode).toBe(401);

      const off = await send('PATCH', `/api/admin/people/${person.id}`, { active: false });
      expect(off.json<PersonDetail>().active).toBe(false);
      expect(errorOf(await signIn('phien.lam.viec')).code).toBe('IDENTITY_ACCOUNT_DISABLED');
      const on = await send('PATCH', `/api/admin/people/${person.id}`, {
        active: true,
        phone: '+84 988 777 666',
      });
      expect(on.json<PersonDetail>()).toMatchObject({ active: true, phone: '+84988777666' });
      expect((await signIn('phien.lam.viec')).statusCode).toBe(200);
    });
  });

  describe('posts', () => {
    it('adds, re-mains and removes posts, keeping the main agency one of them', async () => {
      const person = await makePerson(w.p, { username: 'nhieu.chuc.vu', posts: [{ agencyId: w.agencyA }] });
      const url = `/api/admin/people/${person.id}`;
      let detail = (
        await send('POST', `${url}/posts`, { agencyId: w.agencyB, position: 'Phó Giám đốc' })
      ).json<PersonDetail>();
      expect(detail.agency?.id).toBe(w.agencyA);
      expect(detail.posts.map((p) => [p.agency.id, p.main])).toEqual([
        [w.agencyA, true],
        [w.agencyB, false],
      ]);
      detail = (await send('PATCH', url, { mainAgencyId: w.agencyB })).json<PersonDetail>();
      expect(detail.agency?.id).toBe(w.agencyB);
      const notPost = await send('PATCH', url, { mainAgencyId: w.ministry });
      expect(errorOf(notPost).code).toBe('IDENTITY_PERSON_MAIN_AGENCY_INVALID');
      detail = (await send('DELETE', `${url}/posts/${w.agencyB}`)).json<PersonDetail>();
      expect(detail.agency?.id).toBe(w.agencyA);
      detail = (await send('DELETE', `${url}/posts/${w.agencyA}`)).json<PersonDetail>();
      expect([detail.agency, detail.posts]).toEqual([null, []]);
      const gone = await send('DELETE', `${url}/posts/${w.agencyA}`);
      expect([gone.statusCode, errorOf(gone).code]).toEqual([404, 'IDENTITY_PERSON_POST_NOT_FOUND']);
      const [row] = await w.p.db.select().from(persons).where(eq(persons.id, person.id));
      expect(row!.agencyId).toBeNull();
    });

    it('takes no new post at a retired agency', async () => {
      const retired = await w.p.db.transaction(async (tx) => {
        const a = await createAgency(tx, systemAgencyActor(NOW), {
          code: '000.00.02.H41',
          nameVi: 'Sở cũ',
          level: 'province',
          parentId: w.agencyA,
          validFrom: '2020-01-01',
        });
        return retireAgency(tx, systemAgencyActor(NOW), a.id, {});
      });
      const person = await makePerson(w.p, { username: 'sau.giai.the', posts: [{ agencyId: w.agencyA }] });
      const res = await send('POST', `/api/admin/people/${person.id}/posts`, { agencyId: retired.id });
      expect(errorOf(res).code).toBe('IDENTITY_AGENCY_RETIRED');
    });
  });

  describe('Government members', () => {
    it('appoints members (with the member role), refuses bad or overlapping terms, and ends a term keeping it', async () => {
      const minister = await makeOfficial(w.p, 'bo.truong', 'Bộ trưởng', w.ministry);
      const url = `/api/admin/people/${minister.id}/member-terms`;
      const res = await send('POST', url, {
        office: 'minister',
        agencyId: w.ministry,
        titleVi: 'Bộ trưởng Bộ Tài chính',
        titleEn: 'Minister of Finance',
        validFrom: '2025-03-01',
      });
      expect(res.statusCode, res.body).toBe(200);
      const detail = res.json<PersonDetail>();
      expect(detail.roles.map((r) => r.code)).toEqual(['member', 'official']);
      expect(detail.memberTerms).toEqual([
        expect.objectContaining({
          office: 'minister',
          agency: expect.objectContaining({ id: w.ministry }),
          current: true,
        }),
      ]);
      expect(detail.mfa.required).toBe(true);

      const before = await registerState(w);
      const noAgency = await send('POST', url, { office: 'minister', titleVi: 'Bộ trưởng' });
      expect(errorOf(noAgency)).toMatchObject({
        code: 'IDENTITY_PERSON_MEMBER_INVALID',
        details: { field: 'agencyId' },
      });
      const pmAgency = await send('POST', url, {
        office: 'prime_minister',
        agencyId: w.ministry,
        titleVi: 'Thủ tướng',
      });
      expect(errorOf(pmAgency).code).toBe('IDENTITY_PERSON_MEMBER_INVALID');
      const overlap = await send('POST', url, {
        office: 'minister',
        agencyId: w.ministry,
        titleVi: 'Bộ trưởng',
        validFrom: '2026-01-01',
      });
      expect([overlap.statusCode, errorOf(overlap).code]).toEqual([409, 'IDENTITY_PERSON_MEMBER_OVERLAP']);
      const badDate = await send('POST', url, {
        office: 'prime_minister',
        titleVi: 'Thủ tướng',
        validFrom: '2026-02-30',
      });
      expect(errorOf(badDate).code).toBe('IDENTITY_PERSON_DATE_INVALID');
      const citizen = (await get('/api/admin/people?kind=citizen')).json<{ items: PersonSummary[] }>()
        .items[0]!;
      const wrongKind = await send('POST', `/api/admin/people/${citizen.id}/member-terms`, {
        office: 'prime_minister',
        titleVi: 'Thủ tướng',
      });
      expect(errorOf(wrongKind).code).toBe('IDENTITY_PERSON_KIND_MISMATCH');
      expect(await registerState(w)).toEqual(before);

      const termId = detail.memberTerms[0]!.id;
      const early = await send('POST', `${url}/${termId}/end`, { validTo: '2025-01-01' });
      expect(errorOf(early).code).toBe('IDENTITY_PERSON_DATE_INVALID');
      const ended = await send('POST', `${url}/${termId}/end`, { validTo: '2026-02-28' });
      expect(ended.json<PersonDetail>().memberTerms).toEqual([
        expect.objectContaining({ id: termId, validTo: '2026-02-28', current: false }),
      ]);
      // The term is over: the member role it gave goes with it (and with it the second-factor requirement).
      expect(ended.json<PersonDetail>().roles.map((r) => r.code)).toEqual(['official']);
      expect(await lastAudit('identity.role.lapse')).toMatchObject({ objectId: minister.id });
      expect(await lastAudit('identity.member.end')).toMatchObject({
        objectId: minister.id,
        outcome: 'success',
      });
    });
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(w.p.db)).toMatchObject({ ok: true });
    const refused = await w.p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'identity.person.update'), eq(auditLog.outcome, 'failure')));
    expect(refused.length).toBeGreaterThan(0);
  });
});
