import { dayInVietnam } from '../../platform/calendar/index.js';
import { and, eq, isNull } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { GOVERNMENT_OFFICE_CODE, seedAgencies } from './agencies.seed.js';
import { businessForNewPerson, linkRepresentative } from './businesses.service.js';
import { createDelegation } from './delegations.service.js';
import { addMemberTerm } from './members.service.js';
import type { GovernmentOffice, PersonKind } from './people.model.js';
import { systemPeopleActor } from './people.access.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { agencies, delegations, governmentMembers, personAgencies, persons } from './schema.js';

const PASSWORD = 'Demo@2026';

interface DemoAccount {
  username: string;
  displayName: string;
  roles: string[];
  email: string;
  phone: string;
  /** Agency code of their post (the Government Office when absent, for officials). */
  agencyCode?: string;
  position?: string;
  kind?: PersonKind;
  personalId?: string;
  birthDate?: string;
  /** A Government member's office; ministers head `agencyCode`. */
  member?: { office: GovernmentOffice; titleVi: string; titleEn: string };
  /** Username of the member this secretary acts for. */
  secretaryOf?: string;
  business?: { enterpriseCode: string; name: string; address: string };
}

/**
 * Demo people for a laptop install, all with the password Demo@2026; names are invented. Administrators and
 * Government members are asked to set up a second factor at their first sign-in (the security baseline).
 * Never used unless `cpdt seed --demo` (or the first `npm start`).
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    displayName: 'Quản trị viên hệ thống',
    roles: ['admin', 'official'],
    email: 'admin@cpdt.local',
    phone: '0900000001',
    position: 'Quản trị hệ thống',
  },
  {
    username: 'canbo',
    displayName: 'Nguyễn Văn An',
    roles: ['official'],
    email: 'an.nguyen@cpdt.local',
    phone: '0900000002',
    position: 'Chuyên viên',
  },
  {
    username: 'thutuong',
    displayName: 'Trần Quốc Bình',
    roles: ['official'],
    email: 'thutuong@cpdt.local',
    phone: '0900000003',
    member: { office: 'prime_minister', titleVi: 'Thủ tướng Chính phủ', titleEn: 'Prime Minister' },
  },
  {
    username: 'phothutuong',
    displayName: 'Lê Thị Hạnh',
    roles: ['official'],
    email: 'phothutuong@cpdt.local',
    phone: '0900000004',
    member: {
      office: 'deputy_prime_minister',
      titleVi: 'Phó Thủ tướng Chính phủ',
      titleEn: 'Deputy Prime Minister',
    },
  },
  {
    username: 'botruong.tuphap',
    displayName: 'Hoàng Văn Dũng',
    roles: ['official'],
    email: 'botruong.btp@cpdt.local',
    phone: '0900000005',
    agencyCode: '000.00.00.G15',
    position: 'Bộ trưởng',
    member: { office: 'minister', titleVi: 'Bộ trưởng Bộ Tư pháp', titleEn: 'Minister of Justice' },
  },
  {
    username: 'thuky',
    displayName: 'Đỗ Minh Khoa',
    roles: ['official'],
    email: 'thuky@cpdt.local',
    phone: '0900000006',
    position: 'Thư ký Thủ tướng',
    secretaryOf: 'thutuong',
  },
  {
    username: 'quantri.hanoi',
    displayName: 'Vũ Thị Lan',
    roles: ['agency_admin', 'official'],
    email: 'quantri@hanoi.cpdt.local',
    phone: '0900000007',
    agencyCode: '000.00.00.H24',
    position: 'Quản trị hệ thống',
  },
  {
    username: 'congdan',
    displayName: 'Phan Văn Tài',
    roles: ['citizen'],
    email: 'tai.phan@example.vn',
    phone: '0900000008',
    kind: 'citizen',
    personalId: '001085012345',
    birthDate: '1985-04-30',
  },
  {
    username: 'doanhnghiep',
    displayName: 'Bùi Thị Thu',
    roles: ['business'],
    email: 'thu.bui@example.vn',
    phone: '0900000009',
    kind: 'business',
    business: {
      enterpriseCode: '0101234565',
      name: 'Công ty TNHH Phần mềm Sông Hồng (demo)',
      address: 'Phường Cầu Giấy, Thành phố Hà Nội',
    },
  },
];

async function currentAgencyId(tx: Executor, code: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.code, code), isNull(agencies.validTo)));
  return row?.id;
}

async function personId(tx: Executor, username: string): Promise<string> {
  const [row] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.username, username));
  return row!.id;
}

/** An account created before posts existed (an older demo) gets its main agency as a post. */
async function ensurePost(tx: Executor, id: string, agencyId: string, position: string | undefined) {
  const moved = await tx
    .update(persons)
    .set({ agencyId })
    .where(and(eq(persons.id, id), isNull(persons.agencyId)))
    .returning({ id: persons.id });
  const posted = await tx
    .insert(personAgencies)
    .values({ personId: id, agencyId, position: position ?? null })
    .onConflictDoNothing()
    .returning({ agencyId: personAgencies.agencyId });
  if (moved.length || posted.length)
    await audit(tx, SYSTEM_CONTEXT, {
      action: 'identity.person.update',
      objectType: 'person',
      objectId: id,
      after: { agencyId, post: posted.length > 0 },
    });
}

/**
 * Reference data (administrative units when there are none, the agency registry), then the demo people:
 * officials of the Government Office, Government members with their terms, a secretary acting for the Prime
 * Minister, an agency administrator in Hà Nội, a citizen and a business representative. Idempotent.
 */
export async function seedIdentityDemo(p: Platform): Promise<string[]> {
  const now = p.clock.now();
  const actor = systemPeopleActor(now);
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    await seedAgencies(tx, now); // imports the administrative units first if there are none
    const office = await currentAgencyId(tx, GOVERNMENT_OFFICE_CODE);
    for (const a of DEMO_ACCOUNTS) {
      const agencyId = a.kind ? undefined : a.agencyCode ? await currentAgencyId(tx, a.agencyCode) : office;
      const id = await ensurePerson(tx, SYSTEM_CONTEXT, {
        ...a,
        password: PASSWORD,
        roles: [...a.roles],
        agencyId,
      });
      if (agencyId) await ensurePost(tx, id, agencyId, a.position);
      if (a.member) {
        const [term] = await tx
          .select({ id: governmentMembers.id })
          .from(governmentMembers)
          .where(eq(governmentMembers.personId, id));
        if (!term)
          await addMemberTerm(tx, actor, id, {
            ...a.member,
            agencyId: a.member.office === 'minister' ? (agencyId ?? null) : null,
            validFrom: dayInVietnam(now),
          });
      }
      if (a.secretaryOf) {
        const principalId = await personId(tx, a.secretaryOf);
        const [existing] = await tx
          .select({ id: delegations.id })
          .from(delegations)
          .where(and(eq(delegations.principalId, principalId), eq(delegations.delegateId, id)));
        if (!existing)
          await createDelegation(tx, actor, { principalId, delegateId: id, validFrom: dayInVietnam(now) });
      }
      if (a.business) {
        const businessId = await businessForNewPerson(tx, actor, a.business);
        await linkRepresentative(tx, id, businessId, { role: 'legal', validFrom: null, validTo: null });
      }
    }
  });
  const lines = DEMO_ACCOUNTS.map((a) => `${a.username.padEnd(16)} / ${PASSWORD}  (${a.displayName})`);
  return [
    ...lines,
    'Quản trị viên và thành viên Chính phủ thiết lập xác thực hai bước ở lần đăng nhập đầu. / ' +
      'Administrators and Government members set up two-step sign-in at their first sign-in.',
  ];
}
