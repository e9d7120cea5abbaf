import { dayInVietnam } from '../../platform/calendar/index.js';
import crypto from 'node:crypto';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import { sha256Hex } from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Actor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { IdentityErrors } from './errors.js';
import { afterFailure, remainingAttempts } from './lockout.js';
import { MfaErrors } from './mfa.errors.js';
import { mfaStatus } from './mfa.status.js';
import { announceSessionsEnded } from './oidc.logout.js';
import { passkeys, persons, recoveryCodes, sessions, totpAuthenticators } from './schema.js';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp.js';

const RECOVERY_CODE_COUNT = 10;
const TOTP_ISSUER = 'CPĐT';

/** The secret is sealed under the person's id, so a row copied to another person does not open. */
const sealContext = (personId: string) => `totp:${personId}`;

export interface MfaSummary {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  recoveryCodesLeft: number;
  required: boolean;
}

export async function mfaSummary(tx: Executor, personId: string, now: Date): Promise<MfaSummary> {
  const status = await mfaStatus(tx, personId, dayInVietnam(now));
  const [totp] = await tx
    .select({ confirmedAt: totpAuthenticators.confirmedAt })
    .from(totpAuthenticators)
    .where(eq(totpAuthenticators.personId, personId));
  const keys = await tx
    .select()
    .from(passkeys)
    .where(eq(passkeys.personId, personId))
    .orderBy(passkeys.createdAt);
  const [left] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)));
  return {
    totp: Boolean(totp?.confirmedAt),
    passkeys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    })),
    recoveryCodesLeft: Number(left?.n ?? 0),
    required: status.required,
  };
}

/**
 * The second factor has been given (or set up): the session becomes a full one. Its token is replaced, so a
 * token seen before this step (on a shared computer, in a log) is worth nothing afterwards.
 */
export async function settleSession(
  tx: Executor,
  sessionId: string,
  method: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const [row] = await tx
    .update(sessions)
    .set({
      pending: null,
      tokenHash: sha256Hex(token),
      methods: sql`array_append(array_remove(${sessions.methods}, ${method}), ${method})`,
    })
    .where(eq(sessions.id, sessionId))
    .returning({ expiresAt: sessions.expiresAt });
  return { token, expiresAt: row!.expiresAt };
}

async function newRecoveryCodes(tx: Executor, p: Platform, personId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
  // 10 codes of 16 base32 characters (80 bits each), shown once as xxxx-xxxx-xxxx-xxxx.
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    base32Encode(crypto.randomBytes(10)).toLowerCase().match(/.{4}/g)!.join('-'),
  );
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ personId, codeHash: recoveryHash(p, code) })));
  return codes;
}

/** Keyed (HMAC), so a stolen database alone does not let anyone test guesses offline. */
function recoveryHash(p: Platform, code: string): string {
  const normalised = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z2-7]/g, '');
  return crypto.createHmac('sha256', p.secrets.derive('recovery-codes')).update(normalised).digest('hex');
}

function refuseWhileVerifying(actor: Actor): void {
  // A password alone must not be enough to add a factor to an account that already has one.
  if (actor.pending === 'verify') throw new AppError(MfaErrors.IDENTITY_MFA_VERIFY_FIRST);
}

/** Step 1 of TOTP set-up: a new secret (replacing an unfinished one), as text, otpauth URI and QR code. */
export async function startTotp(p: Platform, ctx: AuditContext, actor: Actor) {
  refuseWhileVerifying(actor);
  const secret = newTotpSecret();
  const [person] = await p.db
    .select({ username: persons.username })
    .from(persons)
    .where(eq(persons.id, actor.personId));
  await p.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ confirmedAt: totpAuthenticators.confirmedAt })
      .from(totpAuthenticators)
      .where(eq(totpAuthenticators.personId, actor.personId));
    if (existing?.confirmedAt) throw new AppError(MfaErrors.IDENTITY_MFA_TOTP_EXISTS);
    const secretEnc = p.secrets.seal(secret, sealContext(actor.personId));
    await tx
      .insert(totpAuthenticators)
      .values({ personId: actor.personId, secretEnc, createdAt: p.clock.now() })
      .onConflictDoUpdate({ target: totpAuthenticators.personId, set: { secretEnc, lastStep: null } });
    await audit(tx, ctx, {
      action: 'identity.mfa.totp.start',
      objectType: 'person',
      objectId: actor.personId,
    });
  });
  const uri = otpauthUri(secret, person?.username ?? actor.personId, TOTP_ISSUER);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, uri, qrSvg };
}

/**
 * Step 2: the first code proves the app holds the secret. Returns fresh recovery codes (shown once) and, when
 * this settled a session that had to enrol, its new token.
 */
export async function confirmTotp(p: Platform, ctx: AuditContext, actor: Actor, code: string) {
  refuseWhileVerifying(actor);
  const now = p.clock.now();
  return p.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(totpAuthenticators)
      .where(eq(totpAuthenticators.personId, actor.personId))
      .for('update'); // a double submit confirms once: the second sees it confirmed
    if (!row || row.confirmedAt) throw new AppError(MfaErrors.IDENTITY_MFA_TOTP_NOT_STARTED);
    const secret = p.secrets.openText(row.secretEnc, sealContext(actor.personId));
    const step = matchTotp(secret, code.trim(), now, null);
    if (step === null) throw new AppError(MfaErrors.IDENTITY_MFA_CODE_INVALID);
    await tx
      .update(totpAuthenticators)
      .set({ confirmedAt: now, lastStep: step })
      .where(eq(totpAuthenticators.personId, actor.personId));
    const recovery = await newRecoveryCodes(tx, p, actor.personId);
    const session = actor.pending === 'enrol' ? await settleSession(tx, actor.sessionId, 'otp') : null;
    await audit(tx, ctx, {
      action: 'identity.mfa.totp.enrol',
      objectType: 'person',
      objectId: actor.personId,
    });
    return { recoveryCodes: recovery, session };
  });
}

/**
 * The second sign-in step with a TOTP code or a recovery code. A wrong code counts towards the same lockout as
 * a wrong password; reaching it also ends this half-open session.
 */
export async function verifySecondFactor(
  p: Platform,
  ctx: AuditContext,
  actor: Actor,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  if (actor.pending !== 'verify') throw new AppError(MfaErrors.IDENTITY_MFA_NOT_PENDING);
  const now = p.clock.now();
  const outcome = await p.db.transaction(async (tx) => {
    const [person] = await tx.select().from(persons).where(eq(persons.id, actor.personId)).for('update');
    if (!person) throw new AppError(MfaErrors.IDENTITY_MFA_NOT_PENDING);
    if (person.lockedUntil && person.lockedUntil > now)
      return refused(IdentityErrors.IDENTITY_ACCOUNT_LOCKED, {
        lockedUntil: person.lockedUntil.toISOString(),
      });
    const method = input.recoveryCode
      ? await useRecoveryCode(tx, p, actor.personId, input.recoveryCode, now)
      : await useTotp(tx, p, actor.personId, input.code ?? '', now);
    if (method) {
      await tx.update(persons).set({ failedAttempts: 0, lockedUntil: null }).where(eq(persons.id, person.id));
      const session = await settleSession(tx, actor.sessionId, method);
      await audit(tx, ctx, {
        action: 'identity.signIn.secondFactor',
        objectType: 'session',
        objectId: actor.sessionId,
        after: { method },
      });
      return { session };
    }
    const lock = afterFailure(person, now);
    await tx
      .update(persons)
      .set({ failedAttempts: lock.failed, lockedUntil: lock.until })
      .where(eq(persons.id, person.id));
    if (lock.until) await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, actor.sessionId));
    if (lock.until) await announceSessionsEnded(tx, p, [actor.sessionId]);
    await audit(tx, ctx, {
      action: 'identity.signIn.secondFactor',
      objectType: 'session',
      objectId: actor.sessionId,
      outcome: 'failure',
      detail: lock.until ? IdentityErrors.IDENTITY_ACCOUNT_LOCKED : MfaErrors.IDENTITY_MFA_CODE_INVALID,
    });
    return lock.until
      ? refused(IdentityErrors.IDENTITY_ACCOUNT_LOCKED, { lockedUntil: lock.until.toISOString() })
      : refused(MfaErrors.IDENTITY_MFA_CODE_INVALID, { remainingAttempts: remainingAttempts(lock.failed) });
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.session;
}

/** A refusal decided inside the transaction, thrown after it commits (so the failure count is kept). */
const refused = (code: string, details: Record<string, unknown>) => ({
  refusal: new AppError(code, details),
});

async function useTotp(tx: Executor, p: Platform, personId: string, code: string, now: Date) {
  const [row] = await tx
    .select()
    .from(totpAuthenticators)
    .where(and(eq(totpAuthenticators.personId, personId), isNotNull(totpAuthenticators.confirmedAt)));
  if (!row) return null;
  const step = matchTotp(
    p.secrets.openText(row.secretEnc, sealContext(personId)),
    code.trim(),
    now,
    row.lastStep,
  );
  if (step === null) return null;
  await tx
    .update(totpAuthenticators)
    .set({ lastStep: step })
    .where(eq(totpAuthenticators.personId, personId));
  return 'otp';
}

async function useRecoveryCode(tx: Executor, p: Platform, personId: string, code: string, now: Date) {
  const hash = recoveryHash(p, code);
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.personId, personId),
        eq(recoveryCodes.codeHash, hash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ personId: recoveryCodes.personId });
  return used.length > 0 ? 'rec' : null;
}

/** Removing a factor must not leave someone the baseline obliges to use MFA without one. */
async function assertNotLastFactor(tx: Executor, personId: string, now: Date, removing: 'totp' | 'passkey') {
  const summary = await mfaSummary(tx, personId, now);
  const left =
    (removing === 'totp' ? 0 : Number(summary.totp)) +
    summary.passkeys.length -
    (removing === 'passkey' ? 1 : 0);
  if (summary.required && left < 1) throw new AppError(MfaErrors.IDENTITY_MFA_LAST_FACTOR);
}

export async function removeTotp(p: Platform, ctx: AuditContext, actor: Actor): Promise<void> {
  const now = p.clock.now();
  await p.db.transaction(async (tx) => {
    await assertNotLastFactor(tx, actor.personId, now, 'totp');
    const removed = await tx
      .delete(totpAuthenticators)
      .where(eq(totpAuthenticators.personId, actor.personId))
      .returning({ personId: totpAuthenticators.personId });
    if (removed.length === 0) throw new AppError(MfaErrors.IDENTITY_MFA_NOT_FOUND);
    await audit(tx, ctx, {
      action: 'identity.mfa.totp.remove',
      objectType: 'person',
      objectId: actor.personId,
    });
  });
}

export async function removePasskey(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const now = p.clock.now();
  await p.db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: passkeys.id, name: passkeys.name })
      .from(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.personId, actor.personId)));
    if (!key) throw new AppError(MfaErrors.IDENTITY_MFA_NOT_FOUND);
    await assertNotLastFactor(tx, actor.personId, now, 'passkey');
    await tx.delete(passkeys).where(eq(passkeys.id, id));
    await audit(tx, ctx, {
      action: 'identity.mfa.passkey.remove',
      objectType: 'passkey',
      objectId: id,
      before: key,
    });
  });
}

export async function regenerateRecoveryCodes(
  p: Platform,
  ctx: AuditContext,
  actor: Actor,
): Promise<string[]> {
  return p.db.transaction(async (tx) => {
    const codes = await newRecoveryCodes(tx, p, actor.personId);
    await audit(tx, ctx, {
      action: 'identity.mfa.recovery.regenerate',
      objectType: 'person',
      objectId: actor.personId,
    });
    return codes;
  });
}
