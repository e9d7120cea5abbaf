/**
 * Roles as data: each grants a set of known permissions and may demand a second factor. Built-in roles can
 * be renamed and given more permissions, never deleted nor stripped of the ones the code gives them
 * (ensureBuiltinRoles would put those back on the next start anyway). Nobody puts into or takes out of a
 * role a permission they do not hold themselves.
 */
import { asc, count, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { toNumber, type Executor } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import { requireHeld, type PeopleActor } from './people.access.js';
import { PeopleErrors } from './people.errors.js';
import { optionalText } from './people.validate.js';
import { BUILTIN_ROLES, Permissions } from './policy.js';
import { isKnownPermission, ROLE_CODE_PATTERN, ROLE_NAME_MAX, type RoleView } from './roles.model.js';
import { personRoles, roles } from './schema.js';

type RoleRow = typeof roles.$inferSelect;
export type RolesActor = Pick<PeopleActor, 'permissions' | 'audit'>;

export interface NewRole {
  code: string;
  nameVi: string;
  nameEn: string;
  permissions?: string[] | undefined;
  requiresMfa?: boolean | undefined;
}

export interface RoleChange {
  nameVi?: string | undefined;
  nameEn?: string | undefined;
  permissions?: string[] | undefined;
  requiresMfa?: boolean | undefined;
}

const invalid = (field: string, reason: string) =>
  new AppError(PeopleErrors.IDENTITY_ROLE_INVALID, { field, reason });

function requireRoleManager(actor: RolesActor): void {
  if (!actor.permissions.has(Permissions.manageRoles))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.manageRoles });
}

function roleName(value: unknown, field: string): string {
  const name = optionalText(value, field, ROLE_NAME_MAX, invalid);
  if (name === null) throw invalid(field, 'required');
  return name;
}

/** Known, deduplicated, sorted. */
function checkPermissions(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((p) => typeof p !== 'string'))
    throw invalid('permissions', 'notList');
  const list = [...new Set(value as string[])].sort();
  const unknown = list.filter((p) => !isKnownPermission(p));
  if (unknown.length > 0) throw new AppError(PeopleErrors.IDENTITY_ROLE_PERMISSION_UNKNOWN, { unknown });
  return list;
}

function view(row: RoleRow, holders: number): RoleView {
  return {
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    permissions: [...row.permissions].sort(),
    requiresMfa: row.requiresMfa,
    builtin: row.builtin,
    holders,
  };
}

async function holdersOf(tx: Executor, code: string): Promise<number> {
  const [n] = await tx.select({ n: count() }).from(personRoles).where(eq(personRoles.roleCode, code));
  return toNumber(n?.n);
}

async function findRole(tx: Executor, code: unknown, forUpdate = false): Promise<RoleRow> {
  if (typeof code !== 'string' || !ROLE_CODE_PATTERN.test(code))
    throw new AppError(PeopleErrors.IDENTITY_ROLE_NOT_FOUND, { code });
  const query = tx.select().from(roles).where(eq(roles.code, code));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError(PeopleErrors.IDENTITY_ROLE_NOT_FOUND, { code });
  return row;
}

/** Every role with its holders; people managers read it too, to assign roles. */
export async function listRoles(tx: Executor, actor: RolesActor): Promise<RoleView[]> {
  if (!actor.permissions.has(Permissions.manageRoles) && !actor.permissions.has(Permissions.managePeople))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.manageRoles });
  const rows = await tx.select().from(roles).orderBy(asc(roles.builtin), asc(roles.code));
  const counts = await tx
    .select({ code: personRoles.roleCode, n: count() })
    .from(personRoles)
    .groupBy(personRoles.roleCode);
  const byCode = new Map(counts.map((c) => [c.code, toNumber(c.n)]));
  // built-in roles first, in the order the code lists them; then the deployment's own, by code
  const order = new Map<string, number>(BUILTIN_ROLES.map((r, i) => [r.code, i]));
  return rows
    .map((r) => view(r, byCode.get(r.code) ?? 0))
    .sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99) || a.code.localeCompare(b.code));
}

export async function createRole(tx: Executor, actor: RolesActor, input: NewRole): Promise<RoleView> {
  requireRoleManager(actor);
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!ROLE_CODE_PATTERN.test(code)) throw invalid('code', 'format');
  const row = {
    code,
    nameVi: roleName(input.nameVi, 'nameVi'),
    nameEn: roleName(input.nameEn, 'nameEn'),
    permissions: checkPermissions(input.permissions ?? []),
    requiresMfa: input.requiresMfa === true,
    builtin: false,
  };
  requireHeld(actor, row.permissions);
  const [created] = await tx.insert(roles).values(row).onConflictDoNothing().returning();
  if (!created) throw new AppError(PeopleErrors.IDENTITY_ROLE_DUPLICATE, { code });
  const after = view(created, 0);
  await audit(tx, actor.audit, { action: 'identity.role.create', objectType: 'role', objectId: code, after });
  return after;
}

export async function updateRole(
  tx: Executor,
  actor: RolesActor,
  code: string,
  input: RoleChange,
): Promise<RoleView> {
  requireRoleManager(actor);
  const nameVi = input.nameVi === undefined ? undefined : roleName(input.nameVi, 'nameVi');
  const nameEn = input.nameEn === undefined ? undefined : roleName(input.nameEn, 'nameEn');
  const permissions = input.permissions === undefined ? undefined : checkPermissions(input.permissions);
  if (input.requiresMfa !== undefined && typeof input.requiresMfa !== 'boolean')
    throw invalid('requiresMfa', 'notBoolean');
  const old = await findRole(tx, code, true);
  if (permissions) {
    const added = permissions.filter((p) => !old.permissions.includes(p));
    const removed = old.permissions.filter((p) => !permissions.includes(p));
    requireHeld(actor, [...added, ...removed]);
    const builtin = BUILTIN_ROLES.find((r) => r.code === old.code);
    const lost = old.builtin ? (builtin?.permissions ?? []).filter((p) => removed.includes(p)) : [];
    if (lost.length > 0) throw new AppError(PeopleErrors.IDENTITY_ROLE_BUILTIN, { code, permissions: lost });
  }
  // The security baseline's MFA demand on a built-in role is not for an administrator to lift.
  if (
    input.requiresMfa === false &&
    old.builtin &&
    BUILTIN_ROLES.find((r) => r.code === old.code)?.requiresMfa
  )
    throw new AppError(PeopleErrors.IDENTITY_ROLE_BUILTIN, { code, requiresMfa: true });
  const holders = await holdersOf(tx, old.code);
  const [row] = await tx
    .update(roles)
    .set({
      ...(nameVi !== undefined ? { nameVi } : {}),
      ...(nameEn !== undefined ? { nameEn } : {}),
      ...(permissions !== undefined ? { permissions } : {}),
      ...(input.requiresMfa !== undefined ? { requiresMfa: input.requiresMfa } : {}),
    })
    .where(eq(roles.code, old.code))
    .returning();
  const after = view(row!, holders);
  await audit(tx, actor.audit, {
    action: 'identity.role.update',
    objectType: 'role',
    objectId: old.code,
    before: view(old, holders),
    after,
  });
  return after;
}

export async function deleteRole(tx: Executor, actor: RolesActor, code: string): Promise<void> {
  requireRoleManager(actor);
  const old = await findRole(tx, code, true);
  if (old.builtin) throw new AppError(PeopleErrors.IDENTITY_ROLE_BUILTIN, { code: old.code });
  const holders = await holdersOf(tx, old.code);
  if (holders > 0) throw new AppError(PeopleErrors.IDENTITY_ROLE_IN_USE, { code: old.code, holders });
  requireHeld(actor, old.permissions);
  await tx.delete(roles).where(eq(roles.code, old.code));
  await audit(tx, actor.audit, {
    action: 'identity.role.delete',
    objectType: 'role',
    objectId: old.code,
    before: view(old, 0),
  });
}
