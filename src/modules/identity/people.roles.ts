/** Giving and taking roles, under the no-escalation rule of people.access.ts. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { permissionsOfRoles, requireHeld, rolesOfPerson, type PeopleActor } from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import { personRoles, roles } from './schema.js';

/** Deduplicated, sorted role codes that all exist; IDENTITY_ROLE_NOT_FOUND names the first that does not. */
export async function existingRoles(tx: Executor, value: unknown): Promise<string[]> {
  if (!Array.isArray(value) || value.some((c) => typeof c !== 'string'))
    throw new AppError(PeopleErrors.IDENTITY_PERSON_INVALID, { field: 'roles', reason: 'notList' });
  const codes = [...new Set(value as string[])].sort();
  if (codes.length === 0) return [];
  const found = new Set(
    (await tx.select({ code: roles.code }).from(roles).where(inArray(roles.code, codes))).map((r) => r.code),
  );
  const missing = codes.find((c) => !found.has(c));
  if (missing !== undefined) throw new AppError(PeopleErrors.IDENTITY_ROLE_NOT_FOUND, { code: missing });
  return codes;
}

/** Gives the role unless the person holds it; true when it was given. */
export async function grantRole(tx: Executor, personId: string, code: string): Promise<boolean> {
  const added = await tx
    .insert(personRoles)
    .values({ personId, roleCode: code })
    .onConflictDoNothing()
    .returning({ code: personRoles.roleCode });
  return added.length > 0;
}

/**
 * Makes `codes` the person's roles. The actor must hold every permission of every role given or taken,
 * and may not change their own roles (an administrator cannot lock themselves out, nor lift themselves up).
 */
export async function setRoles(
  tx: Executor,
  actor: PeopleActor,
  personId: string,
  codes: readonly string[],
): Promise<{ added: string[]; removed: string[] }> {
  const current = await rolesOfPerson(tx, personId);
  const added = codes.filter((c) => !current.includes(c));
  const removed = current.filter((c) => !codes.includes(c));
  if (added.length === 0 && removed.length === 0) return { added, removed };
  if (personId === actor.personId) throw new AppError(PeopleErrors.IDENTITY_PERSON_SELF, { field: 'roles' });
  requireHeld(actor, await permissionsOfRoles(tx, [...added, ...removed]));
  if (removed.length > 0)
    await tx
      .delete(personRoles)
      .where(and(eq(personRoles.personId, personId), inArray(personRoles.roleCode, removed)));
  if (added.length > 0)
    await tx.insert(personRoles).values(added.map((roleCode) => ({ personId, roleCode })));
  return { added, removed };
}
