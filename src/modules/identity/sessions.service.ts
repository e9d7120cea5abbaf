import { dayInVietnam } from '../../platform/calendar/index.js';
import crypto from 'node:crypto';
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { sha256Hex } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Actor, ActorResolver } from '../../platform/http/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { IdentityErrors } from './errors.js';
import { MfaErrors } from './mfa.errors.js';
import { mfaStatus } from './mfa.status.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { afterFailure } from './lockout.js';
import { announceSessionsEnded } from './oidc.logout.js';
import { agencies, personAgencies, personRoles, persons, roles, sessions } from './schema.js';

export const SESSION_COOKIE = 'cpdt_session';
const TOUCH_EVERY_MS = 60_000;

/** The session token as stored: the same function settleSession uses when it replaces the token. */
const tokenHash = sha256Hex;

export interface SignInInput {
  username: string;
  password: string;
  userAgent?: string | undefined;
}

export interface SignInResult {
  token: string;
  expiresAt: Date;
  person: { id: string; displayName: string };
  /** The second factor still owed before the session is of any use (null: none). */
  pending: 'verify' | 'enrol' | null;
}

export interface NewSession {
  personId: string;
  agencyId: string | null;
  /** How the person proved who they are so far: 'pwd', 'eid', … */
  methods: string[];
  pending: 'verify' | 'enrol' | null;
  ip: string | null;
  userAgent?: string | undefined;
}

/**
 * Opens a session (in the caller's transaction, which audits it) and returns the token for the cookie; only
 * its SHA-256 is stored. Every way of signing in ends here: password, national e-ID, OIDC interactions.
 */
export async function startSession(
  tx: Executor,
  p: Platform,
  input: NewSession,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const now = p.clock.now();
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + p.config.SESSION_ABSOLUTE_HOURS * 3_600_000);
  const [session] = await tx
    .insert(sessions)
    .values({
      tokenHash: tokenHash(token),
      personId: input.personId,
      agencyId: input.agencyId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      methods: input.methods,
      pending: input.pending,
    })
    .returning({ id: sessions.id });
  return { token, expiresAt, sessionId: session!.id };
}

/** What a person must still do after their first factor: prove an enrolled second one, enrol one, or nothing. */
export async function pendingAfterFirstFactor(
  tx: Executor,
  personId: string,
  now: Date,
): Promise<'verify' | 'enrol' | null> {
  const status = await mfaStatus(tx, personId, dayInVietnam(now));
  return status.enrolled ? 'verify' : status.required ? 'enrol' : null;
}

/**
 * A stored hash checked, or, for a person without a password (an e-ID citizen), the same argon2 work done
 * against a decoy and refused: the answer takes as long either way.
 */
async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  if (hash) return verifyPassword(hash, password);
  await verifyPassword(await decoyHash(), password);
  return false;
}

/**
 * Password sign-in. Every attempt is audited; after MAX_FAILED_SIGN_INS wrong passwords the account
 * locks for LOCKOUT_MINUTES, and the lock is reported with its unlock time.
 */
export async function signIn(p: Platform, ctx: AuditContext, input: SignInInput): Promise<SignInResult> {
  const now = p.clock.now();
  const [person] = await p.db
    .select()
    .from(persons)
    .where(eq(persons.username, input.username.trim().toLowerCase()));
  if (!person) {
    await verifyPassword(await decoyHash(), input.password);
    await p.db.transaction((tx) =>
      audit(tx, ctx, {
        action: 'identity.signIn',
        outcome: 'failure',
        detail: IdentityErrors.IDENTITY_BAD_CREDENTIALS,
      }),
    );
    throw new AppError(IdentityErrors.IDENTITY_BAD_CREDENTIALS);
  }
  const who = { ...ctx, actorId: person.id, agencyId: person.agencyId };
  const fail = async (code: string, details?: Record<string, unknown>) => {
    await p.db.transaction(async (tx) => {
      await audit(tx, who, {
        action: 'identity.signIn',
        objectType: 'person',
        objectId: person.id,
        outcome: 'failure',
        detail: code,
      });
    });
    throw new AppError(code, details);
  };
  if (!person.active) return fail(IdentityErrors.IDENTITY_ACCOUNT_DISABLED);
  if (person.lockedUntil && person.lockedUntil > now)
    return fail(IdentityErrors.IDENTITY_ACCOUNT_LOCKED, { lockedUntil: person.lockedUntil.toISOString() });
  if (!(await passwordMatches(person.passwordHash, input.password))) {
    // Counted on the locked row: parallel wrong guesses each count, so the lock cannot be raced past.
    const refusal = await p.db.transaction(async (tx) => {
      const [fresh] = await tx.select().from(persons).where(eq(persons.id, person.id)).for('update');
      // Locked meanwhile by a guess sent alongside this one: stays locked, this guess changes nothing.
      const lock =
        fresh?.lockedUntil && fresh.lockedUntil > now
          ? { failed: fresh.failedAttempts, until: fresh.lockedUntil }
          : afterFailure(fresh ?? person, now);
      await tx
        .update(persons)
        .set({ failedAttempts: lock.failed, lockedUntil: lock.until })
        .where(eq(persons.id, person.id));
      const code = lock.until
        ? IdentityErrors.IDENTITY_ACCOUNT_LOCKED
        : IdentityErrors.IDENTITY_BAD_CREDENTIALS;
      await audit(tx, who, {
        action: 'identity.signIn',
        objectType: 'person',
        objectId: person.id,
        outcome: 'failure',
        detail: code,
      });
      // No count of attempts left: an unknown username would have to fake one, and a count that never
      // falls tells an attacker the account does not exist. The form states the lock policy instead.
      return new AppError(code, lock.until ? { lockedUntil: lock.until.toISOString() } : undefined);
    });
    throw refusal;
  }
  return p.db.transaction(async (tx) => {
    await tx.update(persons).set({ failedAttempts: 0, lockedUntil: null }).where(eq(persons.id, person.id));
    const pending = await pendingAfterFirstFactor(tx, person.id, now);
    const session = await startSession(tx, p, {
      personId: person.id,
      agencyId: person.agencyId,
      methods: ['pwd'],
      pending,
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    await audit(tx, who, {
      action: 'identity.signIn',
      objectType: 'session',
      objectId: session.sessionId,
      after: { methods: ['pwd'], pending },
    });
    return { ...session, pending, person: { id: person.id, displayName: person.displayName } };
  });
}

export async function signOut(p: Platform, ctx: AuditContext, sessionId: string): Promise<void> {
  await p.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: p.clock.now() }).where(eq(sessions.id, sessionId));
    await announceSessionsEnded(tx, p, [sessionId]);
    await audit(tx, ctx, { action: 'identity.signOut', objectType: 'session', objectId: sessionId });
  });
}

function tokenFrom(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return request.cookies[SESSION_COOKIE];
}

/** Resolves the actor from the session cookie (or bearer token), enforcing idle and absolute timeouts. */
export function sessionActorResolver(p: Platform): ActorResolver {
  const idleMs = p.config.SESSION_IDLE_MINUTES * 60_000;
  return async (request) => {
    const token = tokenFrom(request);
    if (!token) return null;
    const now = p.clock.now();
    const [row] = await p.db
      .select({ session: sessions, person: persons })
      .from(sessions)
      .innerJoin(persons, eq(persons.id, sessions.personId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash(token)),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, now),
          gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
          eq(persons.active, true),
        ),
      );
    if (!row) return null;
    if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await p.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
    const granted = await p.db
      .select({ permissions: roles.permissions, requiresMfa: roles.requiresMfa })
      .from(personRoles)
      .innerJoin(roles, eq(roles.code, personRoles.roleCode))
      .where(eq(personRoles.personId, row.person.id));
    const pending = await stillOwed(p, row.session, row.person.id, granted, now);
    const actor: Actor = {
      personId: row.person.id,
      displayName: row.person.displayName,
      agencyId: await actingAgency(p, row.session.agencyId, row.person),
      // Until the second factor is given, the session grants nothing but the way to give it.
      permissions: pending ? new Set() : new Set(granted.flatMap((g) => g.permissions)),
      sessionId: row.session.id,
      methods: row.session.methods,
      pending,
    };
    return actor;
  };
}

const SECOND_FACTORS = new Set(['otp', 'hwk', 'rec']);

/**
 * The second factor a session owes now: what sign-in decided, or, for a session opened before the person was
 * given a role that demands one (made an administrator or a Government member while signed in), what that
 * role demands — the new permissions wait until it is given.
 */
async function stillOwed(
  p: Platform,
  session: { pending: 'verify' | 'enrol' | null; methods: string[] },
  personId: string,
  granted: { requiresMfa: boolean }[],
  now: Date,
): Promise<'verify' | 'enrol' | null> {
  if (session.pending) return session.pending;
  if (!granted.some((g) => g.requiresMfa) || session.methods.some((m) => SECOND_FACTORS.has(m))) return null;
  return (await mfaStatus(p.db, personId, dayInVietnam(now))).enrolled ? 'verify' : 'enrol';
}

/** The agency chosen for the session while it is still one of the person's posts, else their main one. */
async function actingAgency(
  p: Platform,
  chosen: string | null,
  person: { id: string; agencyId: string | null },
): Promise<string | null> {
  if (!chosen || chosen === person.agencyId) return person.agencyId;
  const [post] = await p.db
    .select({ agencyId: personAgencies.agencyId })
    .from(personAgencies)
    .where(and(eq(personAgencies.personId, person.id), eq(personAgencies.agencyId, chosen)));
  return post ? chosen : person.agencyId;
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  methods: string[];
  current: boolean;
}

/** The person's live sessions (not revoked, not expired, not idle), newest activity first. */
export async function listMySessions(
  p: Platform,
  personId: string,
  currentId: string,
): Promise<SessionView[]> {
  const now = p.clock.now();
  const found = await p.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.personId, personId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - p.config.SESSION_IDLE_MINUTES * 60_000)),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return found.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    methods: s.methods,
    current: s.id === currentId,
  }));
}

/** Revokes one of the person's own sessions, or all but the current one (`which` = 'others'). */
export async function revokeMySessions(
  p: Platform,
  ctx: AuditContext,
  personId: string,
  which: { id: string } | { othersThan: string },
): Promise<number> {
  return p.db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: p.clock.now() })
      .where(
        and(
          eq(sessions.personId, personId),
          isNull(sessions.revokedAt),
          'id' in which ? eq(sessions.id, which.id) : ne(sessions.id, which.othersThan),
        ),
      )
      .returning({ id: sessions.id });
    if ('id' in which && revoked.length === 0) throw new AppError(MfaErrors.IDENTITY_SESSION_NOT_FOUND);
    await announceSessionsEnded(tx, p, revoked);
    for (const s of revoked)
      await audit(tx, ctx, { action: 'identity.session.revoke', objectType: 'session', objectId: s.id });
    return revoked.length;
  });
}

/** The agencies a person holds a post in: those they may act for. */
async function postsOf(tx: Executor, personId: string) {
  return tx
    .select({
      id: agencies.id,
      code: agencies.code,
      nameVi: agencies.nameVi,
      nameEn: agencies.nameEn,
      position: personAgencies.position,
    })
    .from(personAgencies)
    .innerJoin(agencies, eq(agencies.id, personAgencies.agencyId))
    .where(eq(personAgencies.personId, personId))
    .orderBy(agencies.nameVi);
}

/** What the session view adds to the actor: username, kind, their posts and the agency acted for. */
export async function sessionPerson(tx: Executor, personId: string, agencyId: string | null) {
  const [person] = await tx
    .select({ username: persons.username, kind: persons.kind })
    .from(persons)
    .where(eq(persons.id, personId));
  const posts = await postsOf(tx, personId);
  const [agency] = agencyId
    ? await tx
        .select({ id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn })
        .from(agencies)
        .where(eq(agencies.id, agencyId))
    : [];
  return { person: person ?? { username: '', kind: 'official' }, agency: agency ?? null, posts };
}

/**
 * Switches the agency a person acts for in this session to another of their posts: what they see and may do
 * in agency-scoped places follows it.
 */
export async function actForAgency(
  p: Platform,
  ctx: AuditContext,
  actor: { personId: string; sessionId: string; agencyId: string | null },
  agencyId: string,
): Promise<void> {
  await p.db.transaction(async (tx) => {
    const posts = await postsOf(tx, actor.personId);
    if (!posts.some((post) => post.id === agencyId))
      throw new AppError(IdentityErrors.IDENTITY_AGENCY_NOT_FOUND);
    await tx.update(sessions).set({ agencyId }).where(eq(sessions.id, actor.sessionId));
    await audit(
      tx,
      { ...ctx, agencyId },
      {
        action: 'identity.session.actFor',
        objectType: 'session',
        objectId: actor.sessionId,
        before: { agencyId: actor.agencyId },
        after: { agencyId },
      },
    );
  });
}
