import { describe, expect, it } from 'vitest';
import type { BusinessDetail } from './businesses.service.js';
import { checkEnterpriseCode } from './enterprise-code.js';
import type { PersonDetail } from './people.model.js';
import { errorOf, makePerson, peopleSuite, registerState, signedInAt } from './people.test-helpers.js';

describe('enterprise codes', () => {
  it('accepts 10 digits with a correct check digit, and 10-3 for a dependent unit', () => {
    expect(checkEnterpriseCode('0100233488')).toEqual({ ok: true, code: '0100233488', branch: false });
    expect(checkEnterpriseCode('0314409058-002')).toEqual({ ok: true, code: '0314409058-002', branch: true });
    expect(checkEnterpriseCode(' 0312 68 78 78 - 001 ')).toMatchObject({ ok: true, code: '0312687878-001' });
    expect(checkEnterpriseCode('0100112437001')).toMatchObject({ ok: true, code: '0100112437-001' });
  });

  it('names what is wrong with a malformed code', () => {
    expect(checkEnterpriseCode('010023348')).toEqual({ ok: false, problem: 'format' });
    expect(checkEnterpriseCode('01002334881')).toEqual({ ok: false, problem: 'format' });
    expect(checkEnterpriseCode('01002334AB')).toEqual({ ok: false, problem: 'format' });
    expect(checkEnterpriseCode('0100233480')).toEqual({ ok: false, problem: 'checksum' });
    expect(checkEnterpriseCode('0100000000')).toEqual({ ok: false, problem: 'serial' });
    expect(checkEnterpriseCode('0314409058-000')).toEqual({ ok: false, problem: 'branch' });
  });
});

describe('business register', () => {
  const { w, get, send } = peopleSuite();

  let abc: BusinessDetail;

  it('registers a business and finds it by name without diacritics or by code', async () => {
    const res = await send('POST', '/api/admin/businesses', {
      enterpriseCode: '0100233488',
      name: 'Công ty Cổ phần Sữa Việt',
      address: 'Số 10 Tân Trào, Hà Nội',
    });
    expect(res.statusCode, res.body).toBe(201);
    abc = res.json<BusinessDetail>();
    expect(abc).toMatchObject({ enterpriseCode: '0100233488', branch: false, representatives: [] });
    const branch = await send('POST', '/api/admin/businesses', {
      enterpriseCode: '0314409058002',
      name: 'Chi nhánh Công ty Đông Á',
    });
    expect(branch.json<BusinessDetail>()).toMatchObject({ enterpriseCode: '0314409058-002', branch: true });
    const byName = (await get('/api/admin/businesses?q=sua viet')).json<{ items: BusinessDetail[] }>();
    expect(byName.items.map((b) => b.id)).toEqual([abc.id]);
    const byCode = (await get('/api/admin/businesses?q=0314.409')).json<{ items: BusinessDetail[] }>();
    expect(byCode.items.map((b) => b.enterpriseCode)).toEqual(['0314409058-002']);
  });

  it('refuses malformed and duplicate enterprise codes with coded errors, changing nothing', async () => {
    const before = await registerState(w);
    const bad = await send('POST', '/api/admin/businesses', { enterpriseCode: '0100233480', name: 'Sai' });
    expect([bad.statusCode, errorOf(bad)]).toMatchObject([
      400,
      { code: 'IDENTITY_ENTERPRISE_CODE_INVALID', details: { problem: 'checksum' } },
    ]);
    const short = await send('POST', '/api/admin/businesses', { enterpriseCode: '123', name: 'Ngắn' });
    expect(errorOf(short)).toMatchObject({
      code: 'IDENTITY_ENTERPRISE_CODE_INVALID',
      details: { problem: 'format' },
    });
    const dup = await send('POST', '/api/admin/businesses', {
      enterpriseCode: '0100-233-488',
      name: 'Trùng',
    });
    expect([dup.statusCode, errorOf(dup).code]).toEqual([409, 'IDENTITY_BUSINESS_DUPLICATE']);
    const noName = await send('POST', '/api/admin/businesses', { enterpriseCode: '0100112437', name: '  ' });
    expect(errorOf(noName).code).toBe('IDENTITY_BUSINESS_INVALID');
    const newRepUnknown = await send('POST', '/api/admin/people', {
      kind: 'business',
      username: 'dai.dien.moi',
      displayName: 'Đại diện',
      business: { enterpriseCode: '0100112437' },
    });
    expect([newRepUnknown.statusCode, errorOf(newRepUnknown).code]).toEqual([
      404,
      'IDENTITY_BUSINESS_NOT_FOUND',
    ]);
    expect(await registerState(w)).toEqual(before);
  });

  it('adds and removes representatives: business people and citizens, not officials', async () => {
    const rep = await makePerson(w.p, { kind: 'business', username: 'gd.suaviet', displayName: 'Giám đốc' });
    const citizen = await makePerson(w.p, {
      kind: 'citizen',
      username: 'cd.uyquyen',
      displayName: 'Người được uỷ quyền',
      personalId: '001200001111',
    });
    const official = await makePerson(w.p, { username: 'cb.thuong', posts: [{ agencyId: w.agencyA }] });
    const url = `/api/admin/businesses/${abc.id}/representatives`;
    const legal = await send('POST', url, { personId: rep.id, role: 'legal' });
    expect(legal.statusCode, legal.body).toBe(200);
    const authorised = await send('POST', url, {
      personId: citizen.id,
      role: 'authorised',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    expect(authorised.json<BusinessDetail>().representatives).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ id: citizen.id }),
        role: 'authorised',
        current: true,
      }),
      expect.objectContaining({
        person: expect.objectContaining({ id: rep.id }),
        role: 'legal',
        validFrom: null,
      }),
    ]);
    const citizenNow = (await get(`/api/admin/people/${citizen.id}`)).json<PersonDetail>();
    expect(citizenNow.roles.map((r) => r.code)).toEqual(['business', 'citizen']);
    expect(citizenNow.businesses).toEqual([
      expect.objectContaining({ business: expect.objectContaining({ id: abc.id }) }),
    ]);

    const before = await registerState(w);
    const wrong = await send('POST', url, { personId: official.id, role: 'legal' });
    expect(errorOf(wrong).code).toBe('IDENTITY_PERSON_KIND_MISMATCH');
    const missing = await send('POST', `/api/admin/businesses/${crypto.randomUUID()}/representatives`, {
      personId: rep.id,
      role: 'legal',
    });
    expect([missing.statusCode, errorOf(missing).code]).toEqual([404, 'IDENTITY_BUSINESS_NOT_FOUND']);
    expect(await registerState(w)).toEqual(before);

    const removed = await send('DELETE', `${url}/${citizen.id}`);
    expect(removed.json<BusinessDetail>().representatives.map((r) => r.person.id)).toEqual([rep.id]);
    const again = await send('DELETE', `${url}/${citizen.id}`);
    expect(errorOf(again).code).toBe('IDENTITY_BUSINESS_REPRESENTATIVE_NOT_FOUND');
  });

  it('is kept to administrators of every agency', async () => {
    const { cookie } = await signedInAt(w, 'qt.tinh', w.agencyA, ['agency_admin']);
    const before = await registerState(w);
    for (const res of [
      await get('/api/admin/businesses', cookie),
      await get(`/api/admin/businesses/${abc.id}`, cookie),
      await send('POST', '/api/admin/businesses', { enterpriseCode: '0100112437', name: 'Mới' }, cookie),
    ])
      expect([res.statusCode, errorOf(res).code]).toEqual([403, 'IDENTITY_BUSINESS_SCOPE']);
    expect(await registerState(w)).toEqual(before);
  });
});
