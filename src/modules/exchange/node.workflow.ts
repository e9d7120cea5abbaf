/**
 * The steps of an incoming document at the documents office, each telling the sender through the hub:
 * register (03, with the next incoming number of the office and year), assign (04), process (05),
 * complete (06), reject (02, any time before completion); and for an incoming revocation, update or
 * replacement: agree (15; a revocation or replacement revokes the document it targets) or refuse (16).
 *
 * Every step: authorise and check the state, build and sign the status envelope OUTSIDE any transaction
 * (signing may talk to a token), then in ONE audited transaction check the state again under the row lock,
 * change the document, record the status in its timeline and queue the envelope for the hub. A step that
 * lost a race is refused with a state error and changes nothing (registering twice never takes two numbers).
 */
import { and, eq, sql } from 'drizzle-orm';
import { audit, auditedTransaction } from '../../platform/audit/index.js';
import { dayInVietnam } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { officialsOf, resolveAgencyCode } from '../identity/index.js';
import { STATUS_CODES, type Staff } from './edxml/index.js';
import { NodeErrors } from './errors.js';
import { nodeAgency, organizationOf, type NodeAgency } from './node.agencies.js';
import { documentDetail, documentFor, type DocumentDetail, type LoadedDocument } from './node.documents.js';
import { prepareEnvelope, queueForHub, statusAbout } from './node.outbox.js';
import {
  actingAgencies,
  actingAgency,
  documentActions,
  type DocumentAction,
  type DocumentRow,
  type NodeActor,
} from './node.policy.js';
import {
  exchangeDocuments,
  exchangeRegisterCounters,
  exchangeStatusEvents,
  type DocumentState,
} from './schema.js';

export const NOTE_MAX = 2_000;
export const DEPARTMENT_MAX = 200;
export const ASSIGNEES_MAX = 50;

/** What a step does to the document, decided from the document as it stands. */
interface StepPlan {
  action: DocumentAction;
  to: DocumentState;
  statusCode: string;
  description: string;
  staff?: Staff;
  set?: Partial<Pick<DocumentRow, 'department' | 'assigneeId'>>;
  /** Further changes in the same transaction (the register number, the revoked target). */
  apply?: (tx: Executor, doc: DocumentRow) => Promise<Partial<DocumentRow>>;
}

const entryOf = (action: DocumentAction, id: string) => ({
  action: `exchange.document.${action}`,
  objectType: 'exchange_document',
  objectId: id,
});

/** The actor may take this step now: 404 when they may not see it, 403 or 409 otherwise. */
function assertMay(loaded: LoadedDocument, action: DocumentAction): void {
  if (documentActions(loaded.doc, loaded.access).includes(action)) return;
  const anyState = (['arrived', 'registered', 'assigned', 'processing'] as const).some((state) =>
    documentActions({ ...loaded.doc, state }, loaded.access).includes(action),
  );
  if (anyState || loaded.access.clerk)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_STATE, { state: loaded.doc.state, action });
  throw new AppError(PlatformErrors.FORBIDDEN, { action });
}

function text(value: string | undefined, field: string, max: number, required = false): string | undefined {
  const v = value?.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (!v) {
    if (required) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field, reason: 'required' });
    return undefined;
  }
  if (v.length > max) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field, reason: 'too long' });
  return v;
}

const withNote = (base: string, note: string | undefined) => (note ? `${base}: ${note}` : base);

async function runStep(
  p: Platform,
  actor: NodeActor,
  id: string,
  action: DocumentAction,
  plan: (tx: Executor, doc: DocumentRow) => Promise<StepPlan> | StepPlan,
): Promise<DocumentDetail> {
  const entry = entryOf(action, id);
  // Authorise and check the state first; a refusal is audited (the read transaction changes nothing).
  const { loaded, step } = await auditedTransaction(p.db, actor.audit, entry, async (tx) => {
    const found = await documentFor(tx, actor, id);
    assertMay(found, action);
    return { loaded: found, step: await plan(tx, found.doc) };
  });
  const doc = loaded.doc;
  const agency = (await nodeAgency(p.db, doc.agencyCode)) ?? { code: doc.agencyCode, name: doc.agencyCode };
  const staff: Staff = { ...step.staff, staff: actor.displayName };
  const envelope = await prepareEnvelope(p, {
    kind: 'status',
    status: statusAbout(doc, {
      from: organizationOf(agency),
      statusCode: step.statusCode,
      description: step.description,
      staff,
      at: actor.now,
    }),
  });
  return auditedTransaction(p.db, actor.audit, entry, async (tx) => {
    const again = await documentFor(tx, actor, id, true);
    assertMay(again, action);
    const extra = step.apply ? await step.apply(tx, again.doc) : {};
    const [updated] = await tx
      .update(exchangeDocuments)
      .set({ ...step.set, ...extra, state: step.to, updatedAt: actor.now })
      .where(and(eq(exchangeDocuments.id, doc.id), eq(exchangeDocuments.state, doc.state)))
      .returning();
    if (!updated) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_STATE, { state: again.doc.state, action });
    await tx.insert(exchangeStatusEvents).values({
      documentId: doc.id,
      agencyCode: doc.agencyCode,
      statusCode: step.statusCode,
      description: step.description,
      staff: actor.displayName,
      at: actor.now,
      hubMessageId: null,
    });
    await queueForHub(tx, p, {
      kind: 'status',
      documentId: doc.id,
      fromCode: doc.agencyCode,
      toCodes: [doc.fromCode],
      envelope,
    });
    await audit(tx, actor.audit, {
      ...entry,
      before: { state: doc.state, incomingNumber: doc.incomingNumber, assigneeId: doc.assigneeId },
      after: {
        state: updated.state,
        statusCode: step.statusCode,
        incomingNumber: updated.incomingNumber,
        department: updated.department,
        assigneeId: updated.assigneeId,
        description: step.description,
      },
    });
    return documentDetail(tx, { doc: updated, access: again.access });
  });
}

/** The next incoming number (số đến) of an office for a year: one atomic upsert, never a number twice. */
export async function nextIncomingNumber(tx: Executor, agencyCode: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(exchangeRegisterCounters)
    .values({ agencyCode, year, last: 1 })
    .onConflictDoUpdate({
      target: [exchangeRegisterCounters.agencyCode, exchangeRegisterCounters.year],
      set: { last: sql`exchange_register_counters.last + 1` },
    })
    .returning({ last: exchangeRegisterCounters.last });
  return row!.last;
}

/** Vào sổ văn bản đến: the document gets the office's next incoming number of the year (Vietnam time). */
export function registerDocument(p: Platform, actor: NodeActor, id: string): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'register', () => ({
    action: 'register',
    to: 'registered',
    statusCode: STATUS_CODES.accepted,
    description: 'Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
    apply: async (tx, doc) => ({
      incomingNumber: await nextIncomingNumber(
        tx,
        doc.agencyCode,
        Number(dayInVietnam(actor.now).slice(0, 4)),
      ),
    }),
  }));
}

export interface AssignInput {
  department?: string | undefined;
  assigneeId?: string | undefined;
  note?: string | undefined;
}

/** Phân công xử lý: to a department, a person, or both; assigning again replaces the earlier assignment. */
export function assignDocument(
  p: Platform,
  actor: NodeActor,
  id: string,
  input: AssignInput,
): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'assign', async (tx, doc) => {
    const department = text(input.department, 'department', DEPARTMENT_MAX);
    const note = text(input.note, 'note', NOTE_MAX);
    let assigneeName: string | undefined;
    if (input.assigneeId) {
      // Someone who works in the document's office: a person elsewhere is not found (nor told apart).
      const [person] = await officialsOf(tx, await officeAgencyIds(tx, doc.agencyCode), {
        id: input.assigneeId,
      });
      if (!person) throw new AppError(NodeErrors.EXCHANGE_ASSIGNEE_NOT_FOUND);
      assigneeName = person.displayName;
    }
    if (!department && !assigneeName)
      throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'department', reason: 'required' });
    const to = [department, assigneeName].filter(Boolean).join(', ');
    const staff: Staff = department ? { department } : {};
    return {
      action: 'assign',
      to: 'assigned',
      statusCode: STATUS_CODES.assigned,
      description: withNote(`Phân công xử lý: ${to}`, note),
      staff,
      set: { department: department ?? null, assigneeId: assigneeName ? input.assigneeId! : null },
    };
  });
}

/** Đang xử lý: the assignee (or the clerk for a department) has started. */
export function processDocument(
  p: Platform,
  actor: NodeActor,
  id: string,
  input: { note?: string | undefined } = {},
): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'process', (_tx, doc) => ({
    action: 'process',
    to: 'processing',
    statusCode: STATUS_CODES.processing,
    description: withNote('Đang xử lý văn bản đến', text(input.note, 'note', NOTE_MAX)),
    ...(doc.department ? { staff: { department: doc.department } } : {}),
  }));
}

/** Hoàn thành xử lý. */
export function completeDocument(
  p: Platform,
  actor: NodeActor,
  id: string,
  input: { note?: string | undefined } = {},
): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'complete', (_tx, doc) => ({
    action: 'complete',
    to: 'completed',
    statusCode: STATUS_CODES.completed,
    description: withNote('Hoàn thành xử lý văn bản đến', text(input.note, 'note', NOTE_MAX)),
    ...(doc.department ? { staff: { department: doc.department } } : {}),
  }));
}

/** Từ chối tiếp nhận (wrong addressee, unsigned, unreadable …), with the reason the sender reads. */
export function rejectDocument(
  p: Platform,
  actor: NodeActor,
  id: string,
  input: { reason: string },
): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'reject', () => ({
    action: 'reject',
    to: 'rejected',
    statusCode: STATUS_CODES.rejected,
    description: `Từ chối không tiếp nhận văn bản điện tử: ${text(input.reason, 'reason', NOTE_MAX, true)!}`,
  }));
}

/**
 * Đồng ý thu hồi / cập nhật / thay thế: the request is completed; a revocation or a replacement revokes the
 * document it targets (the same sender's incoming document with that DocumentId); an update changes nothing
 * else.
 */
export function agreeToChange(p: Platform, actor: NodeActor, id: string): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'agree', () => ({
    action: 'agree',
    to: 'completed',
    statusCode: STATUS_CODES.changeAgreed,
    description: 'Đồng ý yêu cầu cập nhật, lấy lại văn bản điện tử',
    apply: async (tx, doc) => {
      if ((doc.businessDocType === '1' || doc.businessDocType === '3') && doc.targetDocumentId)
        await tx
          .update(exchangeDocuments)
          .set({ state: 'revoked', updatedAt: actor.now })
          .where(
            and(
              eq(exchangeDocuments.agencyCode, doc.agencyCode),
              eq(exchangeDocuments.direction, 'inbound'),
              eq(exchangeDocuments.fromCode, doc.fromCode),
              eq(exchangeDocuments.documentId, doc.targetDocumentId),
              eq(exchangeDocuments.businessDocType, '0'),
            ),
          );
      return {};
    },
  }));
}

/** Từ chối yêu cầu thu hồi / cập nhật / thay thế, with the reason. */
export function refuseChange(
  p: Platform,
  actor: NodeActor,
  id: string,
  input: { reason: string },
): Promise<DocumentDetail> {
  return runStep(p, actor, id, 'refuse', () => ({
    action: 'refuse',
    to: 'rejected',
    statusCode: STATUS_CODES.changeRefused,
    description: `Từ chối yêu cầu cập nhật, lấy lại văn bản điện tử: ${text(input.reason, 'reason', NOTE_MAX, true)!}`,
  }));
}

/** A person the documents office may assign a document to. */
export interface AssigneeView {
  id: string;
  displayName: string;
  /** Their post in the office (e.g. "Chuyên viên Vụ Ngân sách nhà nước"), when recorded. */
  position: string | null;
  agencyCode: string;
  agencyName: string;
}

/** The registry agencies behind a node agency's code: the one holding it and those carrying it on. */
async function officeAgencyIds(tx: Executor, code: string): Promise<string[]> {
  try {
    const r = await resolveAgencyCode(tx, code);
    return [...new Set([r.requested.id, ...r.current.map((c) => c.id)])];
  } catch {
    return []; // not in the registry: nobody works there as far as this deployment knows
  }
}

export interface AssigneeQuery {
  q?: string | undefined;
  /** One node agency's people (the document's office); all the clerk's offices when absent. */
  agency?: string | undefined;
  limit?: number | undefined;
}

/**
 * Whom the clerk may assign to: the officials of the node agencies they act for (or of the one asked for; an
 * agency outside their scope is not found), matched by name or post without diacritics, in name order.
 */
export async function assigneeCandidates(
  tx: Executor,
  actor: NodeActor,
  query: AssigneeQuery,
): Promise<AssigneeView[]> {
  const offices: NodeAgency[] = query.agency
    ? [await actingAgency(tx, actor, query.agency)]
    : await actingAgencies(tx, actor);
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ') ?? '';
  const limit = Math.min(Math.max(query.limit ?? 20, 1), ASSIGNEES_MAX);
  const found = new Map<string, AssigneeView>();
  for (const office of offices) {
    const people = await officialsOf(tx, await officeAgencyIds(tx, office.code), { q, limit });
    for (const person of people)
      if (!found.has(person.id))
        found.set(person.id, { ...person, agencyCode: office.code, agencyName: office.name });
  }
  return [...found.values()]
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi') || a.id.localeCompare(b.id))
    .slice(0, limit);
}
