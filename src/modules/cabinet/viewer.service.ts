/**
 * Reading a paper in the viewer: the version's viewable PDF, stamped with the reader's name (viewer.routes.ts
 * stamps it), and its page texts. Every page a reader sees or downloads carries their name, so only those who
 * prepare the meeting (the office, the secretariat) may download the original file.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { personBriefs } from '../identity/index.js';
import { paperOf, type PaperActor } from './paper-access.js';
import { findVersion, recordRead, type VersionRef, type VersionRow } from './papers.service.js';
import { loadMeetingFor, mayPrepare } from './policy.js';
import { paperTexts } from './schema.js';
import { ViewerErrors } from './viewer.errors.js';

export type Opened =
  | { kind: 'original'; sha256: string; mediaType: string; filename: string; version: number }
  | { kind: 'watermarked'; sha256: string; filename: string; version: number; reader: string };

/** The name a copy is saved under: the original's, as a PDF. */
export function viewFileName(fileName: string): string {
  const base = fileName.replace(/\.(pdf|docx|png|jpe?g)$/i, '');
  return `${base || 'tai-lieu'}.pdf`;
}

/** The viewable PDF of a version, or the coded reason there is none yet. */
export function requireView(v: VersionRow): string {
  if (v.viewState === 'ready' && v.viewSha256) return v.viewSha256;
  throw new AppError(
    v.viewState === 'unavailable'
      ? ViewerErrors.CABINET_PAPER_VIEW_UNAVAILABLE
      : v.viewState === 'failed'
        ? ViewerErrors.CABINET_PAPER_VIEW_FAILED
        : ViewerErrors.CABINET_PAPER_VIEW_PENDING,
    { version: v.version },
  );
}

/**
 * Opens a version to read it: 'view' (the viewer) and 'download' give the reader's watermarked copy, except
 * that a preparer's download is the original. Records the read receipt and the audit record.
 */
export async function openForReading(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  ref: VersionRef,
  mode: 'view' | 'download',
): Promise<Opened> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const paper = await paperOf(tx, access, actor, paperId);
  const v = await findVersion(tx, paper, ref);
  if (mode === 'download' && mayPrepare(access)) {
    await recordRead(tx, actor, v, 'original');
    return {
      kind: 'original',
      sha256: v.sha256,
      mediaType: v.mediaType,
      filename: v.fileName,
      version: v.version,
    };
  }
  const sha256 = requireView(v);
  await recordRead(tx, actor, v, mode);
  const reader =
    (await personBriefs(tx, [actor.personId])).get(actor.personId)?.displayName ?? actor.personId;
  return { kind: 'watermarked', sha256, filename: viewFileName(v.fileName), version: v.version, reader };
}

/** The page texts of a version's viewable PDF, to quote from and anchor notes on. */
export async function versionTexts(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  ref: VersionRef,
): Promise<{ version: number; pages: string[] }> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const paper = await paperOf(tx, access, actor, paperId);
  const v = await findVersion(tx, paper, ref);
  requireView(v);
  const [texts] = await tx.select().from(paperTexts).where(eq(paperTexts.versionId, v.id));
  if (!texts) throw new AppError(ViewerErrors.CABINET_PAPER_VIEW_PENDING, { version: v.version });
  return { version: v.version, pages: texts.pages };
}

/** 'latest' or a number, from a path or query segment; anything else reads as a version that is not there. */
export function versionRef(raw: string): VersionRef {
  return raw === 'latest' ? 'latest' : /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
}
