import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publicOrigin, type Actor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { consumeChallenge, saveChallenge } from './challenges.js';
import { IdentityErrors } from './errors.js';
import { MfaErrors } from './mfa.errors.js';
import { settleSession } from './mfa.service.js';
import { passkeys, persons } from './schema.js';
import { startSession } from './sessions.service.js';

const CEREMONY_MS = 5 * 60_000;

export interface RelyingParty {
  rpID: string;
  origin: string;
}

/**
 * The WebAuthn relying party: the deployment's public URL when configured (behind a proxy it is the only
 * trustworthy answer), else the host the browser used.
 */
export function relyingParty(p: Platform, request: FastifyRequest): RelyingParty {
  const url = new URL(publicOrigin(p.config, request));
  return { rpID: url.hostname, origin: url.origin };
}

const fromBase64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/** Options for navigator.credentials.create(); the challenge is kept server-side until the answer. */
export async function passkeyRegistrationOptions(p: Platform, actor: Actor, rp: RelyingParty) {
  if (actor.pending === 'verify') throw new AppError(MfaErrors.IDENTITY_MFA_VERIFY_FIRST);
  const [person] = await p.db
    .select({ username: persons.username, displayName: persons.displayName })
    .from(persons)
    .where(eq(persons.id, actor.personId));
  const existing = await p.db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.personId, actor.personId));
  const options = await generateRegistrationOptions({
    rpName: 'CPĐT',
    rpID: rp.rpID,
    userName: person!.username,
    userDisplayName: person!.displayName,
    userID: new TextEncoder().encode(actor.personId),
    attestationType: 'none',
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const challengeId = await p.db.transaction((tx) =>
    saveChallenge(tx, {
      purpose: 'passkey.register',
      personId: actor.personId,
      data: { challenge: options.challenge, ...rp },
      now: p.clock.now(),
      ttlMs: CEREMONY_MS,
    }),
  );
  return { challengeId, options };
}

export async function registerPasskey(
  p: Platform,
  ctx: AuditContext,
  actor: Actor,
  input: { challengeId: string; response: RegistrationResponseJSON; name: string },
) {
  if (actor.pending === 'verify') throw new AppError(MfaErrors.IDENTITY_MFA_VERIFY_FIRST);
  const now = p.clock.now();
  return p.db.transaction(async (tx) => {
    const challenge = await consumeChallenge<{ challenge: string } & RelyingParty>(
      tx,
      input.challengeId,
      'passkey.register',
      now,
    );
    if (!challenge || challenge.personId !== actor.personId)
      throw new AppError(MfaErrors.IDENTITY_PASSKEY_CHALLENGE_INVALID);
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.data.challenge,
      expectedOrigin: challenge.data.origin,
      expectedRPID: challenge.data.rpID,
      requireUserVerification: false,
    }).catch(() => ({ verified: false as const }));
    if (!result.verified) throw new AppError(MfaErrors.IDENTITY_PASSKEY_INVALID);
    const credential = result.registrationInfo.credential;
    const [row] = await tx
      .insert(passkeys)
      .values({
        personId: actor.personId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        name: input.name,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id });
    if (!row) throw new AppError(MfaErrors.IDENTITY_PASSKEY_INVALID, { reason: 'duplicate' });
    const session = actor.pending === 'enrol' ? await settleSession(tx, actor.sessionId, 'hwk') : null;
    await audit(tx, ctx, {
      action: 'identity.mfa.passkey.enrol',
      objectType: 'passkey',
      objectId: row.id,
      after: { name: input.name },
    });
    return { id: row.id, session };
  });
}

/**
 * Options for navigator.credentials.get(): for a session that owes its second factor, that person's passkeys;
 * with no session, any discoverable passkey (passwordless sign-in, user verification required).
 */
export async function passkeyAuthenticationOptions(p: Platform, actor: Actor | null, rp: RelyingParty) {
  const personId = actor?.pending === 'verify' ? actor.personId : null;
  const allow = personId
    ? await p.db
        .select({ id: passkeys.credentialId, transports: passkeys.transports })
        .from(passkeys)
        .where(eq(passkeys.personId, personId))
    : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: allow,
    userVerification: personId ? 'preferred' : 'required',
  });
  const challengeId = await p.db.transaction((tx) =>
    saveChallenge(tx, {
      purpose: 'passkey.authenticate',
      personId,
      // A second-factor ceremony belongs to the half-open session that asked for it, and to no other.
      data: { challenge: options.challenge, ...rp, sessionId: personId ? actor!.sessionId : null },
      now: p.clock.now(),
      ttlMs: CEREMONY_MS,
    }),
  );
  return { challengeId, options };
}

/**
 * Checks a passkey assertion. It either settles the caller's pending session (second factor) or, for a
 * passwordless sign-in, opens a new full session: a passkey with user verification is itself two factors.
 */
export async function authenticateWithPasskey(
  p: Platform,
  ctx: AuditContext,
  actor: Actor | null,
  input: { challengeId: string; response: AuthenticationResponseJSON; userAgent?: string | undefined },
): Promise<{ token: string; expiresAt: Date; person: { id: string; displayName: string } }> {
  const now = p.clock.now();
  const outcome = await p.db.transaction(async (tx) => {
    const challenge = await consumeChallenge<{ challenge: string; sessionId: string | null } & RelyingParty>(
      tx,
      input.challengeId,
      'passkey.authenticate',
      now,
    );
    if (!challenge) return { refusal: new AppError(MfaErrors.IDENTITY_PASSKEY_CHALLENGE_INVALID) };
    const [found] = await tx
      .select({ key: passkeys, person: persons })
      .from(passkeys)
      .innerJoin(persons, eq(persons.id, passkeys.personId))
      .where(eq(passkeys.credentialId, input.response.id));
    const fail = async (code: string, personId?: string) => {
      await audit(
        tx,
        { ...ctx, actorId: personId ?? ctx.actorId },
        {
          action: 'identity.signIn.passkey',
          ...(personId ? { objectType: 'person', objectId: personId } : {}),
          outcome: 'failure',
          detail: code,
        },
      );
      return { refusal: new AppError(code) };
    };
    const secondFactorFor = challenge.personId;
    const sameHalfOpenSession =
      actor?.pending === 'verify' &&
      actor.personId === secondFactorFor &&
      actor.sessionId === challenge.data.sessionId;
    if (!found || (secondFactorFor && (found.person.id !== secondFactorFor || !sameHalfOpenSession)))
      return fail(MfaErrors.IDENTITY_PASSKEY_INVALID, secondFactorFor ?? undefined);
    if (!found.person.active) return fail(IdentityErrors.IDENTITY_ACCOUNT_DISABLED, found.person.id);
    if (found.person.lockedUntil && found.person.lockedUntil > now)
      return fail(IdentityErrors.IDENTITY_ACCOUNT_LOCKED, found.person.id);
    const result = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge.data.challenge,
      expectedOrigin: challenge.data.origin,
      expectedRPID: challenge.data.rpID,
      requireUserVerification: !secondFactorFor,
      credential: {
        id: found.key.credentialId,
        publicKey: fromBase64url(found.key.publicKey),
        counter: found.key.counter,
        transports: found.key.transports,
      },
    }).catch(() => ({ verified: false, authenticationInfo: null }));
    if (!result.verified || !result.authenticationInfo)
      return fail(MfaErrors.IDENTITY_PASSKEY_INVALID, found.person.id);
    await tx
      .update(passkeys)
      .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: now })
      .where(and(eq(passkeys.id, found.key.id)));
    await tx
      .update(persons)
      .set({ failedAttempts: 0, lockedUntil: null })
      .where(eq(persons.id, found.person.id));
    const who = { ...ctx, actorId: found.person.id, agencyId: found.person.agencyId };
    let session: { token: string; expiresAt: Date; sessionId: string };
    if (secondFactorFor && actor) {
      session = { ...(await settleSession(tx, actor.sessionId, 'hwk')), sessionId: actor.sessionId };
    } else {
      session = await startSession(tx, p, {
        personId: found.person.id,
        agencyId: found.person.agencyId,
        methods: ['hwk'],
        pending: null,
        ip: ctx.ip,
        userAgent: input.userAgent,
      });
    }
    await audit(tx, who, {
      action: secondFactorFor ? 'identity.signIn.secondFactor' : 'identity.signIn',
      objectType: 'session',
      objectId: session.sessionId,
      after: { method: 'hwk', passkey: found.key.id },
    });
    return { session, person: { id: found.person.id, displayName: found.person.displayName } };
  });
  if (outcome.refusal) throw outcome.refusal;
  return { ...outcome.session, person: outcome.person };
}
