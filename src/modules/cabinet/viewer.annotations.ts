/**
 * A reader's private notes on a paper, anchored on the quoted words (W3C TextQuoteSelector) so they find their
 * place again in a later version. Strictly the owner's: anyone else — the office included — is told the note
 * does not exist. The audit records who changed which note, never its text.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { QuoteSelector } from './model.js';
import { paperOf, type PaperActor, type PaperRow } from './paper-access.js';
import { findVersion, type VersionRef } from './papers.service.js';
import { loadMeetingFor } from './policy.js';
import { annotations, paperTexts, paperVersions } from './schema.js';
import { anchorQuote, normaliseSelector, type Anchor } from './viewer.anchor.js';
import { ViewerErrors } from './viewer.errors.js';
import { requireView } from './viewer.service.js';

export const ANNOTATION_QUOTE_MAX = 2000;
export const ANNOTATION_CONTEXT_MAX = 200;
export const ANNOTATION_NOTE_MAX = 4000;

type AnnotationRow = typeof annotations.$inferSelect;

export interface AnnotationView {
  id: string;
  note: string;
  selector: QuoteSelector;
  /** The version the note was made on. */
  madeOnVersion: number;
  createdAt: string;
  updatedAt: string;
  /** Where the quote is in the version asked for; null when orphaned or the text is not known yet. */
  anchor: Anchor | null;
  /** The quoted words are not in this version any more: the note is kept and listed apart. */
  orphaned: boolean;
}

async function readablePaper(tx: Executor, actor: PaperActor, meetingId: string, paperId: string) {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  return paperOf(tx, access, actor, paperId);
}

async function pagesOf(tx: Executor, versionId: string): Promise<string[] | null> {
  const [row] = await tx.select().from(paperTexts).where(eq(paperTexts.versionId, versionId));
  return row?.pages ?? null;
}

function view(row: AnnotationRow, madeOn: number, pages: string[] | null): AnnotationView {
  const anchor = pages ? anchorQuote(row.selector, pages) : null;
  return {
    id: row.id,
    note: row.note,
    selector: row.selector,
    madeOnVersion: madeOn,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    anchor,
    orphaned: pages !== null && anchor === null,
  };
}

async function versionNumbers(tx: Executor, paper: PaperRow): Promise<Map<string, number>> {
  const all = await tx
    .select({ id: paperVersions.id, version: paperVersions.version })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paper.id));
  return new Map(all.map((v) => [v.id, v.version]));
}

/** The caller's own notes on a paper, re-anchored on the version asked for (the latest by default). */
export async function listAnnotations(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  ref: VersionRef,
): Promise<{ version: number; items: AnnotationView[] }> {
  const paper = await readablePaper(tx, actor, meetingId, paperId);
  const v = await findVersion(tx, paper, ref);
  const pages = await pagesOf(tx, v.id);
  const numbers = await versionNumbers(tx, paper);
  const mine = await tx
    .select()
    .from(annotations)
    .where(and(eq(annotations.paperId, paper.id), eq(annotations.personId, actor.personId)))
    .orderBy(asc(annotations.createdAt), asc(annotations.id));
  const items = mine
    .map((row) => view(row, numbers.get(row.versionId) ?? 0, pages))
    .sort(
      (a, b) =>
        Number(a.orphaned) - Number(b.orphaned) ||
        (a.anchor?.page ?? 0) - (b.anchor?.page ?? 0) ||
        (a.anchor?.start ?? 0) - (b.anchor?.start ?? 0),
    );
  return { version: v.version, items };
}

export interface NewAnnotation {
  version: number;
  selector: QuoteSelector;
  note: string;
}

function cleanNote(note: string): string {
  const t = note.normalize('NFC').trim();
  if (!t || t.length > ANNOTATION_NOTE_MAX) throw new AppError(ViewerErrors.CABINET_ANNOTATION_INVALID);
  return t;
}

export async function createAnnotation(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  input: NewAnnotation,
): Promise<AnnotationView> {
  const paper = await readablePaper(tx, actor, meetingId, paperId);
  const v = await findVersion(tx, paper, input.version);
  requireView(v);
  const selector = normaliseSelector(input.selector);
  const note = cleanNote(input.note);
  if (
    !selector.exact ||
    selector.exact.length > ANNOTATION_QUOTE_MAX ||
    selector.prefix.length > ANNOTATION_CONTEXT_MAX ||
    selector.suffix.length > ANNOTATION_CONTEXT_MAX
  )
    throw new AppError(ViewerErrors.CABINET_ANNOTATION_INVALID);
  const pages = await pagesOf(tx, v.id);
  if (!pages) throw new AppError(ViewerErrors.CABINET_PAPER_VIEW_PENDING, { version: v.version });
  if (!Number.isInteger(selector.page) || selector.page < 1 || selector.page > pages.length)
    throw new AppError(ViewerErrors.CABINET_ANNOTATION_INVALID, { pages: pages.length });
  if (!anchorQuote(selector, pages)) throw new AppError(ViewerErrors.CABINET_ANNOTATION_QUOTE_NOT_FOUND);
  const [row] = await tx
    .insert(annotations)
    .values({
      paperId: paper.id,
      versionId: v.id,
      personId: actor.personId,
      selector,
      note,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.annotation.create',
    objectType: 'cabinet_annotation',
    objectId: row!.id,
    detail: `paper ${paper.id} version ${v.version}`,
  });
  return view(row!, v.version, pages);
}

/** The caller's own note; anyone else's is not found. */
async function ownAnnotation(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  annotationId: string,
): Promise<{ paper: PaperRow; row: AnnotationRow }> {
  const paper = await readablePaper(tx, actor, meetingId, paperId);
  const [row] = isUuid(annotationId)
    ? await tx
        .select()
        .from(annotations)
        .where(
          and(
            eq(annotations.id, annotationId),
            eq(annotations.paperId, paper.id),
            eq(annotations.personId, actor.personId),
          ),
        )
        .for('update')
    : [];
  if (!row) throw new AppError(ViewerErrors.CABINET_ANNOTATION_NOT_FOUND);
  return { paper, row };
}

async function annotationView(tx: Executor, row: AnnotationRow): Promise<AnnotationView> {
  const [v] = await tx
    .select({ version: paperVersions.version })
    .from(paperVersions)
    .where(inArray(paperVersions.id, [row.versionId]));
  return view(row, v?.version ?? 0, await pagesOf(tx, row.versionId));
}

export async function updateAnnotation(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  annotationId: string,
  input: { note: string },
): Promise<AnnotationView> {
  const { row } = await ownAnnotation(tx, actor, meetingId, paperId, annotationId);
  const note = cleanNote(input.note);
  const [updated] = await tx
    .update(annotations)
    .set({ note, updatedAt: actor.now })
    .where(eq(annotations.id, row.id))
    .returning();
  await audit(tx, actor.audit, {
    action: 'cabinet.annotation.update',
    objectType: 'cabinet_annotation',
    objectId: row.id,
  });
  return annotationView(tx, updated!);
}

export async function deleteAnnotation(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  annotationId: string,
): Promise<void> {
  const { row } = await ownAnnotation(tx, actor, meetingId, paperId, annotationId);
  await tx.delete(annotations).where(eq(annotations.id, row.id));
  await audit(tx, actor.audit, {
    action: 'cabinet.annotation.delete',
    objectType: 'cabinet_annotation',
    objectId: row.id,
  });
}
