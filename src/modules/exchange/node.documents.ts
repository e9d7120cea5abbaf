/**
 * Reading the documents office: the list (incoming and outgoing, filtered, accent-insensitive search), one
 * document with its files, recipients, status timeline and what the caller may do, and a file download. Every
 * read is scoped first: the clerk sees the offices they act for, an assignee the documents assigned to them;
 * anything else is answered as not found.
 */
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { containsText, foldText, isUuid, toNumber, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { personBriefs } from '../identity/index.js';
import { NodeErrors } from './errors.js';
import { nodeAgency } from './node.agencies.js';
import {
  accessTo,
  actingAgencies,
  actsFor,
  documentActions,
  maySee,
  type DocumentAccess,
  type DocumentAction,
  type DocumentRow,
  type NodeActor,
} from './node.policy.js';
import {
  exchangeAttachments,
  exchangeDocuments,
  exchangeOutbox,
  exchangeRecipients,
  exchangeStatusEvents,
  type DocumentDirection,
  type DocumentState,
} from './schema.js';

export const DOCUMENT_STATES = [
  'arrived',
  'registered',
  'assigned',
  'processing',
  'completed',
  'rejected',
  'sending',
  'sent',
  'failed',
  'revoked',
] as const satisfies readonly DocumentState[];
export const DOCUMENT_LIST_MAX = 200;

export interface RecipientView {
  code: string;
  name: string | null;
  statusCode: string | null;
  statusAt: string | null;
}

export interface DocumentSummary {
  id: string;
  direction: DocumentDirection;
  agencyCode: string;
  documentId: string;
  fromCode: string;
  fromName: string | null;
  businessDocType: string;
  codeNumber: string | null;
  codeNotation: string | null;
  subject: string;
  typeName: string | null;
  promulgationDate: string | null;
  priority: number;
  dueDate: string | null;
  state: DocumentState;
  incomingNumber: number | null;
  createdAt: string;
  updatedAt: string;
  recipients: RecipientView[];
}

export interface FileVerification {
  name: string;
  signed: boolean;
  valid: boolean;
  signer: string | null;
  reason: string | null;
}

export interface VerificationView {
  envelope: 'valid' | 'absent' | 'invalid' | 'untrusted';
  envelopeSigner: string | null;
  files: FileVerification[];
}

export interface DocumentDetail extends DocumentSummary {
  /** The name of the node agency whose register holds the document (null if no longer a node agency). */
  agencyName: string | null;
  signerName: string | null;
  signerPosition: string | null;
  department: string | null;
  assignee: { id: string; displayName: string } | null;
  targetDocumentId: string | null;
  /** The sender's reason for a revocation, update or replacement. */
  changeReason: string | null;
  verification: VerificationView | null;
  attachments: { position: number; name: string; size: number; mediaType: string }[];
  timeline: {
    agencyCode: string;
    statusCode: string;
    description: string | null;
    staff: string | null;
    at: string;
    /** The status answers this office's recall request, not the document itself (outgoing documents). */
    recall: boolean;
  }[];
  actions: DocumentAction[];
  /** Why the hub refused the envelope (state `failed`): its code and message; null otherwise. */
  sendError: string | null;
}

/** edXML dates are kept as on the wire (yyyy/MM/dd); the API speaks YYYY-MM-DD. */
export function apiDate(value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function summaryOf(doc: DocumentRow, recipients: RecipientView[]): DocumentSummary {
  return {
    id: doc.id,
    direction: doc.direction,
    agencyCode: doc.agencyCode,
    documentId: doc.documentId,
    fromCode: doc.fromCode,
    fromName: doc.fromName,
    businessDocType: doc.businessDocType,
    codeNumber: doc.codeNumber,
    codeNotation: doc.codeNotation,
    subject: doc.subject,
    typeName: doc.typeName,
    promulgationDate: apiDate(doc.promulgationDate),
    priority: doc.priority,
    dueDate: apiDate(doc.dueDate),
    state: doc.state,
    incomingNumber: doc.incomingNumber,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    recipients: doc.direction === 'outbound' ? recipients : [],
  };
}

async function recipientsOf(tx: Executor, ids: string[]): Promise<Map<string, RecipientView[]>> {
  const out = new Map<string, RecipientView[]>();
  if (!ids.length) return out;
  const found = await tx
    .select()
    .from(exchangeRecipients)
    .where(inArray(exchangeRecipients.documentId, ids))
    .orderBy(asc(exchangeRecipients.code));
  for (const r of found) {
    const list = out.get(r.documentId) ?? [];
    list.push({
      code: r.code,
      name: r.name,
      statusCode: r.statusCode,
      statusAt: r.statusAt ? r.statusAt.toISOString() : null,
    });
    out.set(r.documentId, list);
  }
  return out;
}

export interface DocumentListQuery {
  direction?: DocumentDirection | undefined;
  state?: DocumentState | undefined;
  q?: string | undefined;
  agency?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** The documents the actor may see, newest first. */
export async function listDocuments(
  tx: Executor,
  actor: NodeActor,
  query: DocumentListQuery,
): Promise<{ items: DocumentSummary[]; total: number }> {
  const codes = (await actingAgencies(tx, actor)).map((a) => a.code);
  const visible = or(
    codes.length ? inArray(exchangeDocuments.agencyCode, codes) : undefined,
    and(eq(exchangeDocuments.direction, 'inbound'), eq(exchangeDocuments.assigneeId, actor.personId)),
  );
  const where: (SQL | undefined)[] = [visible];
  if (query.direction) where.push(eq(exchangeDocuments.direction, query.direction));
  if (query.state) where.push(eq(exchangeDocuments.state, query.state));
  if (query.agency) where.push(eq(exchangeDocuments.agencyCode, query.agency.trim().toUpperCase()));
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (q) {
    const pattern = `%${foldText(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        sql`${exchangeDocuments.searchText} like ${pattern}`,
        containsText(
          sql`coalesce(${exchangeDocuments.codeNumber}, '') || '/' || coalesce(${exchangeDocuments.codeNotation}, '')`,
          q,
        ),
        containsText(exchangeDocuments.fromCode, q),
        containsText(exchangeDocuments.fromName, q),
      ),
    );
  }
  const condition = and(...where);
  const limit = Math.min(Math.max(query.limit ?? 50, 1), DOCUMENT_LIST_MAX);
  const found = await tx
    .select()
    .from(exchangeDocuments)
    .where(condition)
    .orderBy(desc(exchangeDocuments.createdAt), desc(exchangeDocuments.id))
    .limit(limit)
    .offset(Math.max(query.offset ?? 0, 0));
  const [total] = await tx.select({ n: count() }).from(exchangeDocuments).where(condition);
  const recipients = await recipientsOf(
    tx,
    found.filter((d) => d.direction === 'outbound').map((d) => d.id),
  );
  return {
    items: found.map((d) => summaryOf(d, recipients.get(d.id) ?? [])),
    total: toNumber(total?.n),
  };
}

export interface LoadedDocument {
  doc: DocumentRow;
  access: DocumentAccess;
}

/** The document if the actor may see it (404 otherwise); `lock` takes its row lock. */
export async function documentFor(
  tx: Executor,
  actor: NodeActor,
  id: string,
  lock = false,
): Promise<LoadedDocument> {
  const notFound = new AppError(NodeErrors.EXCHANGE_DOCUMENT_NOT_FOUND);
  if (!isUuid(id)) throw notFound;
  const q = tx.select().from(exchangeDocuments).where(eq(exchangeDocuments.id, id));
  const [doc] = lock ? await q.for('update') : await q;
  if (!doc) throw notFound;
  const access = accessTo(doc, actor, await actsFor(tx, actor, doc.agencyCode));
  if (!maySee(access)) throw notFound;
  return { doc, access };
}

/** The revocations this office sent for an outgoing document (their answers belong to its timeline). */
export async function recallsOf(tx: Executor, doc: DocumentRow): Promise<DocumentRow[]> {
  if (doc.direction !== 'outbound' || doc.businessDocType !== '0') return [];
  return tx
    .select()
    .from(exchangeDocuments)
    .where(
      and(
        eq(exchangeDocuments.agencyCode, doc.agencyCode),
        eq(exchangeDocuments.direction, 'outbound'),
        eq(exchangeDocuments.businessDocType, '1'),
        eq(exchangeDocuments.targetDocumentId, doc.documentId),
      ),
    );
}

const ENVELOPE_CHECKS = new Set(['valid', 'absent', 'invalid', 'untrusted']);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The verification summary, from what the receiver stored; anything unreadable shows as none. */
export function verificationView(stored: unknown): VerificationView | null {
  if (!stored || typeof stored !== 'object') return null;
  const v = stored as Record<string, unknown>;
  const envelope = v['envelope'];
  if (typeof envelope !== 'string' || !ENVELOPE_CHECKS.has(envelope)) return null;
  const files = Array.isArray(v['files']) ? (v['files'] as unknown[]) : [];
  return {
    envelope: envelope as VerificationView['envelope'],
    envelopeSigner: str(v['envelopeSigner']),
    files: files
      .filter((f): f is Record<string, unknown> => !!f && typeof f === 'object')
      .map((f) => ({
        name: str(f['name']) ?? '',
        signed: f['signed'] === true,
        valid: f['valid'] === true,
        signer: str(f['signer']),
        reason: str(f['reason']),
      })),
  };
}

/**
 * The statuses that answer this office's recall request rather than the document: edXML statuses name only
 * the DocumentId, which the request shares with the document. An agreement or refusal (15, 16) always is;
 * a second receipt (01) from the same recipient after the request was sent is the request's receipt.
 */
function recallAnswers(
  events: (typeof exchangeStatusEvents.$inferSelect)[],
  recalls: DocumentRow[],
): Set<number> {
  const out = new Set<number>();
  const sentAt = recalls.reduce<Date | null>(
    (first, r) => (!first || r.createdAt < first ? r.createdAt : first),
    null,
  );
  if (!sentAt) return out;
  const received = new Set<string>();
  for (const e of events) {
    if (e.statusCode === '15' || e.statusCode === '16') out.add(e.id);
    else if (e.statusCode === '01') {
      // edXML timestamps carry whole seconds: the receipt may read earlier than the request's millisecond.
      if (received.has(e.agencyCode) && e.at.getTime() >= Math.floor(sentAt.getTime() / 1000) * 1000)
        out.add(e.id);
      received.add(e.agencyCode);
    }
  }
  return out;
}

/** The detail view of a loaded document. */
export async function documentDetail(tx: Executor, loaded: LoadedDocument): Promise<DocumentDetail> {
  const { doc, access } = loaded;
  const recalls = await recallsOf(tx, doc);
  const recipients = await recipientsOf(tx, [doc.id]);
  const files = await tx
    .select()
    .from(exchangeAttachments)
    .where(eq(exchangeAttachments.documentId, doc.id))
    .orderBy(asc(exchangeAttachments.position));
  const events = await tx
    .select()
    .from(exchangeStatusEvents)
    .where(inArray(exchangeStatusEvents.documentId, [doc.id, ...recalls.map((r) => r.id)]))
    .orderBy(asc(exchangeStatusEvents.at), asc(exchangeStatusEvents.id));
  const assignee = doc.assigneeId
    ? (await personBriefs(tx, [doc.assigneeId])).get(doc.assigneeId)
    : undefined;
  const office = await nodeAgency(tx, doc.agencyCode);
  const aboutRecall = recallAnswers(events, recalls);
  const [refused] =
    doc.state === 'failed'
      ? await tx
          .select({ lastError: exchangeOutbox.lastError })
          .from(exchangeOutbox)
          .where(and(eq(exchangeOutbox.documentId, doc.id), eq(exchangeOutbox.state, 'failed')))
          .orderBy(desc(exchangeOutbox.id))
          .limit(1)
      : [];
  return {
    ...summaryOf(doc, recipients.get(doc.id) ?? []),
    agencyName: office?.name ?? null,
    signerName: doc.signerName,
    signerPosition: doc.signerPosition,
    department: doc.department,
    assignee: assignee ? { id: assignee.id, displayName: assignee.displayName } : null,
    targetDocumentId: doc.targetDocumentId,
    changeReason: doc.changeReason,
    verification: verificationView(doc.verification),
    attachments: files.map((f) => ({
      position: f.position,
      name: f.name,
      size: f.size,
      mediaType: f.mediaType,
    })),
    timeline: events.map((e) => ({
      agencyCode: e.agencyCode,
      statusCode: e.statusCode,
      description: e.description,
      staff: e.staff,
      at: e.at.toISOString(),
      recall: aboutRecall.has(e.id),
    })),
    actions: documentActions(doc, access, recalls.length > 0),
    sendError: refused?.lastError ?? null,
  };
}

export async function getDocument(tx: Executor, actor: NodeActor, id: string): Promise<DocumentDetail> {
  return documentDetail(tx, await documentFor(tx, actor, id));
}

/** A file of a document the actor may see, to stream from the file store. */
export async function documentAttachment(
  tx: Executor,
  actor: NodeActor,
  id: string,
  position: number,
): Promise<{ sha256: string; mediaType: string; filename: string }> {
  const { doc } = await documentFor(tx, actor, id);
  const [file] = await tx
    .select()
    .from(exchangeAttachments)
    .where(and(eq(exchangeAttachments.documentId, doc.id), eq(exchangeAttachments.position, position)));
  if (!file) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_NOT_FOUND, { position });
  return { sha256: file.sha256, mediaType: file.mediaType, filename: file.name };
}
