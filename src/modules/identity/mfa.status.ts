import { and, eq, gte, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { governmentMembers, passkeys, personRoles, roles, totpAuthenticators } from './schema.js';

export interface MfaStatus {
  /** The person has a confirmed TOTP authenticator or at least one passkey. */
  enrolled: boolean;
  /** A role of theirs demands a second factor, or they are a serving Government member (security baseline). */
  required: boolean;
}

export async function mfaStatus(tx: Executor, personId: string, today: string): Promise<MfaStatus> {
  const [totp] = await tx
    .select({ personId: totpAuthenticators.personId })
    .from(totpAuthenticators)
    .where(and(eq(totpAuthenticators.personId, personId), isNotNull(totpAuthenticators.confirmedAt)));
  const [key] = await tx
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(eq(passkeys.personId, personId))
    .limit(1);
  const [role] = await tx
    .select({ code: roles.code })
    .from(personRoles)
    .innerJoin(roles, eq(roles.code, personRoles.roleCode))
    .where(and(eq(personRoles.personId, personId), eq(roles.requiresMfa, true)))
    .limit(1);
  const [member] = role
    ? [role]
    : await tx
        .select({ id: governmentMembers.id })
        .from(governmentMembers)
        .where(
          and(
            eq(governmentMembers.personId, personId),
            lte(governmentMembers.validFrom, today),
            or(isNull(governmentMembers.validTo), gte(governmentMembers.validTo, today)),
          ),
        )
        .limit(1);
  return { enrolled: Boolean(totp ?? key), required: Boolean(member) };
}
