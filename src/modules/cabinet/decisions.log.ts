/**
 * The evidence log of a decision (a poll or a ballot): an append-only hash chain. Each entry commits to the
 * SHA-256 of what it records (the roster statement, a signed vote or answer, the close statement) and to the
 * entry before it, so changing, removing or reordering any stored vote breaks the chain from there on, and the
 * checkpoint sealed at close pins the whole log. `cpdt verify` recomputes all of it offline (entryHash below is
 * the one definition both sides use).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { canonicalJson, sha256Hex } from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { DecisionKind, LogEntryType } from './model.js';
import { decisionLog } from './schema.js';

/** The `prev` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface LogEntryBody {
  decision: { kind: DecisionKind; id: string };
  seq: number;
  type: LogEntryType;
  payloadSha256: string;
  prev: string;
}

/** SHA-256 (hex) of the entry's canonical JSON. */
export function entryHash(entry: LogEntryBody): string {
  return sha256Hex(canonicalJson(entry));
}

export interface AppendedEntry {
  seq: number;
  hash: string;
  prevHash: string;
}

/** Serialises appends to one decision until the end of the caller's transaction (re-entrant). */
export async function lockLog(tx: Executor, decision: { kind: DecisionKind; id: string }): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`cpdt.decision-log:${decision.kind}:${decision.id}`}))`,
  );
}

export interface NewLogEntry {
  type: LogEntryType;
  payloadSha256: string;
  ref?: string | null;
}

/**
 * Appends one entry in the caller's transaction. Appends to one decision are serialised on an advisory lock
 * held to the end of the transaction, so the chain never forks; different decisions do not wait for each other.
 */
export async function appendToLog(
  tx: Executor,
  decision: { kind: DecisionKind; id: string },
  entry: NewLogEntry,
  at: Date,
): Promise<AppendedEntry> {
  const [appended] = await appendManyToLog(tx, decision, [entry], at);
  return appended!;
}

/**
 * Appends consecutive entries in the caller's transaction with one lock, one read of the head and one
 * multi-row insert: the same chain as one append after another.
 */
export async function appendManyToLog(
  tx: Executor,
  decision: { kind: DecisionKind; id: string },
  entries: readonly NewLogEntry[],
  at: Date,
): Promise<AppendedEntry[]> {
  if (!entries.length) return [];
  await lockLog(tx, decision);
  const [last] = await tx
    .select({ seq: decisionLog.seq, hash: decisionLog.hash })
    .from(decisionLog)
    .where(and(eq(decisionLog.decisionKind, decision.kind), eq(decisionLog.decisionId, decision.id)))
    .orderBy(desc(decisionLog.seq))
    .limit(1);
  let seq = last ? last.seq + 1 : 0;
  let prevHash = last ? last.hash : GENESIS_HASH;
  const appended: AppendedEntry[] = [];
  const rows: (typeof decisionLog.$inferInsert)[] = [];
  for (const entry of entries) {
    const hash = entryHash({
      decision,
      seq,
      type: entry.type,
      payloadSha256: entry.payloadSha256,
      prev: prevHash,
    });
    appended.push({ seq, hash, prevHash });
    rows.push({
      decisionKind: decision.kind,
      decisionId: decision.id,
      seq,
      type: entry.type,
      ref: entry.ref ?? null,
      payloadSha256: entry.payloadSha256,
      prevHash,
      hash,
      createdAt: at,
    });
    seq++;
    prevHash = hash;
  }
  await tx.insert(decisionLog).values(rows);
  return appended;
}

export type LogRow = typeof decisionLog.$inferSelect;

/** The whole log of a decision, in order. */
export async function readLog(tx: Executor, decision: { kind: DecisionKind; id: string }): Promise<LogRow[]> {
  return tx
    .select()
    .from(decisionLog)
    .where(and(eq(decisionLog.decisionKind, decision.kind), eq(decisionLog.decisionId, decision.id)))
    .orderBy(decisionLog.seq);
}

export interface ChainProblem {
  seq: number;
  problem: 'seq' | 'prev' | 'hash';
}

/** Recomputes the chain; the first entry that does not follow, or null when all do. */
export function checkChain(
  decision: { kind: DecisionKind; id: string },
  entries: readonly Pick<LogRow, 'seq' | 'type' | 'payloadSha256' | 'prevHash' | 'hash'>[],
): ChainProblem | null {
  let prev = GENESIS_HASH;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i) return { seq: e.seq, problem: 'seq' };
    if (e.prevHash !== prev) return { seq: e.seq, problem: 'prev' };
    const hash = entryHash({ decision, seq: e.seq, type: e.type, payloadSha256: e.payloadSha256, prev });
    if (hash !== e.hash) return { seq: e.seq, problem: 'hash' };
    prev = e.hash;
  }
  return null;
}
