import { isUuid } from '../../platform/db/index.js';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Account, FindAccount } from 'oidc-provider';
import type { Platform } from '../../platform/platform.js';
import { readGrantContext } from './oidc.grant-context.js';
import { agencies, personAgencies, personRoles, persons, sessions } from './schema.js';

/** Claims CPĐT adds to the standard ones, by scope (the provider releases only the scopes granted). */
export const OIDC_CLAIMS = {
  openid: ['sub', 'amr'],
  profile: ['name', 'preferred_username', 'locale'],
  email: ['email'],
  phone: ['phone_number'],
  agency: ['agency', 'agencies'],
  roles: ['roles'],
  acr: null,
  auth_time: null,
  iss: null,
  sid: null,
};

interface AgencyClaim {
  id: string;
  code: string;
  name: string;
}

/** A token whose grant CPĐT recorded at sign-in (all of them here); the type union lacks a common field. */
const grantIdOf = (token: unknown) =>
  typeof token === 'object' && token !== null && 'grantId' in token && typeof token.grantId === 'string'
    ? token.grantId
    : undefined;

/**
 * The person behind `sub`, as relying parties see them: a deactivated person has no account (their tokens
 * stop working), and a refresh token lives no longer than the CPĐT session it came from (revoked at
 * sign-out, or past the absolute lifetime).
 */
export function oidcFindAccount(p: Platform): FindAccount {
  return async (_ctx, sub, token): Promise<Account | undefined> => {
    if (!isUuid(sub)) return undefined;
    const [person] = await p.db.select().from(persons).where(eq(persons.id, sub));
    if (!person?.active) return undefined;
    const now = p.clock.now();
    const context = await readGrantContext(p.db, grantIdOf(token), now);
    if (token?.kind === 'RefreshToken') {
      if (!context) return undefined;
      const [live] = await p.db
        .select({ id: sessions.id })
        .from(sessions)
        .where(
          and(eq(sessions.id, context.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
        );
      if (!live) return undefined;
    }
    return {
      accountId: person.id,
      claims: async () => {
        const posts = await p.db
          .select({
            id: agencies.id,
            code: agencies.code,
            name: agencies.nameVi,
            position: personAgencies.position,
          })
          .from(personAgencies)
          .innerJoin(agencies, eq(agencies.id, personAgencies.agencyId))
          .where(eq(personAgencies.personId, person.id))
          .orderBy(asc(agencies.code));
        const roles = await p.db
          .select({ code: personRoles.roleCode })
          .from(personRoles)
          .where(eq(personRoles.personId, person.id))
          .orderBy(asc(personRoles.roleCode));
        // The agency chosen at sign-in, while the person still holds a post there; otherwise their own.
        const chosen = context?.agencyId;
        const actingId = chosen && posts.some((a) => a.id === chosen) ? chosen : person.agencyId;
        let agency: AgencyClaim | null = posts.find((a) => a.id === actingId) ?? null;
        if (!agency && actingId && isUuid(actingId)) {
          const [found] = await p.db
            .select({ id: agencies.id, code: agencies.code, name: agencies.nameVi })
            .from(agencies)
            .where(eq(agencies.id, actingId));
          agency = found ?? null;
        }
        return {
          sub: person.id,
          name: person.displayName,
          preferred_username: person.username,
          locale: person.locale,
          email: person.email ?? undefined,
          phone_number: person.phone ?? undefined,
          agency: agency ? { id: agency.id, code: agency.code, name: agency.name } : undefined,
          agencies: posts.map((a) => ({ id: a.id, code: a.code, name: a.name, position: a.position })),
          roles: roles.map((r) => r.code),
          amr: context?.amr,
        };
      },
    };
  };
}
