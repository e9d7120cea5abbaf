import type { CpdtModule } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';
import { seedIdentityDemo } from './demo.js';

export const identityModule: CpdtModule = {
  name: 'identity',
  routes: authRoutes,
  seedDemo: seedIdentityDemo,
};

export { sessionActorResolver, SESSION_COOKIE } from './sessions.service.js';
export { Permissions } from './policy.js';
export { ensureBuiltinRoles, ensurePerson, findPersonContact, type NewPerson } from './persons.service.js';
export { DEMO_ACCOUNTS } from './demo.js';
