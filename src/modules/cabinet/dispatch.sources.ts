/**
 * What the document exchange may know of an e-Cabinet object to send it as an outgoing document: a conclusion
 * notice (its text, tasks and issuer, for the PDF rendered by conclusions.pdf.ts) or a written opinion ballot
 * (its sealed result report, by SHA-256). The exchange module reads them here, never the cabinet tables.
 *
 * The caller's read access is checked first, with the cabinet's own rules: a notice of a meeting the caller
 * may not read — or a draft notice, which only the meeting's preparers see — answers
 * CABINET_CONCLUSION_NOT_FOUND, a ballot they may not read CABINET_BALLOT_NOT_FOUND (404 both), so another
 * agency's object does not leak. Whether the object is final (issued, closed) is for the caller to judge.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { getAgency, personBriefs } from '../identity/index.js';
import { loadBallotFor } from './ballots.view.js';
import type { ConclusionDocument } from './conclusions.pdf.js';
import { FollowUpErrors } from './followup.errors.js';
import { meetingAccess, mayPrepare, mayRead, type BodyRow, type CabinetActor } from './policy.js';
import { meetingDay } from './rules.js';
import { bodyMembers, conclusions, decisionCheckpoints, tasks } from './schema.js';

export interface DispatchSigner {
  id: string;
  displayName: string;
  /** Their seat's title in the body (chair, deputy chair or member) on the day, e.g. "Phó Thủ tướng"; null without one. */
  title: string | null;
}

interface SourceBase {
  id: string;
  /** The agency the object belongs to: its body's agency (the issuer of the outgoing document). */
  ownerAgencyId: string;
  ownerAgencyName: string;
  bodyName: string;
  title: string;
  /** Số, ký hiệu, e.g. "45/TB-VPCP" (null before the notice is issued or the ballot sent). */
  reference: string | null;
  state: string;
  /** Issued (a notice) or closed with its sealed result report (a ballot). */
  final: boolean;
  /** When it was issued or closed. */
  finalAt: Date | null;
  /** Who issued the notice or closed the ballot. */
  signer: DispatchSigner | null;
}

export interface ConclusionSource extends SourceBase {
  kind: 'conclusion';
  meetingId: string;
  /** What the PDF shows, once issued (null for a draft). `place` is the sender's to fill. */
  document: Omit<ConclusionDocument, 'place'> | null;
}

export interface BallotSource extends SourceBase {
  kind: 'ballot';
  /** The sealed result report in the file store (closed ballots). */
  resultSha256: string | null;
}

export type DispatchSource = ConclusionSource | BallotSource;

async function signerOf(
  tx: Executor,
  body: BodyRow,
  personId: string | null,
  at: Date,
): Promise<DispatchSigner | null> {
  if (!personId) return null;
  const brief = (await personBriefs(tx, [personId])).get(personId);
  if (!brief) return null;
  const day = meetingDay(at);
  const [seat] = await tx
    .select({ titleVi: bodyMembers.titleVi })
    .from(bodyMembers)
    .where(
      and(
        eq(bodyMembers.bodyId, body.id),
        eq(bodyMembers.personId, personId),
        inArray(bodyMembers.role, ['chair', 'deputy_chair', 'member']),
        lte(bodyMembers.validFrom, day),
        or(isNull(bodyMembers.validTo), gte(bodyMembers.validTo, day)),
      ),
    )
    .orderBy(asc(bodyMembers.rank))
    .limit(1);
  return { id: brief.id, displayName: brief.displayName, title: seat?.titleVi ?? null };
}

async function agencyName(tx: Executor, id: string): Promise<string> {
  try {
    return (await getAgency(tx, id)).nameVi;
  } catch {
    return '';
  }
}

/** A conclusion notice by its id, if the actor may read it. */
export async function conclusionSource(
  tx: Executor,
  actor: CabinetActor,
  id: string,
  at: Date,
): Promise<ConclusionSource> {
  const notFound = () => new AppError(FollowUpErrors.CABINET_CONCLUSION_NOT_FOUND);
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.select().from(conclusions).where(eq(conclusions.id, id));
  if (!row) throw notFound();
  const access = await meetingAccess(tx, actor, row.meetingId, at);
  if (!access || !mayRead(access)) throw notFound();
  // A draft is the preparers' only, as the meeting's conclusion page shows it.
  if (row.state !== 'issued' && !mayPrepare(access)) throw notFound();
  const { body, meeting } = access;
  const owner = await agencyName(tx, body.agencyId);
  const signer = await signerOf(tx, body, row.issuedBy, row.issuedAt ?? at);
  const issued = row.state === 'issued' && row.issuedAt !== null && row.reference !== null;
  let document: ConclusionSource['document'] = null;
  if (issued) {
    const assigned = await tx
      .select()
      .from(tasks)
      .where(eq(tasks.conclusionId, row.id))
      .orderBy(asc(tasks.createdAt), asc(tasks.id));
    const names = new Map<string, string>();
    for (const t of assigned)
      if (!names.has(t.assigneeAgencyId))
        names.set(t.assigneeAgencyId, await agencyName(tx, t.assigneeAgencyId));
    document = {
      agencyName: owner || body.nameVi,
      bodyName: body.nameVi,
      meetingTitle: meeting.title,
      reference: row.reference!,
      title: row.title,
      body: row.body,
      tasks: assigned
        .filter((t) => t.state !== 'cancelled')
        .map((t) => ({ title: t.title, agencyName: names.get(t.assigneeAgencyId) ?? '', dueOn: t.dueOn })),
      issuedAt: row.issuedAt!,
      issuerName: signer?.displayName ?? '',
    };
  }
  return {
    kind: 'conclusion',
    id: row.id,
    meetingId: row.meetingId,
    ownerAgencyId: body.agencyId,
    ownerAgencyName: owner,
    bodyName: body.nameVi,
    title: row.title,
    reference: row.reference,
    state: row.state,
    final: issued,
    finalAt: row.issuedAt,
    signer,
    document,
  };
}

/** Who closed the ballot, from the sealed close statement of its evidence log. */
async function closerOf(tx: Executor, ballotId: string): Promise<string | null> {
  const rows = await tx
    .select({ payload: decisionCheckpoints.payload })
    .from(decisionCheckpoints)
    .where(and(eq(decisionCheckpoints.decisionKind, 'ballot'), eq(decisionCheckpoints.decisionId, ballotId)))
    .orderBy(asc(decisionCheckpoints.size));
  for (const { payload } of rows) {
    try {
      const statement = JSON.parse(payload) as { type?: unknown; closedBy?: unknown };
      if (statement.type === 'cpdt.close' && typeof statement.closedBy === 'string')
        return statement.closedBy;
    } catch {
      // not a statement we read
    }
  }
  return null;
}

/** A written opinion ballot by its id, if the actor may read it. */
export async function ballotSource(
  tx: Executor,
  actor: CabinetActor,
  id: string,
  at: Date,
): Promise<BallotSource> {
  const { ballot: b, body } = await loadBallotFor(tx, actor, id, 'read', at);
  const closed = b.state === 'closed' && b.resultSha256 !== null && b.closedAt !== null;
  const closer = closed ? await closerOf(tx, b.id) : null;
  return {
    kind: 'ballot',
    id: b.id,
    ownerAgencyId: body.agencyId,
    ownerAgencyName: await agencyName(tx, body.agencyId),
    bodyName: body.nameVi,
    title: b.title,
    reference: b.reference,
    state: b.state,
    final: closed,
    finalAt: b.closedAt,
    signer: await signerOf(tx, body, closer ?? b.approvedBy ?? b.sentBy, b.closedAt ?? at),
    resultSha256: closed ? b.resultSha256 : null,
  };
}
