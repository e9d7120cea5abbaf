/**
 * Permission names used across the platform. Roles (data in identity_roles) grant them; routes check
 * them with requirePermission(); object-level checks live in each module's policy.ts.
 */
export const Permissions = {
  adminJobs: 'platform.jobs.manage',
  adminOutbox: 'platform.outbox.read',
  adminCalendar: 'platform.calendar.manage',
  adminAudit: 'platform.audit.read',
  adminBackup: 'platform.backup.run',
  /** Create, rename, merge and retire agencies in the registry. */
  manageAgencies: 'identity.agencies.manage',
} as const;

/** Who may change the agency registry (services check this first; routes check it before parsing). */
export function mayManageAgencies(actor: { permissions: ReadonlySet<string> }): boolean {
  return actor.permissions.has(Permissions.manageAgencies);
}

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * The built-in roles seeded on first start; deployments may edit them. A permission added here later is
 * added to the existing role on the next start (ensureBuiltinRoles), without removing any.
 */
export const BUILTIN_ROLES = [
  {
    code: 'admin',
    nameVi: 'Quản trị hệ thống',
    nameEn: 'System administrator',
    permissions: Object.values(Permissions),
  },
  { code: 'official', nameVi: 'Cán bộ, công chức', nameEn: 'Official', permissions: [] },
] as const;
