import { describe, expect, it } from 'vitest';
import { errorOf, makePerson, peopleSuite, registerState, signedInAt } from './people.test-helpers.js';

/** What an agency administrator may not do to accounts they could otherwise reach (account takeover). */
describe('an agency administrator cannot take over guarded accounts', () => {
  const { w, send } = peopleSuite();

  it('refuses another administrator, a Government member, and someone who also works elsewhere', async () => {
    const { cookie } = await signedInAt(w, 'qt.nghean', w.agencyA, ['agency_admin']);
    const peer = await makePerson(w.p, {
      username: 'qt.nghean2',
      roles: ['agency_admin'],
      posts: [{ agencyId: w.agencyA }],
    });
    const member = await makePerson(w.p, {
      username: 'tv.nghean',
      roles: ['member'],
      posts: [{ agencyId: w.agencyA }],
    });
    const twoPosts = await makePerson(w.p, {
      username: 'hai.noi',
      posts: [{ agencyId: w.agencyA }, { agencyId: w.agencyB }],
    });
    const plain = await makePerson(w.p, { username: 'cv.nghean', posts: [{ agencyId: w.agencyA }] });
    const before = await registerState(w);
    for (const target of [peer, member, twoPosts]) {
      const reset = await send('POST', `/api/admin/people/${target.id}/reset-mfa`, undefined, cookie);
      expect(errorOf(reset).code).toBe('IDENTITY_PERSON_MORE_PRIVILEGED');
      const password = await send(
        'PATCH',
        `/api/admin/people/${target.id}`,
        { password: 'Mật-khẩu-chiếm-2026' },
        cookie,
      );
      expect(errorOf(password).code).toBe('IDENTITY_PERSON_MORE_PRIVILEGED');
    }
    expect(await registerState(w)).toEqual(before);
    // An ordinary official of the agency is still theirs to help.
    expect((await send('POST', `/api/admin/people/${plain.id}/unlock`, undefined, cookie)).statusCode).toBe(
      200,
    );
  });

  it('refuses making oneself anyone’s secretary', async () => {
    const { cookie, person } = await signedInAt(w, 'qt.tuphap', w.agencyA1, ['agency_admin']);
    const boss = await makePerson(w.p, { username: 'gd.tuphap', posts: [{ agencyId: w.agencyA1 }] });
    const res = await send(
      'POST',
      '/api/admin/delegations',
      { principalId: boss.id, delegateId: person.id },
      cookie,
    );
    expect(errorOf(res)).toMatchObject({ code: 'IDENTITY_DELEGATION_INVALID', details: { reason: 'self' } });
  });
});
