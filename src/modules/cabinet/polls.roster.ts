/**
 * The roster of a decision (a poll in the room or a written ballot): who "all members" are, fixed when it
 * opens. It is the body's voting seats on that day — the chair and the members; substitutes never, whatever
 * the meeting's attendance — each with their name and title as they stood, the chair marked (the tie rule).
 * The statement is canonical JSON (RFC 8785), sealed by the system, and becomes entry 0 of the decision's
 * evidence log; every vote and answer names its SHA-256 (the rosterHash).
 */
import { canonicalJson, sha256Hex } from '../../platform/crypto/index.js';
import { sealStatement } from './decisions.seal.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { personBriefs } from '../identity/index.js';
import { seatsOn } from './bodies.service.js';
import { appendToLog } from './decisions.log.js';
import type { DecisionKind, RosterEntry, RosterStatement } from './model.js';
import { meetingDay } from './rules.js';

export interface SnapshotRoster {
  roster: RosterEntry[];
  /** The roster statement's canonical JSON, exactly as sealed (store it as it is). */
  payload: string;
  /** SHA-256 (hex) of `payload`. */
  rosterHash: string;
  /** The system seal's detached CMS over `payload` (base64 of the DER). */
  signature: string;
}

/** The voting seats of the body on the day of `at`, in rank order, one entry per person. */
export async function rosterOf(tx: Executor, bodyId: string, at: Date): Promise<RosterEntry[]> {
  const seats = (await seatsOn(tx, bodyId, meetingDay(at))).filter((s) => s.voting);
  const names = await personBriefs(
    tx,
    seats.map((s) => s.personId),
  );
  const byPerson = new Map<string, RosterEntry>();
  for (const s of seats) {
    const known = byPerson.get(s.personId);
    if (known) {
      // Two seats of one person (a chair who is also listed as a member): one vote, chair if either is.
      known.chair ||= s.role === 'chair';
      continue;
    }
    byPerson.set(s.personId, {
      personId: s.personId,
      fullName: names.get(s.personId)?.displayName ?? '',
      title: s.titleVi ?? null,
      chair: s.role === 'chair',
    });
  }
  return [...byPerson.values()];
}

/**
 * Takes the roster, seals it and appends it to the decision's log as entry 0 (type 'roster'), in the caller's
 * transaction (the decision row must already exist or be inserted in the same transaction).
 */
export async function snapshotRoster(
  tx: Executor,
  p: Platform,
  decision: { kind: DecisionKind; id: string },
  bodyId: string,
  at: Date,
): Promise<SnapshotRoster> {
  const roster = await rosterOf(tx, bodyId, at);
  const statement: RosterStatement = {
    type: 'cpdt.roster',
    decision: { kind: decision.kind, id: decision.id },
    bodyId,
    takenAt: at.toISOString(),
    members: roster,
  };
  const payload = canonicalJson(statement);
  const rosterHash = sha256Hex(payload);
  const signature = await sealStatement(p, payload, at);
  await appendToLog(tx, decision, { type: 'roster', payloadSha256: rosterHash, ref: decision.id }, at);
  return { roster, payload, rosterHash, signature };
}
