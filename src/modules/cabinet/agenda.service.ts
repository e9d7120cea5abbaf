/**
 * A meeting's agenda: items in order, each with its presenter, time box and classification. The office (or
 * the secretariat) adds, edits, reorders and removes items; everyone who may read the meeting sees them in
 * order with the papers they may see. An item with papers attached is not removed (move the papers first).
 */
import { isUuid } from '../../platform/db/index.js';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { getAgency, personBriefs } from '../identity/index.js';
import { CLASSIFICATIONS, PAPER_ONLY, type AgendaState, type Classification } from './model.js';
import { meetingToPrepare, type PaperActor } from './paper-access.js';
import { PaperErrors } from './papers.errors.js';
import { visiblePapers, type PaperView } from './papers.service.js';
import { loadMeetingFor, type MeetingAccess } from './policy.js';
import { agendaItems, comments, opinions, paperVersions, papers } from './schema.js';

export const AGENDA_TITLE_MAX = 500;
export const AGENDA_MINUTES_MAX = 600;
export const AGENDA_ITEMS_MAX = 200;

type ItemRow = typeof agendaItems.$inferSelect;

export interface AgendaItemView {
  id: string;
  meetingId: string;
  /** 1, 2, 3… in the order of the agenda. */
  position: number;
  title: string;
  presenterAgencyId: string | null;
  presenterPersonId: string | null;
  plannedMinutes: number | null;
  state: AgendaState;
  classification: Classification;
  startedAt: string | null;
  endedAt: string | null;
  spentSeconds: number;
}

export interface AgendaItemInput {
  title: string;
  presenterAgencyId?: string | null | undefined;
  presenterPersonId?: string | null | undefined;
  plannedMinutes?: number | null | undefined;
  classification?: Classification | undefined;
}

export type AgendaItemPatch = Partial<AgendaItemInput>;

export interface AgendaView {
  items: (AgendaItemView & { papers: PaperView[] })[];
  /** Papers attached to no item yet. */
  otherPapers: PaperView[];
}

function itemView(r: ItemRow): AgendaItemView {
  return {
    id: r.id,
    meetingId: r.meetingId,
    position: r.position,
    title: r.title,
    presenterAgencyId: r.presenterAgencyId,
    presenterPersonId: r.presenterPersonId,
    plannedMinutes: r.plannedMinutes,
    state: r.state,
    classification: r.classification,
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    spentSeconds: r.spentSeconds,
  };
}

function itemsOf(tx: Executor, meetingId: string): Promise<ItemRow[]> {
  return tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

/** The agenda in order, each item with the papers the actor may see. */
export async function listAgenda(tx: Executor, actor: PaperActor, meetingId: string): Promise<AgendaView> {
  const access = await loadMeetingFor(tx, actor, meetingId, 'read', actor.now);
  const items = await itemsOf(tx, access.meeting.id);
  const shown = await visiblePapers(tx, access, actor);
  return {
    items: items.map((i) => ({ ...itemView(i), papers: shown.filter((p) => p.agendaItemId === i.id) })),
    otherPapers: shown.filter((p) => p.agendaItemId === null),
  };
}

const invalid = (field: string) => new AppError(PaperErrors.CABINET_AGENDA_ITEM_INVALID, { field });

/** Checks every field given (undefined: not given) before anything is written. */
async function checkItem(tx: Executor, input: AgendaItemPatch): Promise<AgendaItemPatch> {
  const out: AgendaItemPatch = {};
  if (input.title !== undefined) {
    const title = input.title.normalize('NFC').trim();
    if (!title || title.length > AGENDA_TITLE_MAX) throw invalid('title');
    out.title = title;
  }
  if (input.plannedMinutes !== undefined) {
    const m = input.plannedMinutes;
    if (m !== null && (!Number.isInteger(m) || m < 1 || m > AGENDA_MINUTES_MAX))
      throw invalid('plannedMinutes');
    out.plannedMinutes = m;
  }
  if (input.classification !== undefined) {
    if (!CLASSIFICATIONS.includes(input.classification)) throw invalid('classification');
    out.classification = input.classification;
  }
  if (input.presenterPersonId !== undefined) {
    const id = input.presenterPersonId;
    if (id !== null && !(await personBriefs(tx, [id])).has(id)) throw invalid('presenterPersonId');
    out.presenterPersonId = id;
  }
  if (input.presenterAgencyId !== undefined) {
    const id = input.presenterAgencyId;
    if (id !== null && !(isUuid(id) && (await agencyExists(tx, id)))) throw invalid('presenterAgencyId');
    out.presenterAgencyId = id;
  }
  return out;
}

async function agencyExists(tx: Executor, id: string): Promise<boolean> {
  try {
    await getAgency(tx, id);
    return true;
  } catch {
    return false;
  }
}

async function itemOf(tx: Executor, access: MeetingAccess, itemId: string, lock = false): Promise<ItemRow> {
  if (!isUuid(itemId)) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_NOT_FOUND);
  const query = tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, access.meeting.id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_NOT_FOUND);
  return row;
}

/** Adds an item at the end of the agenda. */
export async function addAgendaItem(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  input: AgendaItemInput,
): Promise<AgendaItemView> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  if (typeof input.title !== 'string') throw invalid('title');
  const checked = await checkItem(tx, input);
  // Serialise additions to one meeting's agenda so two items never take the same position.
  await tx.execute(sql`select id from cabinet_meetings where id = ${access.meeting.id} for update`);
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${agendaItems.position}), 0)`, c: sql<number>`count(*)` })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, access.meeting.id));
  if (Number(last?.c ?? 0) >= AGENDA_ITEMS_MAX) throw invalid('items');
  const [row] = await tx
    .insert(agendaItems)
    .values({
      meetingId: access.meeting.id,
      position: Number(last?.n ?? 0) + 1,
      title: checked.title!,
      presenterAgencyId: checked.presenterAgencyId ?? null,
      presenterPersonId: checked.presenterPersonId ?? null,
      plannedMinutes: checked.plannedMinutes ?? null,
      classification: checked.classification ?? 'internal',
    })
    .returning();
  const view = itemView(row!);
  await audit(tx, actor.audit, {
    action: 'cabinet.agenda.add',
    objectType: 'cabinet_agenda_item',
    objectId: view.id,
    after: view,
  });
  return view;
}

export async function editAgendaItem(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  itemId: string,
  patch: AgendaItemPatch,
): Promise<AgendaItemView> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  const before = await itemOf(tx, access, itemId, true);
  const checked = await checkItem(tx, patch);
  if (!Object.keys(checked).length) return itemView(before);
  if (
    checked.classification !== undefined &&
    checked.classification !== before.classification &&
    PAPER_ONLY.has(checked.classification) &&
    (await hasOnlineContent(tx, before.id))
  )
    throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_HAS_CONTENT, {
      classification: checked.classification,
    });
  const [row] = await tx.update(agendaItems).set(checked).where(eq(agendaItems.id, before.id)).returning();
  const view = itemView(row!);
  await audit(tx, actor.audit, {
    action: 'cabinet.agenda.edit',
    objectType: 'cabinet_agenda_item',
    objectId: view.id,
    before: itemView(before),
    after: view,
  });
  return view;
}

/**
 * Whether an item already has content online: a paper with a version, an opinion, or a comment on the item or
 * on one of its papers. Such an item cannot become paper-only: the content would stay online under it. The
 * item's row lock (taken by the caller) makes a concurrent upload wait, or be seen here.
 */
async function hasOnlineContent(tx: Executor, itemId: string): Promise<boolean> {
  const itemPapers = tx.select({ id: papers.id }).from(papers).where(eq(papers.agendaItemId, itemId));
  const [version] = await tx
    .select({ id: paperVersions.id })
    .from(paperVersions)
    .where(inArray(paperVersions.paperId, itemPapers))
    .limit(1);
  if (version) return true;
  const [opinion] = await tx
    .select({ id: opinions.id })
    .from(opinions)
    .where(eq(opinions.agendaItemId, itemId))
    .limit(1);
  if (opinion) return true;
  const [comment] = await tx
    .select({ id: comments.id })
    .from(comments)
    .where(or(eq(comments.agendaItemId, itemId), inArray(comments.paperId, itemPapers)))
    .limit(1);
  return comment !== undefined;
}

/** New order of the whole agenda: every item of the meeting exactly once; positions become 1, 2, 3… */
export async function reorderAgenda(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  itemIds: string[],
): Promise<AgendaItemView[]> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  await tx.execute(sql`select id from cabinet_meetings where id = ${access.meeting.id} for update`);
  const current = await itemsOf(tx, access.meeting.id);
  const known = new Set(current.map((i) => i.id));
  if (
    itemIds.length !== current.length ||
    new Set(itemIds).size !== itemIds.length ||
    !itemIds.every((id) => known.has(id))
  )
    throw new AppError(PaperErrors.CABINET_AGENDA_REORDER_INVALID);
  const before = current.map((i) => i.id);
  for (const [index, id] of itemIds.entries())
    await tx
      .update(agendaItems)
      .set({ position: index + 1 })
      .where(eq(agendaItems.id, id));
  await audit(tx, actor.audit, {
    action: 'cabinet.agenda.reorder',
    objectType: 'cabinet_meeting',
    objectId: access.meeting.id,
    before,
    after: itemIds,
  });
  return (await itemsOf(tx, access.meeting.id)).map(itemView);
}

/** Removes an item that has no paper attached; the items after it move up. */
export async function removeAgendaItem(
  tx: Executor,
  actor: PaperActor,
  meetingId: string,
  itemId: string,
): Promise<void> {
  const access = await meetingToPrepare(tx, actor, meetingId, actor.now);
  await tx.execute(sql`select id from cabinet_meetings where id = ${access.meeting.id} for update`);
  const item = await itemOf(tx, access, itemId, true);
  const attached = await tx
    .select({ id: papers.id })
    .from(papers)
    .where(eq(papers.agendaItemId, item.id))
    .limit(1);
  if (attached.length) throw new AppError(PaperErrors.CABINET_AGENDA_ITEM_HAS_PAPERS);
  await tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
  const rest = await itemsOf(tx, access.meeting.id);
  const moved = rest.filter((r, index) => r.position !== index + 1);
  for (const r of moved)
    await tx
      .update(agendaItems)
      .set({ position: rest.indexOf(r) + 1 })
      .where(eq(agendaItems.id, r.id));
  await audit(tx, actor.audit, {
    action: 'cabinet.agenda.remove',
    objectType: 'cabinet_agenda_item',
    objectId: item.id,
    before: itemView(item),
  });
}
