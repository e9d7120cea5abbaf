import { eq, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { hashPassword } from './passwords.js';
import { BUILTIN_ROLES } from './policy.js';
import type { PersonKind } from './people.model.js';
import { personAgencies, personRoles, persons, roles } from './schema.js';

export interface NewPerson {
  username: string;
  displayName: string;
  password?: string;
  email?: string;
  phone?: string;
  /** The main agency; it also becomes a post (with `position`). */
  agencyId?: string | undefined;
  position?: string;
  roles?: string[];
  kind?: PersonKind;
  personalId?: string;
  birthDate?: string;
}

/**
 * Built-in roles exist on every deployment; an administrator's edits to them are kept. A permission the
 * code grants a built-in role but the stored role lacks (one added by a newer version) is appended; none
 * is ever removed, and names are left as the administrator set them.
 */
export async function ensureBuiltinRoles(tx: Executor): Promise<void> {
  await tx
    .insert(roles)
    .values(BUILTIN_ROLES.map((r) => ({ ...r, permissions: [...r.permissions], builtin: true })))
    .onConflictDoUpdate({
      target: roles.code,
      set: {
        permissions: sql`identity_roles.permissions || array(
          select p from unnest(excluded.permissions) with ordinality as e(p, n)
          where p <> all(identity_roles.permissions) order by n)`,
      },
      setWhere: sql`not (excluded.permissions <@ identity_roles.permissions)`,
    });
}

/** Creates a person unless the username exists; returns the id either way (idempotent seeding). */
export async function ensurePerson(tx: Executor, ctx: AuditContext, input: NewPerson): Promise<string> {
  const username = input.username.trim().toLowerCase();
  const [existing] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.username, username));
  if (existing) return existing.id;
  const [created] = await tx
    .insert(persons)
    .values({
      username,
      displayName: input.displayName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      agencyId: input.agencyId ?? null,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      kind: input.kind ?? 'official',
      personalId: input.personalId ?? null,
      birthDate: input.birthDate ?? null,
    })
    .returning({ id: persons.id });
  const id = created!.id;
  if (input.agencyId)
    await tx
      .insert(personAgencies)
      .values({ personId: id, agencyId: input.agencyId, position: input.position ?? null });
  if (input.roles?.length)
    await tx.insert(personRoles).values(input.roles.map((roleCode) => ({ personId: id, roleCode })));
  await audit(tx, ctx, {
    action: 'identity.person.create',
    objectType: 'person',
    objectId: id,
    after: { username, displayName: input.displayName, roles: input.roles ?? [] },
  });
  return id;
}

export async function findPersonContact(tx: Executor, personId: string) {
  const [p] = await tx
    .select({
      id: persons.id,
      displayName: persons.displayName,
      email: persons.email,
      phone: persons.phone,
      locale: persons.locale,
    })
    .from(persons)
    .where(eq(persons.id, personId));
  return p;
}
