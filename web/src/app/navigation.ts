import { Permissions, type Permission } from '../api/permissions.js';
import type { IconName } from './icons.js';

/** One entry of the main navigation; `built: false` modules show the honest "coming soon" page. */
export interface NavItem {
  key:
    | 'home'
    | 'cabinet'
    | 'cabinetBallots'
    | 'cabinetTasks'
    | 'cabinetSearch'
    | 'cabinetDashboard'
    | 'exchange'
    | 'exchangeHub'
    | 'portal'
    | 'outbox'
    | 'jobs'
    | 'agencies'
    | 'people'
    | 'roles'
    | 'oidcClients';
  path: string;
  icon: IconName;
  built: boolean;
  permission?: Permission;
  /** A page inside the module above it: indented in the menu, not a module card on the home page. */
  sub?: boolean;
}

/** Modules every visitor sees, in the order of the menu. */
export const MODULE_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', icon: 'home', built: true },
  { key: 'cabinet', path: '/cabinet', icon: 'cabinet', built: true },
  { key: 'cabinetBallots', path: '/cabinet/ballots', icon: 'tasks', built: true, sub: true },
  { key: 'cabinetTasks', path: '/cabinet/tasks', icon: 'tasks', built: true, sub: true },
  { key: 'cabinetSearch', path: '/cabinet/search', icon: 'search', built: true, sub: true },
  { key: 'cabinetDashboard', path: '/cabinet/dashboard', icon: 'chart', built: true, sub: true },
  { key: 'exchange', path: '/exchange', icon: 'exchange', built: true },
  { key: 'portal', path: '/portal', icon: 'portal', built: false },
];

/** Administration: each item only for holders of its permission. */
export const ADMIN_ITEMS: readonly NavItem[] = [
  { key: 'outbox', path: '/admin/outbox', icon: 'outbox', built: true, permission: Permissions.adminOutbox },
  { key: 'jobs', path: '/admin/jobs', icon: 'jobs', built: true, permission: Permissions.adminJobs },
  { key: 'exchangeHub', path: '/exchange/hub', icon: 'hub', built: true, permission: Permissions.manageHub },
  {
    key: 'agencies',
    path: '/admin/agencies',
    icon: 'agency',
    built: true,
    permission: Permissions.manageAgencies,
  },
  { key: 'people', path: '/admin/people', icon: 'people', built: true, permission: Permissions.managePeople },
  { key: 'roles', path: '/admin/roles', icon: 'role', built: true, permission: Permissions.manageRoles },
  {
    key: 'oidcClients',
    path: '/admin/oidc-clients',
    icon: 'key',
    built: true,
    permission: Permissions.manageOidcClients,
  },
];
