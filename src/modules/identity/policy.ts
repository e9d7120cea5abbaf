/**
 * Permission names used across the platform. Roles (data in identity_roles) grant them; routes check
 * them with requirePermission(); object-level checks live in each module's policy.ts.
 */
export const Permissions = {
  adminJobs: 'platform.jobs.manage',
  adminOutbox: 'platform.outbox.read',
  adminCalendar: 'platform.calendar.manage',
  adminAudit: 'platform.audit.read',
} as const;

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

/** The built-in roles seeded on first start; deployments may edit them. */
export const BUILTIN_ROLES = [
  {
    code: 'admin',
    nameVi: 'Quản trị hệ thống',
    nameEn: 'System administrator',
    permissions: Object.values(Permissions),
  },
  { code: 'official', nameVi: 'Cán bộ, công chức', nameEn: 'Official', permissions: [] },
] as const;
