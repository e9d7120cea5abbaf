import { and, eq, isNull } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import type { Platform } from '../../platform/platform.js';
import { GOVERNMENT_OFFICE_CODE, seedAgencies } from './agencies.seed.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { agencies, persons } from './schema.js';

/** Demo accounts for a laptop install. Never used unless `cpdt seed --demo` (or first `npm start`). */
export const DEMO_ACCOUNTS = [
  {
    username: 'admin',
    password: 'Demo@2026',
    displayName: 'Quản trị viên hệ thống',
    roles: ['admin', 'official'],
    email: 'admin@cpdt.local',
    phone: '0900000001',
  },
  {
    username: 'canbo',
    password: 'Demo@2026',
    displayName: 'Nguyễn Văn An',
    roles: ['official'],
    email: 'an.nguyen@cpdt.local',
    phone: '0900000002',
  },
] as const;

/**
 * Reference data (administrative units when there are none, the agency registry), then the demo accounts,
 * who work at the Government Office. Idempotent; an existing demo account without an agency is given that
 * one. After an upgrade that brings newer unit data, importAdminUnits() brings the database up to date.
 */
export async function seedIdentityDemo(p: Platform): Promise<string[]> {
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    await seedAgencies(tx, p.clock.now()); // imports the administrative units first if there are none
    const [office] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.code, GOVERNMENT_OFFICE_CODE), isNull(agencies.validTo)));
    const agencyId = office?.id;
    for (const a of DEMO_ACCOUNTS) {
      const id = await ensurePerson(tx, SYSTEM_CONTEXT, { ...a, roles: [...a.roles], agencyId });
      if (!agencyId) continue;
      const moved = await tx
        .update(persons)
        .set({ agencyId })
        .where(and(eq(persons.id, id), isNull(persons.agencyId)))
        .returning({ id: persons.id });
      if (moved.length > 0)
        await audit(tx, SYSTEM_CONTEXT, {
          action: 'identity.person.update',
          objectType: 'person',
          objectId: id,
          before: { agencyId: null },
          after: { agencyId },
        });
    }
  });
  return DEMO_ACCOUNTS.map((a) => `${a.username} / ${a.password}  (${a.displayName})`);
}
