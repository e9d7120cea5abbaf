/**
 * Papers of a meeting and their versions. A classified paper (Mật, Tối mật, Tuyệt mật) is a metadata stub:
 * its content circulates on paper and is never accepted. Each uploaded version keeps the SHA-256 the file store
 * computed (what votes will cite) and whether it arrived after the meeting's papers-due day. Reading a version
 * records a read receipt, so the office sees who has read the latest version and who has not.
 *
 * Each version also gets a viewable PDF (viewer.jobs.ts, enqueued with the upload); readers see and download
 * that PDF with their name watermarked on every page (viewer.service.ts), only preparers get the original.
 */
import { isUuid } from '../../platform/db/index.js';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import { dayInVietnam } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { ReceivedFile } from '../../platform/files/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import { personBriefs } from '../identity/index.js';
import {
  CLASSIFICATIONS,
  PAPER_KINDS,
  PAPER_ONLY,
  type Classification,
  type PaperKind,
  type ViewState,
} from './model.js';
import { meetingToPrepare, maySeePaper, paperOf, type PaperActor, type PaperRow } from './paper-access.js';
import { PaperErrors } from './papers.errors.js';
import { loadMeetingFor, type MeetingAccess } from './policy.js';
import { agendaItems, paperVersions, papers, participants, readReceipts } from './schema.js';
import { enqueueView } from './viewer.jobs.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Accepted content, recognised by its first bytes (never by the name), with the extension it is saved as. */
export const PAPER_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  [DOCX]: 'docx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export const PAPER_TITLE_MAX = 500;
export const PAPER_REFERENCE_MAX = 100;
export const PAPER_NOTE_MAX = 2000;
export const PAPER_RESTRICTED_MAX = 200;

export type VersionRow = typeof paperVersions.$inferSelect;

export interface PaperVersionView {
  id: string;
  version: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  late: boolean;
  note: string | null;
  uploadedBy: string;
  uploadedAt: string;
  /** Whether the viewer can show it yet (a DOCX waits for its conversion to PDF). */
  viewState: ViewState;
}

export interface PaperView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  title: string;
  kind: PaperKind;
  classification: Classification;
  /** Classified: a stub only, the paper circulates on paper. */
  paperOnly: boolean;
  reference: string | null;
  paperCirculationNote: string | null;
  restrictedTo: string[] | null;
  createdAt: string;
  /** The newest version first. */
  versions: PaperVersionView[];
  latestVersion: PaperVersionView | null;
  /** The latest version arrived after the papers-due day. */
  late: boolean;
}

export interface NewPaper {
  title: string;
  kind: PaperKind;
  classification: Classification;
  reference?: string | null | undefined;
  agendaItemId?: string | null | undefined;
  paperCirculationNote?: string | null | undefined;
  restrictedTo?: string[] | null | undefined;
}

function versionView(v: VersionRow): PaperVersionView {
  return {
    id: v.id,
    version: v.version,
    sha256: v.sha256,
    fileName: v.fileName,
    mediaType: v.mediaType,
    size: v.size,
    late: v.late,
    note: v.note,
    uploadedBy: v.uploadedBy,
    uploadedAt: v.uploadedAt.toISOString(),
    viewState: v.viewState,
  };
}

/**
 * Whether a paper is a paper-only stub: its own classification or its agenda item's (the stricter counts), so
 * a paper filed under a classified item never takes content online.
 */
export function isPaperOnly(paper: Pick<PaperRow, 'classification'>, item: Classification | null): boolean {
  return PAPER_ONLY.has(paper.classification) || (item !== null && PAPER_ONLY.has(item));
}

/** The classification of a paper's agenda item (null: none); `share` holds off a reclassification meanwhile. */
async function itemClassification(
  tx: Executor,
  paper: Pick<PaperRow, 'agendaItemId'>,
  share = false,
): Promise<Classification | null> {
  if (paper.agendaItemId === null) return null;
  const query = tx
    .select({ classification: agendaItems.classification })
    .from(agendaItems)
    .where(eq(agendaItems.id, paper.agendaItemId));
  const [item] = share ? await query.for('share') : await query;
  return item?.classification ?? null;
}

/** Refuses content for a paper whose own or whose item's classification is paper-only. */
async function requireOnlineContent(tx: Executor, paper: PaperRow, share = false): Promise<void> {
  const item = await itemClassification(tx, paper, share);
  if (isPaperOnly(paper, item))
    throw new AppError(PaperErrors.CABINET_PAPER_CLASSIFIED_NO_CONTENT, {
      classification: PAPER_ONLY.has(paper.classification) ? paper.classification : item,
    });
}

function paperView(p: PaperRow, versions: VersionRow[], item: Classification | null = null): PaperView {
  const views = versions.map(versionView).sort((a, b) => b.version - a.version);
  const latest = views[0] ?? null;
  return {
    id: p.id,
    meetingId: p.meetingId,
    agendaItemId: p.agendaItemId,
    title: p.title,
    kind: p.kind,
    classification: p.classification,
    paperOnly: isPaperOnly(p, item),
    reference: p.reference,
    paperCirculationNote: p.paperCirculationNote,
    restrictedTo: p.restrictedTo,
    createdAt: p.createdAt.toISOString(),
    versions: views,
    latestVersion: latest,
    late: latest?.late ?? false,
  };
}

/** The papers of a meeting the actor may see, with their versions (agenda item, then creation order). */
export async function visiblePapers(
  tx: Executor,
  access: MeetingAccess,
  actor: PaperActor,
): Promise<PaperView[]> {
  const all = await tx
    .select()
    .from(papers)
    .where(eq(papers.meetingId, access.meeting.id))
    .orderBy(asc(papers.createdAt), asc(papers.id));
  const shown = all.filter((p) => maySeePaper(access, actor, p));
  if (!shown.length) return [];
  const items = new Map(
    (
      await tx
        .select({ id: agendaItems.id, classification: agendaItems.classification })
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, access.meeting.id))
    ).map((i) => [i.id, i.classification]),
  );
  const versions = await tx
    .select()
    .from(paperVersions)
    .where(
      inArray(
        paperVersions.paperId,
        shown.map((p) => p.id),
      ),
    );
  return shown.map((p) =>
    paperView(
      p,
      versions.filter((v) => v.paperId === p.id),
      p.agendaItemId === null ? null : (items.get(p.agendaItemId) ?? null),
    ),
  );
}

export async function listPapers(tx: Executor, actor: PaperActor, meetingId: string): Promise<PaperView[]> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  return visiblePapers(tx, access, actor);
}

export async function getPaper(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
): Promise<PaperView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const paper = await paperOf(tx, access, actor, paperId);
  return paperView(paper, await versionsOf(tx, paper.id), await itemClassification(tx, paper));
}

function versionsOf(tx: Executor, paperId: string): Promise<VersionRow[]> {
  return tx
    .select()
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paperId))
    .orderBy(desc(paperVersions.version));
}

const trimmed = (v: string | null | undefined): string | null => {
  const t = v?.normalize('NFC').trim();
  return t ? t : null;
};

export async function createPaper(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  input: NewPaper,
): Promise<PaperView> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  const title = trimmed(input.title);
  const reference = trimmed(input.reference);
  const note = trimmed(input.paperCirculationNote);
  const paperOnly = PAPER_ONLY.has(input.classification);
  if (
    !title ||
    title.length > PAPER_TITLE_MAX ||
    (reference?.length ?? 0) > PAPER_REFERENCE_MAX ||
    (note?.length ?? 0) > PAPER_NOTE_MAX ||
    !PAPER_KINDS.includes(input.kind) ||
    !CLASSIFICATIONS.includes(input.classification) ||
    (note !== null && !paperOnly)
  )
    throw new AppError(PaperErrors.CABINET_PAPER_INVALID);
  const agendaItemId = input.agendaItemId ?? null;
  const item = agendaItemId === null ? null : await requireAgendaItem(tx, access, agendaItemId);
  if (item !== null && PAPER_ONLY.has(item) && !paperOnly)
    throw new AppError(PaperErrors.CABINET_PAPER_ITEM_CLASSIFIED, { itemClassification: item });
  const restrictedTo = await checkRestrictedTo(tx, access, input.restrictedTo ?? null);
  const [row] = await tx
    .insert(papers)
    .values({
      meetingId: access.meeting.id,
      agendaItemId,
      title,
      kind: input.kind,
      classification: input.classification,
      reference,
      paperCirculationNote: note,
      restrictedTo,
      createdBy: actor.personId,
      createdAt: actor.now,
    })
    .returning();
  const view = paperView(row!, [], item);
  await audit(tx, actor.audit, {
    action: 'cabinet.paper.create',
    objectType: 'cabinet_paper',
    objectId: view.id,
    after: view,
  });
  return view;
}

/** The item's classification; shared lock so it is not reclassified before the paper is in. */
async function requireAgendaItem(
  tx: Executor,
  access: MeetingAccess,
  itemId: string,
): Promise<Classification> {
  const [item] = isUuid(itemId)
    ? await tx
        .select({ classification: agendaItems.classification })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, access.meeting.id)))
        .for('share')
    : [];
  if (!item) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_NOT_FOUND, { agendaItemId: itemId });
  return item.classification;
}

/** null: every participant; otherwise a non-empty list of this meeting's participants, each once. */
async function checkRestrictedTo(
  tx: Executor,
  access: MeetingAccess,
  restrictedTo: string[] | null,
): Promise<string[] | null> {
  if (restrictedTo === null) return null;
  const ids = [...new Set(restrictedTo)];
  if (!ids.length || ids.length > PAPER_RESTRICTED_MAX || !ids.every(isUuid))
    throw new AppError(PaperErrors.CABINET_PAPER_RESTRICTED_INVALID);
  const found = await tx
    .select({ personId: participants.personId })
    .from(participants)
    .where(and(eq(participants.meetingId, access.meeting.id), inArray(participants.personId, ids)));
  if (found.length !== ids.length)
    throw new AppError(PaperErrors.CABINET_PAPER_RESTRICTED_INVALID, {
      notParticipants: ids.filter((id) => !found.some((f) => f.personId === id)),
    });
  return ids;
}

/**
 * Everything that can refuse an upload, checked before a byte of the file is read: the meeting may be
 * prepared by the actor, the paper is theirs to see and neither it nor its agenda item is classified (such
 * content is never stored).
 */
export async function checkUpload(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
): Promise<PaperRow> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  const paper = await paperOf(tx, access, actor, paperId);
  await requireOnlineContent(tx, paper);
  return paper;
}

/** The client's name, cleaned, with the extension of what the content really is. */
export function versionFileName(given: string, mediaType: string, fallback: string): string {
  const ext = PAPER_MEDIA_TYPES[mediaType] ?? 'bin';
  let name = given
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\]/g, ' ')
    .trim();
  if (!name) name = fallback.normalize('NFC').slice(0, 200);
  const lower = name.toLowerCase();
  const hasExt = lower.endsWith(`.${ext}`) || (ext === 'jpg' && lower.endsWith('.jpeg'));
  return hasExt ? name : `${name}.${ext}`;
}

/**
 * Adds the stored file as the paper's next version. The paper's row lock makes concurrent uploads take
 * numbers one after the other (the unique constraint on (paper, version) is the backstop). Late: uploaded
 * after the papers-due day, in Vietnam time. The job that makes its viewable PDF is enqueued in the same
 * transaction.
 */
export async function addVersion(
  tx: Executor,
  jobs: Pick<Jobs, 'enqueue'>,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
  file: ReceivedFile,
  note?: string | null,
): Promise<PaperVersionView> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  const paper = await paperOf(tx, access, actor, paperId, true);
  // Shared lock on the item: a reclassification waits for this version, then sees it and is refused.
  await requireOnlineContent(tx, paper, true);
  if (!(file.mediaType in PAPER_MEDIA_TYPES))
    throw new AppError(PaperErrors.CABINET_PAPER_FILE_TYPE, { detected: file.mediaType });
  const cleanNote = trimmed(note);
  if ((cleanNote?.length ?? 0) > PAPER_NOTE_MAX) throw new AppError(PaperErrors.CABINET_PAPER_INVALID);
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${paperVersions.version}), 0)` })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paper.id));
  const version = Number(last?.n ?? 0) + 1;
  const late = dayInVietnam(actor.now) > access.meeting.papersDueOn;
  const [row] = await tx
    .insert(paperVersions)
    .values({
      paperId: paper.id,
      version,
      sha256: file.sha256,
      fileName: versionFileName(file.filename, file.mediaType, paper.title),
      mediaType: file.mediaType,
      size: file.size,
      late,
      note: cleanNote,
      uploadedBy: actor.personId,
      uploadedAt: actor.now,
    })
    .returning();
  const view = versionView(row!);
  await enqueueView(tx, jobs, view.id);
  await audit(tx, actor.audit, {
    action: 'cabinet.paper.version.upload',
    objectType: 'cabinet_paper',
    objectId: paper.id,
    after: view,
    ...(late ? { detail: 'late' } : {}),
  });
  return view;
}

/** 'latest' or a version number, as given in the path. */
export type VersionRef = 'latest' | number;

/** One version of a paper the actor may see, by number or the newest (404 coded otherwise). */
export async function findVersion(tx: Executor, paper: PaperRow, ref: VersionRef): Promise<VersionRow> {
  const [v] = await tx
    .select()
    .from(paperVersions)
    .where(
      and(eq(paperVersions.paperId, paper.id), ref === 'latest' ? undefined : eq(paperVersions.version, ref)),
    )
    .orderBy(desc(paperVersions.version))
    .limit(1);
  if (!v)
    throw new AppError(
      ref === 'latest' ? PaperErrors.CABINET_PAPER_NO_VERSION : PaperErrors.CABINET_PAPER_VERSION_NOT_FOUND,
    );
  return v;
}

/** How a version was opened: in the viewer, downloaded as the reader's copy, or the original file. */
export type ReadKind = 'view' | 'download' | 'original';

/** The read receipt (first and last read, how many times) and the audit record of one opening. */
export async function recordRead(
  tx: Executor,
  actor: PaperActor,
  v: VersionRow,
  kind: ReadKind,
): Promise<void> {
  await tx
    .insert(readReceipts)
    .values({
      versionId: v.id,
      personId: actor.personId,
      firstReadAt: actor.now,
      lastReadAt: actor.now,
      downloads: 1,
    })
    .onConflictDoUpdate({
      target: [readReceipts.versionId, readReceipts.personId],
      set: { lastReadAt: actor.now, downloads: sql`${readReceipts.downloads} + 1` },
    });
  await audit(tx, actor.audit, {
    action: 'cabinet.paper.read',
    objectType: 'cabinet_paper_version',
    objectId: v.id,
    detail: kind,
  });
}

export interface ReaderView {
  personId: string;
  displayName: string | null;
  /** A participant the paper is meant for (all participants, or those it is restricted to). */
  expected: boolean;
  /** The newest version this person has opened, if any. */
  lastVersionRead: number | null;
  firstReadAt: string | null;
  lastReadAt: string | null;
  downloads: number;
}

export interface ReadReceiptsView {
  paperId: string;
  latestVersion: number | null;
  /** Have opened the latest version. */
  read: ReaderView[];
  /** Meant to read it and have not opened the latest version (maybe an older one). */
  notRead: ReaderView[];
}

/** The office's view of who has read the latest version of a paper and who has not. */
export async function paperReadReceipts(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  paperId: string,
): Promise<ReadReceiptsView> {
  // Read receipts are the office's (and the secretariat's): a participant alone is refused.
  const access = await loadMeetingFor(tx, actor, meetingId, 'prepare', actor.now);
  const paper = await paperOf(tx, access, actor, paperId);
  const versions = await versionsOf(tx, paper.id);
  const latest = versions[0] ?? null;
  const invited = await tx
    .select({ personId: participants.personId })
    .from(participants)
    .where(eq(participants.meetingId, access.meeting.id));
  const expected = new Set(paper.restrictedTo ?? invited.map((r) => r.personId));
  const receipts = versions.length
    ? await tx
        .select()
        .from(readReceipts)
        .where(
          inArray(
            readReceipts.versionId,
            versions.map((v) => v.id),
          ),
        )
    : [];
  const numberOf = new Map(versions.map((v) => [v.id, v.version]));
  const people = new Set([...expected, ...receipts.map((r) => r.personId)]);
  const names = await personBriefs(tx, [...people]);
  const read: ReaderView[] = [];
  const notRead: ReaderView[] = [];
  for (const personId of people) {
    const mine = receipts
      .filter((r) => r.personId === personId)
      .sort((a, b) => (numberOf.get(b.versionId) ?? 0) - (numberOf.get(a.versionId) ?? 0));
    const onLatest = latest ? mine.find((r) => r.versionId === latest.id) : undefined;
    const newest = mine[0];
    const view: ReaderView = {
      personId,
      displayName: names.get(personId)?.displayName ?? null,
      expected: expected.has(personId),
      lastVersionRead: newest ? (numberOf.get(newest.versionId) ?? null) : null,
      firstReadAt: onLatest?.firstReadAt.toISOString() ?? null,
      lastReadAt: onLatest?.lastReadAt.toISOString() ?? null,
      downloads: onLatest?.downloads ?? 0,
    };
    if (onLatest) read.push(view);
    else if (view.expected) notRead.push(view);
  }
  const byName = (a: ReaderView, b: ReaderView) =>
    (a.displayName ?? a.personId).localeCompare(b.displayName ?? b.personId, 'vi');
  return {
    paperId: paper.id,
    latestVersion: latest?.version ?? null,
    read: read.sort(byName),
    notRead: notRead.sort(byName),
  };
}
