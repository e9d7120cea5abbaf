import { asc, desc, gt, sql } from 'drizzle-orm';
import { canonicalJson, digestOf, sha256Hex } from '../crypto/index.js';
import type { Db, Executor } from '../db/index.js';
import { isAppError } from '../errors/index.js';
import { auditLog } from './schema.js';

/** Who did it, from where: taken from the request by the HTTP layer, or the CLI/system for jobs. */
export interface AuditContext {
  actorId: string | null;
  agencyId: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = { actorId: 'system', agencyId: null, ip: null, requestId: null };

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  /** Short, non-personal explanation (an error code, a reason). */
  detail?: string;
}

export const GENESIS_HASH = '0'.repeat(64);

type Row = typeof auditLog.$inferSelect;
type Hashed = Omit<Row, 'id' | 'hash'>;

/** The hash covers every field but the id (which a sequence may skip) and the hash itself. */
export function auditHash(r: Hashed): string {
  return sha256Hex(
    canonicalJson({
      at: r.at.toISOString(),
      actorId: r.actorId,
      agencyId: r.agencyId,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      outcome: r.outcome,
      beforeDigest: r.beforeDigest,
      afterDigest: r.afterDigest,
      detail: r.detail,
      ip: r.ip,
      requestId: r.requestId,
      prevHash: r.prevHash,
    }),
  );
}

/**
 * Appends one record inside the caller's transaction, so the change and its audit commit or fail together.
 * A transaction-scoped advisory lock serialises appends so the chain never forks.
 */
export async function audit(tx: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cpdt.audit'))`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const record: Hashed = {
    at: new Date(),
    actorId: ctx.actorId,
    agencyId: ctx.agencyId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'success',
    beforeDigest: entry.before === undefined ? null : digestOf(entry.before),
    afterDigest: entry.after === undefined ? null : digestOf(entry.after),
    detail: entry.detail ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...record, hash: auditHash(record) });
}

/** Failures are audited in their own transaction: the failed change rolled back, its record must not. */
export async function auditFailure(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => audit(tx, ctx, { ...entry, outcome: 'failure' }));
}

/**
 * A change in its own transaction, audited inside it by `change`; when the change is refused with a coded
 * error, the refusal is audited in a separate transaction (the change rolled back, the record must not).
 */
export async function auditedTransaction<T>(
  db: Db,
  ctx: AuditContext,
  entry: Pick<AuditEntry, 'action' | 'objectType' | 'objectId'>,
  change: (tx: Executor) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(change);
  } catch (e) {
    if (isAppError(e)) await auditFailure(db, ctx, { ...entry, detail: e.code });
    throw e;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first record whose hash or link does not match, if any. */
  brokenAt?: { id: number; reason: 'hash' | 'link' };
}

/** Walks the chain in pages; reports the first record that was altered, or whose predecessor was removed. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(pageSize);
    for (const r of page) {
      if (r.prevHash !== prev) return { ok: false, checked, brokenAt: { id: r.id, reason: 'link' } };
      if (auditHash(r) !== r.hash) return { ok: false, checked, brokenAt: { id: r.id, reason: 'hash' } };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
    if (page.length < pageSize) return { ok: true, checked };
  }
}
