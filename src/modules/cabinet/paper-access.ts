/**
 * Who may see which paper of a meeting. The office and the secretariat see every paper; a participant (or a
 * secretary acting for one) sees the unrestricted ones and those restricted to them. A paper the actor may
 * not see is answered as not found, like a paper of another meeting, so its existence does not leak.
 */
import { isUuid } from '../../platform/db/index.js';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { actorOf, auditContext } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { CabinetErrors } from './errors.js';
import { PaperErrors } from './papers.errors.js';
import { loadMeetingFor, mayPrepare, mayRead, type CabinetActor, type MeetingAccess } from './policy.js';
import { papers } from './schema.js';

export type PaperRow = typeof papers.$inferSelect;

/** The caller of an agenda or paper service, with the audit context and the platform clock's now. */
export interface PaperActor extends CabinetActor {
  audit: AuditContext;
  now: Date;
}

/** Meetings whose agenda and papers may no longer change. */
const CLOSED_STATUSES = new Set(['ended', 'concluded', 'cancelled']);

export function maySeePaper(
  access: MeetingAccess,
  actor: CabinetActor,
  paper: Pick<PaperRow, 'restrictedTo'>,
): boolean {
  if (mayPrepare(access)) return true;
  if (!mayRead(access)) return false;
  if (!paper.restrictedTo) return true;
  const me = new Set([actor.personId, ...access.onBehalfOf]);
  return paper.restrictedTo.some((id) => me.has(id));
}

/** The meeting for a change of its agenda or papers: the office or secretariat, and not yet over. */
export async function meetingToPrepare(
  tx: Executor,
  actor: CabinetActor,
  meetingId: string,
  at: Date,
): Promise<MeetingAccess> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'prepare', at);
  if (CLOSED_STATUSES.has(access.meeting.status))
    throw new AppError(CabinetErrors.CABINET_MEETING_CLOSED, { status: access.meeting.status });
  return access;
}

/**
 * A paper of this meeting that the actor may see (404 otherwise). `lock` takes the paper's row lock, so
 * concurrent uploads to one paper number their versions one after the other.
 */
export async function paperOf(
  tx: Executor,
  access: MeetingAccess,
  actor: CabinetActor,
  paperId: string,
  lock = false,
): Promise<PaperRow> {
  if (!isUuid(paperId)) throw new AppError(PaperErrors.CABINET_PAPER_NOT_FOUND);
  const query = tx
    .select()
    .from(papers)
    .where(and(eq(papers.id, paperId), eq(papers.meetingId, access.meeting.id)));
  const [paper] = lock ? await query.for('update') : await query;
  if (!paper || !maySeePaper(access, actor, paper)) throw new AppError(PaperErrors.CABINET_PAPER_NOT_FOUND);
  return paper;
}

/** The service's caller from an HTTP request (a guard has made sure someone is signed in). */
export function paperActor(request: FastifyRequest, p: Platform): PaperActor {
  const { personId, agencyId, permissions } = actorOf(request);
  return { personId, agencyId, permissions, audit: auditContext(request), now: p.clock.now() };
}

/**
 * preValidation hook for routes under a meeting: a meeting the caller may not see answers 404 before the
 * body is validated, so a stranger learns nothing from the validation error either.
 */
export function meetingVisible(p: Platform) {
  return async (request: FastifyRequest): Promise<void> => {
    const { meetingId } = request.params as { meetingId?: string };
    const actor = paperActor(request, p);
    await p.db.transaction((tx) => loadMeetingFor(tx, actor, meetingId ?? '', 'read', actor.now));
  };
}
