import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { delegationsOf, isDelegateOf } from './index.js';
import type { DelegationView, PersonDetail } from './people.model.js';
import { personRoles } from './schema.js';
import {
  errorOf,
  makeOfficial,
  makePerson,
  peopleSuite,
  registerState,
  signedInAt,
} from './people.test-helpers.js';

describe('delegations: secretaries acting on behalf of a principal', () => {
  const { w, get, send: sendAs } = peopleSuite();
  let minister: PersonDetail;
  let secretary: PersonDetail;
  beforeAll(async () => {
    minister = await makeOfficial(w.p, 'bt.taichinh', 'Bộ trưởng', w.ministry);
    secretary = await makeOfficial(w.p, 'thuky.bt', 'Thư ký', w.ministry);
  });

  const send = (url: string, payload?: object, cookie = w.admin) => sendAs('POST', url, payload, cookie);
  const person = async (id: string) => (await get(`/api/admin/people/${id}`)).json<PersonDetail>();

  it('delegates for a period, gives the secretary role, and answers who acts for whom on a given day', async () => {
    const res = await send('/api/admin/delegations', {
      principalId: minister.id,
      delegateId: secretary.id,
      validFrom: '2026-03-01',
      validTo: '2026-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<DelegationView>();
    expect(d).toMatchObject({
      principal: { id: minister.id },
      delegate: { id: secretary.id },
      current: true,
      revokedAt: null,
    });
    const sec = await person(secretary.id);
    expect(sec.roles.map((r) => r.code)).toContain('secretary');
    expect(sec.actsFor.map((x) => x.id)).toEqual([d.id]);
    expect((await person(minister.id)).delegates.map((x) => x.delegate.id)).toEqual([secretary.id]);

    const at = (iso: string) => new Date(iso);
    expect(await delegationsOf(w.p.db, secretary.id, at('2026-03-02T03:00:00Z'))).toEqual([
      expect.objectContaining({ id: minister.id, delegationId: d.id, validTo: '2026-12-31' }),
    ]);
    // the day is Vietnam's: 28 Feb 2026 23:30 UTC is already 1 March in Hà Nội
    expect(await isDelegateOf(w.p.db, secretary.id, minister.id, at('2026-02-28T17:30:00Z'))).toBe(true);
    expect(await isDelegateOf(w.p.db, secretary.id, minister.id, at('2026-02-28T16:30:00Z'))).toBe(false);
    expect(await isDelegateOf(w.p.db, secretary.id, minister.id, '2027-01-01')).toBe(false);
    // never the other way round
    expect(await isDelegateOf(w.p.db, minister.id, secretary.id, '2026-06-01')).toBe(false);
  });

  it('refuses self-delegation, citizens, bad periods and overlapping duplicates, changing nothing', async () => {
    const citizen = await makePerson(w.p, {
      kind: 'citizen',
      username: 'cong.dan',
      personalId: '001200001111',
      password: null,
    });
    const before = await registerState(w);
    const cases: [object, string, number][] = [
      [{ principalId: minister.id, delegateId: minister.id }, 'IDENTITY_DELEGATION_INVALID', 400],
      [{ principalId: minister.id, delegateId: citizen.id }, 'IDENTITY_DELEGATION_INVALID', 400],
      [
        {
          principalId: minister.id,
          delegateId: secretary.id,
          validFrom: '2026-05-01',
          validTo: '2026-04-01',
        },
        'IDENTITY_PERSON_DATE_INVALID',
        400,
      ],
      [
        { principalId: minister.id, delegateId: secretary.id, validFrom: '2026-06-01' },
        'IDENTITY_DELEGATION_DUPLICATE',
        409,
      ],
      [{ principalId: crypto.randomUUID(), delegateId: secretary.id }, 'IDENTITY_PERSON_NOT_FOUND', 404],
    ];
    for (const [body, code, status] of cases) {
      const res = await send('/api/admin/delegations', body);
      expect([res.statusCode, errorOf(res).code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await registerState(w)).toEqual(before);
    // after the first one ends, a new period is fine
    const next = await send('/api/admin/delegations', {
      principalId: minister.id,
      delegateId: secretary.id,
      validFrom: '2027-01-01',
    });
    expect(next.statusCode, next.body).toBe(201);
  });

  it("keeps an agency administrator to delegations between their own agency's people", async () => {
    const { cookie } = await signedInAt(w, 'qt.nghean', w.agencyA, ['agency_admin']);
    const leader = await makePerson(w.p, { username: 'ct.ubnd', posts: [{ agencyId: w.agencyA }] });
    const aide = await makePerson(w.p, { username: 'tk.ubnd', posts: [{ agencyId: w.agencyA1 }] });
    const before = await registerState(w);
    const across = await send(
      '/api/admin/delegations',
      { principalId: minister.id, delegateId: aide.id },
      cookie,
    );
    expect([across.statusCode, errorOf(across).code]).toEqual([404, 'IDENTITY_PERSON_NOT_FOUND']);
    expect(await registerState(w)).toEqual(before);
    const ok = await send('/api/admin/delegations', { principalId: leader.id, delegateId: aide.id }, cookie);
    expect(ok.statusCode, ok.body).toBe(201);
    const ministerial = (await person(secretary.id)).actsFor[0]!;
    const revokeOther = await send(`/api/admin/delegations/${ministerial.id}/revoke`, undefined, cookie);
    expect([revokeOther.statusCode, errorOf(revokeOther).code]).toEqual([
      404,
      'IDENTITY_DELEGATION_NOT_FOUND',
    ]);
  });

  it('revokes a delegation, keeping it on record', async () => {
    const d = (await person(secretary.id)).actsFor.find((x) => x.validFrom === '2026-03-01')!;
    const res = await send(`/api/admin/delegations/${d.id}/revoke`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DelegationView>()).toMatchObject({
      id: d.id,
      current: false,
      revokedAt: expect.any(String),
    });
    expect(await isDelegateOf(w.p.db, secretary.id, minister.id, '2026-06-01')).toBe(false);
    expect((await person(secretary.id)).actsFor.map((x) => x.id)).toContain(d.id);
    const again = await send(`/api/admin/delegations/${d.id}/revoke`);
    expect(errorOf(again).code).toBe('IDENTITY_DELEGATION_NOT_FOUND');
  });

  it('stops counting a principal whose account is disabled', async () => {
    await send('/api/admin/delegations', {
      principalId: minister.id,
      delegateId: secretary.id,
      validFrom: '2026-03-02',
      validTo: '2026-03-31',
    });
    expect(await isDelegateOf(w.p.db, secretary.id, minister.id, '2026-03-10')).toBe(true);
    await w.app.inject({
      method: 'PATCH',
      url: `/api/admin/people/${minister.id}`,
      headers: { cookie: w.admin },
      payload: { active: false },
    });
    expect(await delegationsOf(w.p.db, secretary.id, '2026-03-10')).toEqual([]);
  });

  it('takes the secretary role away with the last delegation: revoked, or run out on its end date', async () => {
    const delegate = async (username: string, validTo: string) => {
      const helper = await makeOfficial(w.p, username, username, w.ministry);
      const res = await send('/api/admin/delegations', {
        principalId: minister.id,
        delegateId: helper.id,
        validFrom: '2026-03-01',
        validTo,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((await person(helper.id)).roles.map((r) => r.code)).toContain('secretary');
      return { helper, delegation: res.json<DelegationView>() };
    };
    const roles = async (personId: string) =>
      (await w.p.db.select().from(personRoles).where(eq(personRoles.personId, personId))).map(
        (r) => r.roleCode,
      );

    const revoked = await delegate('thuky.thuhoi', '2026-12-31');
    expect((await send(`/api/admin/delegations/${revoked.delegation.id}/revoke`)).statusCode).toBe(200);
    expect(await roles(revoked.helper.id)).toEqual(['official']);

    const lapsing = await delegate('thuky.hethan', '2026-04-30');
    const back = w.p.clock.now();
    w.p.clock.set(new Date('2026-05-01T03:00:00Z')); // 1 May in Hà Nội: the delegation ended the day before
    try {
      await w.p.jobs.drain();
      expect(await roles(lapsing.helper.id)).toEqual(['official']);
    } finally {
      w.p.clock.set(back);
    }
    // The first secretary still acts for the minister under a later delegation: they keep the role.
    expect(await roles(secretary.id)).toContain('secretary');
  });
});
