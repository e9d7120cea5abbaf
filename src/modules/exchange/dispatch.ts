/**
 * Sending an e-Cabinet object as an outgoing document of the agency node: an issued conclusion notice (thông
 * báo kết luận, "Thông báo") or the sealed result report of a closed written opinion ballot ("Báo cáo"). The
 * header comes from the object — subject from its title, number/notation from its reference, the date of issue
 * from when it was issued or closed, the signer from who issued or closed it — the sending office and the
 * recipients (agency codes) from the clerk; composeOutbound signs the edXML envelope and queues it for the hub.
 *
 * Authorised first: the documents clerk's permission (exchange.documents.manage), then read access to the
 * cabinet object under the cabinet's own rules (another agency's notice or ballot is not found, 404), then the
 * object's state, then the sending office: one this node hosts, the clerk acts for, and that issues the object
 * (the body's agency or one of its units).
 *
 * One object, one outgoing document. The link needs no new column: the national DocumentId of the outgoing
 * document — {sending agency},{date of issue},{number}/{notation} — is derived from the object alone, and the
 * node's register holds one outgoing document per DocumentId (a unique index). A second dispatch finds the
 * first by that DocumentId: to recipients it already went to, it answers that document (`created: false`,
 * idempotent); to anyone else, EXCHANGE_DISPATCH_ALREADY_SENT (the same number cannot be sent twice). Two
 * dispatches at once meet at the unique index, and the loser is answered the same way. Each dispatch is also
 * written to the audit log on both objects (cabinet object → `exchange_document:<id>`, and back), so the trail
 * names which notice or ballot became which document.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit, auditedTransaction, auditFailure } from '../../platform/audit/index.js';
import { dayInVietnam } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, isAppError, PlatformErrors } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  ballotSource,
  conclusionSource,
  renderConclusionPdf,
  sealConclusionPdf,
  type DispatchSource,
} from '../cabinet/index.js';
import { agencyScope, checkAgencyCode, inScope, Permissions, resolveAgencyCode } from '../identity/index.js';
import { DispatchErrors } from './dispatch.errors.js';
import { NodeErrors } from './errors.js';
import { nodeAgency, type NodeAgency } from './node.agencies.js';
import { checkOutbound, composeOutbound, documentIdOf, RECIPIENTS_MAX } from './node.compose.js';
import { getDocument, type DocumentDetail } from './node.documents.js';
import { actingAgencies, actingAgency, isClerk, type NodeActor } from './node.policy.js';
import { exchangeDocuments, exchangeRecipients } from './schema.js';

export const DISPATCH_KINDS = ['conclusion', 'ballot'] as const;
export type DispatchKind = (typeof DISPATCH_KINDS)[number];

/** Tên loại văn bản of what is sent. */
export const DISPATCH_TYPE_NAMES: Record<DispatchKind, string> = {
  conclusion: 'Thông báo',
  ballot: 'Báo cáo',
};

const OBJECT_TYPES: Record<DispatchKind, string> = {
  conclusion: 'cabinet_conclusion',
  ballot: 'cabinet_ballot',
};

/** Where a document is issued when the clerk does not say (the Government's seat). */
export const DEFAULT_PLACE = 'Hà Nội';

/** What the clerk chooses; everything else comes from the notice or the ballot. */
export const DispatchInputSchema = z.object({
  from: z.string().max(40).describe('Cơ quan gửi (mã định danh) / Sending agency code'),
  recipients: z
    .array(z.string().max(40))
    .min(1)
    .max(RECIPIENTS_MAX)
    .describe('Mã định danh cơ quan nhận / Recipient agency codes'),
  signerName: z
    .string()
    .max(200)
    .optional()
    .describe('Người ký (mặc định: người ban hành) / Signer (default: who issued or closed it)'),
  signerPosition: z
    .string()
    .max(200)
    .optional()
    .describe('Chức vụ người ký (mặc định: chức danh trong cơ quan họp) / Signer position'),
  signerCompetence: z.string().max(50).optional().describe('Thẩm quyền ký (TL., KT. …) / Competence'),
  promulgationPlace: z.string().max(200).optional().describe('Địa danh (mặc định Hà Nội) / Place'),
  priority: z.number().int().min(0).max(4).optional().describe('Độ khẩn 0..4 (mặc định 0) / Priority'),
  dueDate: z.string().max(10).optional().describe('Hạn xử lý YYYY-MM-DD / Due date'),
  content: z.string().max(20_000).optional().describe('Nội dung tóm tắt / Summary'),
});
export type DispatchInput = z.input<typeof DispatchInputSchema>;

export interface DispatchResult {
  /** false: it had already gone to these recipients as this document (nothing new was sent). */
  created: boolean;
  document: DocumentDetail;
}

/** The header of the outgoing document as derived from the object (what the clerk does not choose). */
export interface DispatchHeader {
  codeNumber: string;
  codeNotation: string;
  typeName: string;
  subject: string;
  promulgationDate: string;
  signerName: string | null;
  signerPosition: string | null;
}

export interface DispatchPreview {
  kind: DispatchKind;
  id: string;
  title: string;
  reference: string | null;
  state: string;
  /** Issued (a notice) or closed with its result report (a ballot): it may be sent. */
  final: boolean;
  /** Null until final, or when the reference is not "number/notation". */
  header: DispatchHeader | null;
  /** The node's agencies the caller acts for that may send it (its issuer). */
  agencies: NodeAgency[];
  /** Where it has already gone: the outgoing documents it became. */
  dispatches: {
    id: string;
    documentId: string;
    agencyCode: string;
    state: string;
    createdAt: string;
    recipients: string[];
  }[];
}

/** "45/TB-VPCP" → 45 and TB-VPCP (the notation may itself hold slashes: "45/2026/NQ-CP"). */
export function splitReference(reference: string | null): { number: string; notation: string } | null {
  const m = /^(\d{1,10})\/(\S{1,100})$/u.exec((reference ?? '').normalize('NFC').trim());
  return m ? { number: m[1]!, notation: m[2]! } : null;
}

function headerOf(source: DispatchSource): DispatchHeader | null {
  const ref = splitReference(source.reference);
  if (!source.final || !ref || !source.finalAt) return null;
  return {
    codeNumber: ref.number,
    codeNotation: ref.notation,
    typeName: DISPATCH_TYPE_NAMES[source.kind],
    subject: source.kind === 'ballot' ? `Kết quả lấy ý kiến: ${source.title}` : source.title,
    promulgationDate: dayInVietnam(source.finalAt),
    signerName: source.signer?.displayName ?? null,
    signerPosition: source.signer?.title ?? null,
  };
}

/** The object, if the caller is a documents clerk who may read it (FORBIDDEN, then the cabinet's 404). */
async function sourceFor(
  tx: Executor,
  actor: NodeActor,
  kind: DispatchKind,
  id: string,
): Promise<DispatchSource> {
  if (!isClerk(actor))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.manageDocuments });
  return kind === 'conclusion'
    ? conclusionSource(tx, actor, id, actor.now)
    : ballotSource(tx, actor, id, actor.now);
}

/** The object for a route's preValidation: 404 before the body is read for one the caller may not see. */
export async function checkDispatchVisible(
  tx: Executor,
  actor: NodeActor,
  kind: DispatchKind,
  id: string,
): Promise<void> {
  await sourceFor(tx, actor, kind, id);
}

/** Whether a node agency issues objects of `ownerAgencyId`: that agency or one below it (or carrying it on). */
async function issues(tx: Executor, code: string, ownerAgencyId: string): Promise<boolean> {
  const owner = await agencyScope(tx, { agencyId: ownerAgencyId, permissions: new Set() });
  try {
    const r = await resolveAgencyCode(tx, code);
    return inScope(owner, [r.requested.id, ...r.current.map((c) => c.id)]);
  } catch {
    return false;
  }
}

async function sendingAgency(
  tx: Executor,
  actor: NodeActor,
  source: DispatchSource,
  code: string,
): Promise<NodeAgency> {
  const checked = checkAgencyCode(code);
  if (!checked.ok)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'fromCode', reason: checked.reason });
  if (!(await nodeAgency(tx, checked.code)))
    throw new AppError(DispatchErrors.EXCHANGE_DISPATCH_AGENCY_NOT_HOSTED, { code: checked.code });
  const agency = await actingAgency(tx, actor, checked.code);
  if (!(await issues(tx, agency.code, source.ownerAgencyId)))
    throw new AppError(DispatchErrors.EXCHANGE_DISPATCH_NOT_ISSUER, { code: agency.code });
  return agency;
}

interface Dispatched {
  id: string;
  documentId: string;
  agencyCode: string;
  state: string;
  createdAt: Date;
  recipients: string[];
}

/** The outgoing document of this office with this DocumentId, if any (what the object was sent as). */
async function dispatchedAs(
  tx: Executor,
  agencyCode: string,
  documentId: string,
): Promise<Dispatched | null> {
  const [doc] = await tx
    .select()
    .from(exchangeDocuments)
    .where(
      and(
        eq(exchangeDocuments.agencyCode, agencyCode),
        eq(exchangeDocuments.direction, 'outbound'),
        eq(exchangeDocuments.documentId, documentId),
        eq(exchangeDocuments.businessDocType, '0'),
      ),
    );
  if (!doc) return null;
  const to = await tx
    .select({ code: exchangeRecipients.code })
    .from(exchangeRecipients)
    .where(eq(exchangeRecipients.documentId, doc.id));
  return {
    id: doc.id,
    documentId: doc.documentId,
    agencyCode: doc.agencyCode,
    state: doc.state,
    createdAt: doc.createdAt,
    recipients: to.map((r) => r.code).sort(),
  };
}

/** What the dispatch would send, and where the object has gone already (the dialog's defaults). */
export async function previewDispatch(
  p: Platform,
  actor: NodeActor,
  kind: DispatchKind,
  id: string,
): Promise<DispatchPreview> {
  return p.db.transaction(async (tx) => {
    const source = await sourceFor(tx, actor, kind, id);
    const header = headerOf(source);
    const agencies: NodeAgency[] = [];
    for (const a of await actingAgencies(tx, actor))
      if (await issues(tx, a.code, source.ownerAgencyId)) agencies.push(a);
    const dispatches: DispatchPreview['dispatches'] = [];
    if (header)
      for (const a of agencies) {
        const found = await dispatchedAs(tx, a.code, documentIdOf({ ...header, fromCode: a.code }));
        if (found) dispatches.push({ ...found, createdAt: found.createdAt.toISOString() });
      }
    return {
      kind,
      id: source.id,
      title: source.title,
      reference: source.reference,
      state: source.state,
      final: source.final,
      header,
      agencies,
      dispatches,
    };
  });
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

/** Sends an issued conclusion notice (its PDF, sealed) as a "Thông báo" of the sending office. */
export function dispatchConclusion(
  p: Platform,
  actor: NodeActor,
  conclusionId: string,
  input: DispatchInput,
): Promise<DispatchResult> {
  return dispatch(p, actor, 'conclusion', conclusionId, input);
}

/** Sends a closed ballot's sealed result report as a "Báo cáo" of the sending office. */
export function dispatchBallotResult(
  p: Platform,
  actor: NodeActor,
  ballotId: string,
  input: DispatchInput,
): Promise<DispatchResult> {
  return dispatch(p, actor, 'ballot', ballotId, input);
}

type Plan =
  | { kind: 'again'; result: DispatchResult }
  | {
      kind: 'send';
      source: DispatchSource;
      header: ReturnType<typeof checkOutbound>;
    };

async function dispatch(
  p: Platform,
  actor: NodeActor,
  kind: DispatchKind,
  id: string,
  input: DispatchInput,
): Promise<DispatchResult> {
  const entry = { action: `exchange.dispatch.${kind}`, objectType: OBJECT_TYPES[kind], objectId: id };
  const plan = await auditedTransaction(p.db, actor.audit, entry, async (tx): Promise<Plan> => {
    const source = await sourceFor(tx, actor, kind, id);
    if (!source.final)
      throw new AppError(
        kind === 'conclusion'
          ? DispatchErrors.EXCHANGE_DISPATCH_NOT_ISSUED
          : DispatchErrors.EXCHANGE_DISPATCH_NOT_CLOSED,
        { state: source.state },
      );
    const from = await sendingAgency(tx, actor, source, input.from);
    const derived = headerOf(source);
    if (!derived)
      throw new AppError(DispatchErrors.EXCHANGE_DISPATCH_REFERENCE_INVALID, { reference: source.reference });
    const header = checkOutbound({
      fromCode: from.code,
      codeNumber: derived.codeNumber,
      codeNotation: derived.codeNotation,
      typeName: derived.typeName,
      subject: derived.subject,
      content: blank(input.content),
      signerName: blank(input.signerName) ?? derived.signerName ?? '',
      signerPosition: blank(input.signerPosition) ?? derived.signerPosition ?? '',
      signerCompetence: blank(input.signerCompetence),
      promulgationPlace: blank(input.promulgationPlace) ?? DEFAULT_PLACE,
      promulgationDate: derived.promulgationDate,
      priority: input.priority ?? 0,
      dueDate: blank(input.dueDate),
      recipients: input.recipients,
    });
    const again = await answerAgain(tx, actor, entry, header);
    return again ? { kind: 'again', result: again } : { kind: 'send', source, header };
  });
  if (plan.kind === 'again') return plan.result;
  const { source, header } = plan;

  const pdf = await pdfOf(p, source, header.promulgationPlace, actor.now);
  let document: DocumentDetail;
  try {
    document = await composeOutbound(p, actor, header, pdf, { fileName: fileNameOf(kind, header) });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code !== NodeErrors.EXCHANGE_DOCUMENT_DUPLICATE) {
      await auditFailure(p.db, actor.audit, { ...entry, detail: e.code });
      throw e;
    }
    // Another dispatch of the same object won the race to the DocumentId: answer as a second dispatch.
    return auditedTransaction(p.db, actor.audit, entry, async (tx) => {
      const again = await answerAgain(tx, actor, entry, header);
      if (!again) throw e;
      return again;
    });
  }
  await auditedTransaction(p.db, actor.audit, entry, (tx) =>
    recordLink(tx, actor, entry, document, { created: true, recipients: header.recipients }),
  );
  return { created: true, document };
}

/**
 * A second dispatch: the outgoing document already made of this object by this office, when every requested
 * recipient already has it (audited, answered as is); EXCHANGE_DISPATCH_ALREADY_SENT when some do not; null
 * when it was never sent.
 */
async function answerAgain(
  tx: Executor,
  actor: NodeActor,
  entry: { action: string; objectType: string; objectId: string },
  header: ReturnType<typeof checkOutbound>,
): Promise<DispatchResult | null> {
  const found = await dispatchedAs(tx, header.fromCode, documentIdOf(header));
  if (!found) return null;
  const missing = header.recipients.filter((c) => !found.recipients.includes(c));
  if (missing.length)
    throw new AppError(DispatchErrors.EXCHANGE_DISPATCH_ALREADY_SENT, {
      document: found.id,
      documentId: found.documentId,
      recipients: found.recipients,
      missing,
    });
  const document = await getDocument(tx, actor, found.id);
  await recordLink(tx, actor, entry, document, { created: false, recipients: header.recipients });
  return { created: false, document };
}

/** The link in the audit log, both ways: on the cabinet object and on the outgoing document. */
async function recordLink(
  tx: Executor,
  actor: NodeActor,
  entry: { action: string; objectType: string; objectId: string },
  document: DocumentDetail,
  what: { created: boolean; recipients: string[] },
): Promise<void> {
  const after = {
    created: what.created,
    exchangeDocument: document.id,
    documentId: document.documentId,
    from: document.agencyCode,
    recipients: what.recipients,
  };
  await audit(tx, actor.audit, { ...entry, after, detail: `exchange_document:${document.id}` });
  await audit(tx, actor.audit, {
    action: entry.action,
    objectType: 'exchange_document',
    objectId: document.id,
    after,
    detail: `${entry.objectType}:${entry.objectId}`,
  });
}

async function readFile(p: Platform, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await p.files.open(sha256))
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The file sent: the notice rendered and sealed now, or the ballot's result report as sealed at its close. */
async function pdfOf(p: Platform, source: DispatchSource, place: string, now: Date): Promise<Buffer> {
  if (source.kind === 'ballot') return readFile(p, source.resultSha256!);
  const d = source.document!;
  const pdf = await renderConclusionPdf({ ...d, place });
  return sealConclusionPdf(p, pdf, { reference: d.reference, agencyName: d.agencyName, at: now });
}

function fileNameOf(kind: DispatchKind, header: { codeNumber: string; codeNotation: string }): string {
  const ref = `${header.codeNumber}_${header.codeNotation}`.replace(/[/\\]/g, '-');
  return kind === 'conclusion' ? `thong-bao-ket-luan_${ref}.pdf` : `ket-qua-lay-y-kien_${ref}.pdf`;
}
