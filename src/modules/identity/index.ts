import { registerDerivedRolesJob } from './derived-roles.js';
import type { FastifyInstance } from 'fastify';
import type { CpdtModule } from '../../platform/module.js';
import type { Platform } from '../../platform/platform.js';
import { adminUnitsRoutes } from './admin-units.routes.js';
import { agenciesRoutes } from './agencies.routes.js';
import { authRoutes } from './auth.routes.js';
import { certificatesRoutes } from './certificates.routes.js';
import { seedIdentityDemo } from './demo.js';
import { eidRoutes } from './eid.routes.js';
import { mfaRoutes } from './mfa.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { peopleRoutes } from './people.routes.js';
import { rolesRoutes } from './roles.routes.js';
import { signingRoutes } from './signing.routes.js';

/** Sign-in, second factors, e-ID, the OpenID provider, people and roles, certificates, units and agencies. */
async function identityRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  await authRoutes(app, p);
  await mfaRoutes(app, p);
  await eidRoutes(app, p);
  await oidcRoutes(app, p);
  await peopleRoutes(app, p);
  await rolesRoutes(app, p);
  await certificatesRoutes(app, p);
  await signingRoutes(app, p);
  await adminUnitsRoutes(app, p);
  await agenciesRoutes(app, p);
}

export const identityModule: CpdtModule = {
  name: 'identity',
  routes: identityRoutes,
  jobs: registerDerivedRolesJob,
  seedDemo: seedIdentityDemo,
};

export { sessionActorResolver, SESSION_COOKIE } from './sessions.service.js';
export { Permissions } from './policy.js';
export { ensureBuiltinRoles, ensurePerson, findPersonContact, type NewPerson } from './persons.service.js';
export { delegatesOf, delegationsOf, isDelegateOf, type Principal } from './delegations.service.js';
export { personBriefs, personIdByUsername, type PersonBriefView } from './persons.brief.js';
export { officialsOf, type OfficialView } from './persons.officials.js';
export { agencyScope, inScope, type ScopedActor } from './scope.js';
export { DEMO_ACCOUNTS } from './demo.js';
export { importAdminUnits, ensureAdminUnits, type AdminUnitsImport } from './admin-units.import.js';
export {
  adminUnitSuccessorsOf,
  searchAdminUnits,
  type AdminUnitSuccession,
  type AdminUnitView,
} from './admin-units.service.js';
export {
  checkAgencyCode,
  requireAgencyCode,
  parentAgencyCode,
  type AgencyCodeCheck,
  type AgencyCodeLevels,
} from './agency-code.js';
export {
  createAgency,
  getAgency,
  listAgencies,
  mergeAgencies,
  renameAgency,
  resolveAgencyCode,
  retireAgency,
  systemAgencyActor,
  type AgencyActor,
} from './agencies.service.js';
export type { AgencyDetail, AgencyLevel, AgencyResolution, AgencyView } from './agencies.model.js';
export { seedAgencies, GOVERNMENT_OFFICE_CODE } from './agencies.seed.js';
export {
  activeCertificates,
  findCertificateHolder,
  registerCertificate,
  type ActiveCertificate,
  type CertificateHolder,
  type CertificateSource,
  type CertificateView,
} from './certificates.service.js';
export {
  certificatesByFingerprint,
  certificatesById,
  type CertificateRecord,
} from './certificates.lookup.js';
export { createAdministrator, recoverAccount } from './break-glass.js';
export {
  completeSignature,
  completeSignatures,
  warmSigningCertificates,
  prepareSignature,
  SIGNING_TIME_TOLERANCE_MS,
  type CompleteSignatureInput,
  type CompletedSignature,
  type PrepareSignatureInput,
  type PreparedSignature,
} from './signatures.service.js';
export { SignatureErrors } from './signatures.errors.js';
