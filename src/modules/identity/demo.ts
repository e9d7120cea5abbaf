import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import type { Platform } from '../../platform/platform.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';

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

export async function seedIdentityDemo(p: Platform): Promise<string[]> {
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    for (const a of DEMO_ACCOUNTS) await ensurePerson(tx, SYSTEM_CONTEXT, { ...a, roles: [...a.roles] });
  });
  return DEMO_ACCOUNTS.map((a) => `${a.username} / ${a.password}  (${a.displayName})`);
}
