/** Permission names the web app checks to show menus; the server enforces them (identity/policy.ts). */
export const Permissions = {
  adminJobs: 'platform.jobs.manage',
  adminOutbox: 'platform.outbox.read',
  manageAgencies: 'identity.agencies.manage',
  managePeople: 'identity.people.manage',
  manageRoles: 'identity.roles.manage',
  manageOidcClients: 'identity.oidc.manage',
  manageMeetings: 'cabinet.meetings.manage',
  manageBodies: 'cabinet.bodies.manage',
  followTasks: 'cabinet.tasks.follow',
  prepareBallots: 'cabinet.ballots.prepare',
  approveBallots: 'cabinet.ballots.approve',
  /** The documents office (văn thư) of an agency node: incoming and outgoing documents. Agency-scoped. */
  manageDocuments: 'exchange.documents.manage',
  /** Runs the exchange hub: connected systems, traffic, failed deliveries. */
  manageHub: 'exchange.hub.manage',
  /** Lifts the agency scope of the other administration permissions. */
  allAgencies: 'identity.scope.all',
} as const;

export type Permission = (typeof Permissions)[keyof typeof Permissions];
