/**
 * The minutes of a meeting. Once the meeting has ended, the office or the meeting's secretariat generates
 * them from what happened (again, as long as they are a draft), edits them section by section against the
 * revision it read, and approves them — "approved by the secretary": whoever prepares the meeting, i.e. the
 * secretariat participant or the office of the body's agency. Approval freezes the text and renders the PDF
 * kept in the file store. Drafts are for the office and the secretariat; participants read approved minutes.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { FileStore } from '../../platform/files/index.js';
import { personBriefs } from '../identity/index.js';
import { FollowUpErrors } from './followup.errors.js';
import { generateSections, vnDate, vnTime } from './minutes.generate.js';
import { renderMinutesPdf } from './minutes.pdf.js';
import type { MinutesSection, MinutesState } from './model.js';
import type { PaperActor } from './paper-access.js';
import { loadMeetingFor, mayPrepare, type MeetingAccess } from './policy.js';
import { meetingDay } from './rules.js';
import { minutes } from './schema.js';

export const HEADING_MAX = 300;
export const SECTION_BODY_MAX = 20_000;

type MinutesRow = typeof minutes.$inferSelect;

export interface MinutesView {
  meetingId: string;
  state: MinutesState;
  sections: MinutesSection[];
  revision: number;
  generatedAt: string;
  updatedBy: { id: string; displayName: string } | null;
  updatedAt: string;
  approvedBy: { id: string; displayName: string } | null;
  approvedAt: string | null;
  pdfSha256: string | null;
  /** The caller may generate, edit and approve (office or secretariat). */
  mayEdit: boolean;
}

/** Meetings whose minutes may be written: the meeting is over. */
export const AFTER_MEETING = new Set(['ended', 'concluded']);

async function view(tx: Executor, row: MinutesRow, access: MeetingAccess): Promise<MinutesView> {
  const briefs = await personBriefs(tx, [row.updatedBy, row.approvedBy ?? '']);
  const who = (id: string | null) => {
    const b = id ? briefs.get(id) : undefined;
    return b ? { id: b.id, displayName: b.displayName } : null;
  };
  return {
    meetingId: row.meetingId,
    state: row.state,
    sections: row.sections,
    revision: row.revision,
    generatedAt: row.generatedAt.toISOString(),
    updatedBy: who(row.updatedBy),
    updatedAt: row.updatedAt.toISOString(),
    approvedBy: who(row.approvedBy),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    pdfSha256: row.pdfSha256,
    mayEdit: mayPrepare(access) && row.state === 'draft',
  };
}

async function rowOf(tx: Executor, meetingId: string, lock = false): Promise<MinutesRow | undefined> {
  const q = tx.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Drafts are not shown to participants: not found for them until approved. */
export async function getMinutes(tx: Executor, actor: PaperActor, meetingId: string): Promise<MinutesView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const row = await rowOf(tx, access.meeting.id);
  if (!row || (row.state !== 'approved' && !mayPrepare(access)))
    throw new AppError(FollowUpErrors.CABINET_MINUTES_NOT_FOUND);
  return view(tx, row, access);
}

async function toWrite(tx: Executor, actor: PaperActor, meetingId: string) {
  const access = await loadMeetingFor(tx, actor, meetingId, 'prepare', actor.now);
  if (!AFTER_MEETING.has(access.meeting.status))
    throw new AppError(FollowUpErrors.CABINET_MEETING_NOT_ENDED, { status: access.meeting.status });
  return access;
}

function checkRevision(row: MinutesRow, revision: number | undefined): void {
  if (row.state === 'approved') throw new AppError(FollowUpErrors.CABINET_MINUTES_APPROVED);
  if (revision !== undefined && revision !== row.revision)
    throw new AppError(FollowUpErrors.CABINET_MINUTES_CHANGED, { revision: row.revision });
}

/** Writes the draft from what happened; regenerating replaces the text (and any edits) of a draft. */
export async function generateMinutes(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  revision?: number,
): Promise<MinutesView> {
  const access = await toWrite(tx, actor, meetingId);
  const existing = await rowOf(tx, access.meeting.id, true);
  // Regenerating replaces every section: without the revision read, it could wipe a concurrent edit.
  if (existing && revision === undefined)
    throw new AppError(FollowUpErrors.CABINET_MINUTES_CHANGED, { revision: existing.revision });
  if (existing) checkRevision(existing, revision);
  const sections = await generateSections(tx, access);
  const values = {
    state: 'draft' as const,
    sections,
    generatedAt: actor.now,
    updatedBy: actor.personId,
    updatedAt: actor.now,
  };
  const [row] = existing
    ? await tx
        .update(minutes)
        .set({ ...values, revision: existing.revision + 1 })
        .where(eq(minutes.meetingId, access.meeting.id))
        .returning()
    : await tx
        .insert(minutes)
        .values({ meetingId: access.meeting.id, ...values })
        .onConflictDoNothing()
        .returning();
  // Two first generations at once: the other one won; this one is stale.
  if (!row) throw new AppError(FollowUpErrors.CABINET_MINUTES_CHANGED);
  await audit(tx, actor.audit, {
    action: existing ? 'cabinet.minutes.regenerate' : 'cabinet.minutes.generate',
    objectType: 'cabinet_minutes',
    objectId: access.meeting.id,
    before: existing ? { revision: existing.revision, sections: existing.sections } : undefined,
    after: { revision: row.revision, sections: row.sections },
  });
  return view(tx, row, access);
}

export interface SectionEdit {
  key: string;
  heading?: string | undefined;
  body: string;
}

/** Edits sections by key (those not given stay as they are), against the revision the editor read. */
export async function editMinutes(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  revision: number,
  edits: readonly SectionEdit[],
): Promise<MinutesView> {
  const access = await toWrite(tx, actor, meetingId);
  const row = await rowOf(tx, access.meeting.id, true);
  if (!row) throw new AppError(FollowUpErrors.CABINET_MINUTES_NOT_FOUND);
  checkRevision(row, revision);
  const byKey = new Map(row.sections.map((s) => [s.key, s]));
  const invalid = (key: string) => new AppError(FollowUpErrors.CABINET_MINUTES_INVALID, { key });
  const changed = new Map<string, MinutesSection>();
  for (const e of edits) {
    const current = byKey.get(e.key);
    if (!current || changed.has(e.key)) throw invalid(e.key);
    const heading = e.heading === undefined ? current.heading : e.heading.normalize('NFC').trim();
    const body = e.body.normalize('NFC').replace(/\r\n?/g, '\n');
    if (!heading || heading.length > HEADING_MAX || body.length > SECTION_BODY_MAX) throw invalid(e.key);
    changed.set(e.key, { key: e.key, heading, body });
  }
  const sections = row.sections.map((s) => changed.get(s.key) ?? s);
  const [after] = await tx
    .update(minutes)
    .set({ sections, revision: row.revision + 1, updatedBy: actor.personId, updatedAt: actor.now })
    .where(eq(minutes.meetingId, access.meeting.id))
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.minutes.edit',
    objectType: 'cabinet_minutes',
    objectId: access.meeting.id,
    before: { revision: row.revision, sections: row.sections.filter((s) => changed.has(s.key)) },
    after: { revision: after!.revision, sections: [...changed.values()] },
  });
  return view(tx, after!, access);
}

/** Approves the revision read: the text is frozen and rendered to PDF in the file store. */
export async function approveMinutes(
  tx: Executor,
  files: FileStore,
  actor: PaperActor,
  meetingId: string,
  revision: number,
): Promise<MinutesView> {
  const access = await toWrite(tx, actor, meetingId);
  const row = await rowOf(tx, access.meeting.id, true);
  if (!row) throw new AppError(FollowUpErrors.CABINET_MINUTES_NOT_FOUND);
  checkRevision(row, revision);
  const me = (await personBriefs(tx, [actor.personId])).get(actor.personId);
  const pdf = await renderMinutesPdf({
    bodyName: access.body.nameVi,
    meetingTitle: access.meeting.title,
    sections: row.sections,
    approvedAt: actor.now,
    approvedLine:
      `Biên bản được ${me?.displayName ?? actor.personId} phê duyệt lúc ${vnTime(actor.now)} ` +
      `ngày ${vnDate(actor.now)} trên hệ thống CPĐT.`,
  });
  // A file stored for a transaction that then rolls back is harmless: it is content-addressed.
  const stored = await files.put(Readable.from([pdf]), { maxBytes: 50 * 1024 * 1024 });
  const [after] = await tx
    .update(minutes)
    .set({
      state: 'approved',
      revision: row.revision + 1,
      approvedBy: actor.personId,
      approvedAt: actor.now,
      updatedBy: actor.personId,
      updatedAt: actor.now,
      pdfSha256: stored.sha256,
    })
    .where(eq(minutes.meetingId, access.meeting.id))
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.minutes.approve',
    objectType: 'cabinet_minutes',
    objectId: access.meeting.id,
    before: { state: row.state, revision: row.revision },
    after: { state: 'approved', revision: after!.revision, pdfSha256: stored.sha256 },
  });
  return view(tx, after!, access);
}

/** The approved PDF for anyone who may read the meeting. */
export async function minutesPdf(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
): Promise<{ sha256: string; filename: string }> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const row = await rowOf(tx, access.meeting.id);
  if (!row || (row.state !== 'approved' && !mayPrepare(access)))
    throw new AppError(FollowUpErrors.CABINET_MINUTES_NOT_FOUND);
  if (!row.pdfSha256) throw new AppError(FollowUpErrors.CABINET_MINUTES_NOT_APPROVED);
  const day = meetingDay(access.meeting.actualStart ?? access.meeting.plannedStart);
  return { sha256: row.pdfSha256, filename: `Biên bản ${day}.pdf` };
}
