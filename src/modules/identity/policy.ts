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
  /** Create and edit people, their posts, roles and delegations; unlock accounts. Agency-scoped. */
  managePeople: 'identity.people.manage',
  /** Define roles and the permissions they grant. */
  manageRoles: 'identity.roles.manage',
  /** Register the systems that sign in through CPĐT's OpenID provider. Agency-scoped. */
  manageOidcClients: 'identity.oidc.manage',
  /** Prepare meetings of the bodies of one's agency: composition, agenda, papers, invitations. */
  manageMeetings: 'cabinet.meetings.manage',
  /** Follow up the tasks of conclusion notices (the Government Office follow-up officer). Agency-scoped. */
  followTasks: 'cabinet.tasks.follow',
  /** Define bodies, their members and the rule profiles they meet under. */
  manageBodies: 'cabinet.bodies.manage',
  /** Draft, send, extend, recall and close written opinion ballots of the agency's bodies. Agency-scoped. */
  prepareBallots: 'cabinet.ballots.prepare',
  /** Approve a ballot drafted by someone else before it is sent (the office leader). Agency-scoped. */
  approveBallots: 'cabinet.ballots.approve',
  /**
   * The documents office (văn thư) of an agency node: register, assign and reject incoming documents, compose and
   * send outgoing ones, answer revocations and updates. Agency-scoped.
   */
  manageDocuments: 'exchange.documents.manage',
  /** Run the hub: connected systems, their credentials and limits, the traffic and its failures. */
  manageHub: 'exchange.hub.manage',
  /** Lifts the agency scope: the holder's agency-scoped permissions reach every agency. */
  allAgencies: 'identity.scope.all',
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
 * `requiresMfa` follows the security baseline: administrators and Government members use a second factor.
 */
export const BUILTIN_ROLES = [
  {
    code: 'admin',
    nameVi: 'Quản trị hệ thống',
    nameEn: 'System administrator',
    permissions: Object.values(Permissions),
    requiresMfa: true,
  },
  {
    code: 'agency_admin',
    nameVi: 'Quản trị cơ quan',
    nameEn: 'Agency administrator',
    permissions: [Permissions.managePeople, Permissions.manageOidcClients, Permissions.manageBodies],
    requiresMfa: true,
  },
  { code: 'official', nameVi: 'Cán bộ, công chức', nameEn: 'Official', permissions: [], requiresMfa: false },
  {
    code: 'meeting_office',
    nameVi: 'Chuyên viên chuẩn bị phiên họp',
    nameEn: 'Meeting office',
    permissions: [Permissions.manageMeetings, Permissions.followTasks, Permissions.prepareBallots],
    requiresMfa: false,
  },
  {
    code: 'documents_clerk',
    nameVi: 'Văn thư',
    nameEn: 'Documents clerk',
    permissions: [Permissions.manageDocuments],
    requiresMfa: false,
  },
  {
    code: 'member',
    nameVi: 'Thành viên Chính phủ',
    nameEn: 'Government member',
    permissions: [],
    requiresMfa: true,
  },
  {
    code: 'secretary',
    nameVi: 'Thư ký',
    nameEn: 'Secretary',
    permissions: [],
    requiresMfa: false,
  },
  { code: 'citizen', nameVi: 'Công dân', nameEn: 'Citizen', permissions: [], requiresMfa: false },
  {
    code: 'business',
    nameVi: 'Đại diện doanh nghiệp',
    nameEn: 'Business representative',
    permissions: [],
    requiresMfa: false,
  },
] as const;
