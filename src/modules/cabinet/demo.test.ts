import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { seedIdentityDemo } from '../identity/demo.js';
import { seedCabinetDemo } from './demo.js';
import { bodies, bodyMembers, meetings, participants } from './schema.js';

describe('e-Cabinet demo', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform({}, new Date('2027-01-20T03:00:00Z'));
  });
  afterAll(() => p.close());

  it('adds the Government with its members and next month’s session, once', async () => {
    expect(await seedCabinetDemo(p)).toEqual([expect.stringContaining('skipped')]); // identity's demo first
    await seedIdentityDemo(p);
    await seedCabinetDemo(p);
    await seedCabinetDemo(p);
    const [cp] = await p.db.select().from(bodies).where(eq(bodies.code, 'CP'));
    expect(cp).toMatchObject({ kind: 'government', ruleProfileCode: 'VN-GOV-39/2022' });
    expect(await p.db.select().from(bodyMembers).where(eq(bodyMembers.bodyId, cp!.id))).toHaveLength(5);
    const found = await p.db.select().from(meetings).where(eq(meetings.bodyId, cp!.id));
    expect(found).toHaveLength(1);
    const m = found[0]!;
    // Monday 1 February 2027, 08:00–11:30 in Hà Nội; papers 5 working days before.
    expect(m.plannedStart.toISOString()).toBe('2027-02-01T01:00:00.000Z');
    expect(m.plannedEnd.toISOString()).toBe('2027-02-01T04:30:00.000Z');
    expect(m).toMatchObject({ status: 'draft', invitationsSentAt: null, papersDueOn: '2027-01-25' });
    const people = await p.db.select().from(participants).where(eq(participants.meetingId, m.id));
    expect(people.map((x) => x.role).sort()).toEqual([
      'chair',
      'member',
      'member',
      'secretariat',
      'secretariat',
    ]);
  });
});
