/**
 * Outgoing documents: compose one (the signed PDF and its edXML header) and send it to the recipients
 * through the hub; recall it (a revocation, BussinessDocType 1, that the recipients answer with 15 or 16).
 *
 * As every message of the node: validated and authorised first, the file stored and the envelope built and
 * signed OUTSIDE any transaction, then the document, its file, its recipients and the outbox entry in ONE
 * audited transaction. The e-Cabinet calls composeOutbound to dispatch conclusion notices.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit, auditedTransaction } from '../../platform/audit/index.js';
import { isValidYmd } from '../../platform/calendar/index.js';
import { foldText, type Executor } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { checkAgencyCode, Permissions, resolveAgencyCode } from '../identity/index.js';
import {
  BUSINESS_DOC_TYPES,
  fileAttachment,
  formatEdxmlTimestamp,
  validateEdxml,
  type Edoc,
  type Organization,
} from './edxml/index.js';
import { NodeErrors } from './errors.js';
import { nodeAgency, organizationOf, type NodeAgency } from './node.agencies.js';
import { documentDetail, documentFor, recallsOf, type DocumentDetail } from './node.documents.js';
import { prepareEnvelope, queueForHub } from './node.outbox.js';
import { actingAgency, documentActions, isClerk, type DocumentRow, type NodeActor } from './node.policy.js';
import {
  exchangeAttachments,
  exchangeDocuments,
  exchangeRecipients,
  exchangeStatusEvents,
} from './schema.js';

export const RECIPIENTS_MAX = 200;
export const REASON_MAX = 2_000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (v) => isValidYmd(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10))),
    'not a day',
  );
/** An optional field left blank in a form is absent. */
const blankless = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const line = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

/** The header of an outgoing document (the form's fields; the file comes separately). */
export const OutboundInputSchema = z.object({
  fromCode: z.string().min(1).max(40).describe('Cơ quan gửi / Sending agency code'),
  codeNumber: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, 'digits')
    .describe('Số / Number'),
  codeNotation: line(100)
    .refine((v) => !/\s/.test(v), 'no blanks')
    .describe('Ký hiệu / Notation, e.g. VPCP-TTĐT'),
  typeName: line(100).describe('Tên loại văn bản / Document type, e.g. Công văn'),
  subject: line(1000).describe('Trích yếu / Subject'),
  content: blankless(z.string().max(20_000)).describe('Nội dung tóm tắt / Summary'),
  signerName: line(200).describe('Người ký / Signer'),
  signerPosition: line(200).describe('Chức vụ người ký / Signer position'),
  signerCompetence: blankless(z.string().max(50)).describe('Thẩm quyền ký (TL., KT. …) / Competence'),
  promulgationPlace: line(200).describe('Địa danh ban hành / Place'),
  promulgationDate: isoDay.describe('Ngày ban hành / Date of issue (YYYY-MM-DD)'),
  priority: z.number().int().min(0).max(4).describe('Độ khẩn 0..4 / Priority 0..4'),
  dueDate: blankless(isoDay).describe('Hạn xử lý / Due date (YYYY-MM-DD)'),
  recipients: z
    .array(z.string().max(40))
    .min(1)
    .max(RECIPIENTS_MAX)
    .describe('Mã định danh cơ quan nhận / Recipient agency codes'),
});
export type OutboundInput = z.input<typeof OutboundInputSchema>;
type Outbound = z.output<typeof OutboundInputSchema>;

const edxmlDate = (iso: string) => iso.replaceAll('-', '/');

/** The fields checked, or EXCHANGE_DOCUMENT_INVALID naming the first bad field (recipients: their own code). */
export function checkOutbound(input: unknown): Outbound & { recipients: string[] } {
  const parsed = OutboundInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'document');
    if (field === 'recipients')
      throw new AppError(NodeErrors.EXCHANGE_RECIPIENT_INVALID, { reason: issue.message });
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field, reason: issue.message });
  }
  const v = parsed.data;
  const from = checkAgencyCode(v.fromCode);
  if (!from.ok)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'fromCode', reason: from.reason });
  const recipients: string[] = [];
  for (const r of v.recipients) {
    const c = checkAgencyCode(r);
    if (!c.ok) throw new AppError(NodeErrors.EXCHANGE_RECIPIENT_INVALID, { code: r, reason: c.reason });
    if (c.code === from.code || recipients.includes(c.code))
      throw new AppError(NodeErrors.EXCHANGE_RECIPIENT_INVALID, { code: c.code, reason: 'duplicate' });
    recipients.push(c.code);
  }
  if (v.dueDate !== undefined && v.dueDate < v.promulgationDate)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, {
      field: 'dueDate',
      reason: 'before promulgation',
    });
  return { ...v, fromCode: from.code, recipients };
}

const isPdf = (data: Buffer) => data.length > 8 && data.subarray(0, 5).toString('latin1') === '%PDF-';

/** The DocumentId by the national convention: {OrganId},{yyyy/MM/dd},{number}/{notation}. */
export const documentIdOf = (
  v: Pick<Outbound, 'fromCode' | 'promulgationDate' | 'codeNumber' | 'codeNotation'>,
) => `${v.fromCode},${edxmlDate(v.promulgationDate)},${v.codeNumber}/${v.codeNotation}`;

/** A recipient's name from the registry (or this node), for the To block and the list; null if unknown. */
async function recipientName(tx: Executor, code: string): Promise<string | null> {
  try {
    return (await resolveAgencyCode(tx, code)).requested.nameVi;
  } catch {
    return (await nodeAgency(tx, code))?.name ?? null;
  }
}

function refuseInvalidEnvelope(edoc: Edoc): void {
  const errors = validateEdxml({ kind: 'edoc', edoc }).filter((i) => i.severity === 'error');
  if (errors.length)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, {
      field: 'envelope',
      issues: errors.map((i) => i.code),
    });
}

const outboxEntry = (doc: DocumentRow, toCodes: string[], envelope: { sha256: string; size: number }) => ({
  kind: 'edoc' as const,
  documentId: doc.id,
  fromCode: doc.agencyCode,
  toCodes,
  envelope,
});

export interface ComposeOptions {
  /** The PDF's file name as the recipients see it; default `{number}_{notation}.pdf`. */
  fileName?: string | undefined;
}

/** Composes an outgoing document and queues it for the hub (state `sending`; `sent` once the hub has it). */
export async function composeOutbound(
  p: Platform,
  actor: NodeActor,
  input: unknown,
  pdf: Buffer,
  options: ComposeOptions = {},
): Promise<DocumentDetail> {
  const entry = { action: 'exchange.document.compose', objectType: 'exchange_document' };
  const { v, agency, names } = await auditedTransaction(p.db, actor.audit, entry, async (tx) => {
    if (!isClerk(actor))
      throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.manageDocuments });
    // The sending office first (404 outside the scope), then the fields.
    const fromCode = (input as { fromCode?: unknown } | null)?.fromCode;
    if (typeof fromCode !== 'string' || !fromCode.trim())
      throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'fromCode', reason: 'required' });
    const from = await actingAgency(tx, actor, fromCode);
    const checked = checkOutbound(input);
    if (!isPdf(pdf)) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_FILE_NOT_PDF);
    if (pdf.length > p.config.FILE_MAX_BYTES)
      throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'file', reason: 'too large' });
    await refuseDuplicate(tx, from.code, documentIdOf(checked));
    const found = new Map<string, string | null>();
    for (const code of checked.recipients) found.set(code, await recipientName(tx, code));
    return { v: checked, agency: from, names: found };
  });
  const now = actor.now;
  const stored = await p.files.put(Readable.from([pdf]), {
    maxBytes: p.config.FILE_MAX_BYTES,
    accept: ['application/pdf'],
  });
  const fileName =
    safeFileName(options.fileName) ?? `${v.codeNumber}_${v.codeNotation}.pdf`.replace(/[/\\]/g, '-');
  const attachment = fileAttachment({ name: fileName, description: v.subject }, pdf);
  const to: Organization[] = v.recipients.map((code) => {
    const name = names.get(code);
    return name ? { organId: code, organName: name } : { organId: code };
  });
  const edoc: Edoc = {
    from: organizationOf(agency),
    to,
    documentId: documentIdOf(v),
    code: { number: v.codeNumber, notation: v.codeNotation },
    promulgation: { place: v.promulgationPlace, date: edxmlDate(v.promulgationDate) },
    // The numeric type codes of QCVN 102's annex are not public; TypeName is what recipients show.
    documentType: { type: '1', typeName: v.typeName },
    subject: v.subject,
    signer: { position: v.signerPosition, fullName: v.signerName },
    toPlaces: v.recipients.map((code) => names.get(code) ?? code),
    otherInfo: { priority: String(v.priority), appendixes: [] },
    responseFor: [],
    traces: [{ organId: agency.code, timestamp: formatEdxmlTimestamp(now) }],
    business: {
      docType: BUSINESS_DOC_TYPES.new,
      reason: 'Văn bản điện tử mới',
      paper: '0',
      receivers: [],
      replacements: [],
      staff: { staff: actor.displayName },
    },
    manifest: { version: '1.0', references: [attachment.reference] },
    attachments: [attachment.content.meta],
  };
  const content = v.content?.normalize('NFC').trim();
  if (content) edoc.content = content;
  if (v.signerCompetence?.trim()) edoc.signer!.competence = v.signerCompetence.normalize('NFC').trim();
  if (v.dueDate) edoc.dueDate = edxmlDate(v.dueDate);
  refuseInvalidEnvelope(edoc);
  const envelope = await prepareEnvelope(p, { kind: 'edoc', edoc }, [attachment.content]);

  const id = crypto.randomUUID();
  return auditedTransaction(p.db, actor.audit, { ...entry, objectId: id }, async (tx) => {
    const [doc] = await tx
      .insert(exchangeDocuments)
      .values({
        id,
        direction: 'outbound',
        agencyCode: agency.code,
        documentId: edoc.documentId!,
        hubMessageId: null,
        fromCode: agency.code,
        fromName: agency.name,
        businessDocType: BUSINESS_DOC_TYPES.new,
        targetDocumentId: null,
        codeNumber: v.codeNumber,
        codeNotation: v.codeNotation,
        subject: v.subject,
        searchText: foldText([v.subject, v.codeNumber, v.codeNotation, agency.name, agency.code].join(' ')),
        typeName: v.typeName,
        promulgationDate: v.promulgationDate,
        signerName: v.signerName,
        signerPosition: v.signerPosition,
        priority: v.priority,
        dueDate: v.dueDate ?? null,
        envelopeSha256: envelope.sha256,
        verification: null,
        state: 'sending',
        createdBy: actor.personId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    // Two clerks sending the same number at once: the second finds it taken.
    if (!doc) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_DUPLICATE, { documentId: edoc.documentId });
    await tx.insert(exchangeAttachments).values({
      documentId: id,
      position: 0,
      name: fileName,
      description: v.subject,
      sha256: stored.sha256,
      size: stored.size,
      mediaType: stored.mediaType,
    });
    await tx
      .insert(exchangeRecipients)
      .values(v.recipients.map((code) => ({ documentId: id, code, name: names.get(code) ?? null })));
    await queueForHub(tx, p, outboxEntry(doc, v.recipients, envelope));
    await audit(tx, actor.audit, {
      ...entry,
      objectId: id,
      after: {
        documentId: doc.documentId,
        subject: doc.subject,
        recipients: v.recipients,
        file: stored.sha256,
      },
    });
    return documentDetail(tx, { doc, access: { clerk: true, assignee: false } });
  });
}

async function refuseDuplicate(tx: Executor, agencyCode: string, documentId: string): Promise<void> {
  const [found] = await tx
    .select({ id: exchangeDocuments.id })
    .from(exchangeDocuments)
    .where(
      and(
        eq(exchangeDocuments.agencyCode, agencyCode),
        eq(exchangeDocuments.direction, 'outbound'),
        eq(exchangeDocuments.documentId, documentId),
        eq(exchangeDocuments.businessDocType, BUSINESS_DOC_TYPES.new),
      ),
    );
  if (found) throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_DUPLICATE, { documentId });
}

/** A client's file name, kept for display: no path, no control characters, a .pdf ending. */
function safeFileName(name: string | undefined): string | undefined {
  const base = name
    ?.normalize('NFC')
    .split(/[/\\]/)
    .pop()
    ?.replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  if (!base) return undefined;
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/**
 * Thu hồi văn bản: a revocation (BussinessDocType 1, Bussiness/DocumentId = the original) to every recipient,
 * with the reason. It is its own outgoing message (same DocumentId, type 1); the original's timeline shows
 * the request (13, by this office) and the recipients' answers (15 agreed, 16 refused). Once per document.
 */
export async function recallOutbound(
  p: Platform,
  actor: NodeActor,
  id: string,
  input: { reason: string },
): Promise<DocumentDetail> {
  const entry = { action: 'exchange.document.recall', objectType: 'exchange_document', objectId: id };
  const { doc, recipients, reason } = await auditedTransaction(p.db, actor.audit, entry, async (tx) => {
    const loaded = await documentFor(tx, actor, id);
    assertMayRecall(loaded.doc, loaded.access, (await recallsOf(tx, loaded.doc)).length > 0);
    const why = input.reason?.normalize('NFC').trim();
    if (!why || why.length > REASON_MAX)
      throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, {
        field: 'reason',
        reason: why ? 'too long' : 'required',
      });
    const list = await tx.select().from(exchangeRecipients).where(eq(exchangeRecipients.documentId, id));
    return { doc: loaded.doc, recipients: list, reason: why };
  });
  const now = actor.now;
  const agency: NodeAgency = (await nodeAgency(p.db, doc.agencyCode)) ?? {
    code: doc.agencyCode,
    name: doc.agencyCode,
  };
  const edoc: Edoc = {
    from: organizationOf(agency),
    to: recipients.map((r) => (r.name ? { organId: r.code, organName: r.name } : { organId: r.code })),
    documentId: doc.documentId,
    subject: doc.subject,
    toPlaces: [],
    responseFor: [],
    traces: [{ organId: agency.code, timestamp: formatEdxmlTimestamp(now) }],
    business: {
      documentId: doc.documentId,
      docType: BUSINESS_DOC_TYPES.revocation,
      reason,
      paper: '0',
      receivers: [],
      replacements: [],
      staff: { staff: actor.displayName },
    },
    attachments: [],
  };
  if (doc.codeNumber || doc.codeNotation)
    edoc.code = {
      ...(doc.codeNumber ? { number: doc.codeNumber } : {}),
      ...(doc.codeNotation ? { notation: doc.codeNotation } : {}),
    };
  if (doc.promulgationDate) edoc.promulgation = { date: edxmlDate(doc.promulgationDate) };
  if (doc.typeName) edoc.documentType = { typeName: doc.typeName };
  refuseInvalidEnvelope(edoc);
  const envelope = await prepareEnvelope(p, { kind: 'edoc', edoc });
  const codes = recipients.map((r) => r.code);

  return auditedTransaction(p.db, actor.audit, entry, async (tx) => {
    const again = await documentFor(tx, actor, id, true);
    assertMayRecall(again.doc, again.access, (await recallsOf(tx, again.doc)).length > 0);
    const recallId = crypto.randomUUID();
    const [recall] = await tx
      .insert(exchangeDocuments)
      .values({
        ...again.doc,
        id: recallId,
        hubMessageId: null,
        businessDocType: BUSINESS_DOC_TYPES.revocation,
        targetDocumentId: doc.documentId,
        changeReason: reason,
        envelopeSha256: envelope.sha256,
        verification: null,
        state: 'sending',
        incomingNumber: null,
        department: null,
        assigneeId: null,
        createdBy: actor.personId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!recall)
      throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_STATE, { state: again.doc.state, action: 'recall' });
    if (recipients.length)
      await tx
        .insert(exchangeRecipients)
        .values(recipients.map((r) => ({ documentId: recallId, code: r.code, name: r.name })));
    await tx.insert(exchangeStatusEvents).values({
      documentId: doc.id,
      agencyCode: doc.agencyCode,
      statusCode: '13',
      description: `Yêu cầu thu hồi văn bản điện tử: ${reason}`,
      staff: actor.displayName,
      at: now,
      hubMessageId: null,
    });
    await queueForHub(tx, p, outboxEntry(recall, codes, envelope));
    await tx.update(exchangeDocuments).set({ updatedAt: now }).where(eq(exchangeDocuments.id, doc.id));
    await audit(tx, actor.audit, {
      ...entry,
      before: { state: again.doc.state },
      after: { recallId, reason, recipients: codes },
    });
    return documentDetail(tx, { doc: { ...again.doc, updatedAt: now }, access: again.access });
  });
}

function assertMayRecall(doc: DocumentRow, access: { clerk: boolean; assignee: boolean }, recalled: boolean) {
  if (!documentActions(doc, access, recalled).includes('recall'))
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_STATE, { state: doc.state, action: 'recall' });
}
