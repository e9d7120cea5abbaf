/**
 * What the agency node does with an envelope the hub delivered to one of its agencies:
 * - a document (edoc) becomes an inbound document, `arrived`, with its files stored and its signatures checked,
 *   and status 01 (arrived) goes back to the sender at once;
 * - a status (about a document this office sent) joins the outbound document's timeline and moves that
 *   recipient's latest status.
 * Exactly once: the hub's message id is remembered per agency, so a second delivery of the same envelope (its
 * acknowledgement was lost, the node crashed before acknowledging) changes nothing.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { foldText, type Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  BUSINESS_DOC_TYPES,
  parseEdxmlDate,
  parseEdxmlTimestamp,
  STATUS_CODES,
  type Edoc,
  type EdxmlIssue,
  type StatusMessage,
} from './edxml/index.js';
import { checkEnvelope, type AttachmentCheck, type EnvelopeCheck } from './envelope.js';
import { nodeAgency, organizationOf } from './node.agencies.js';
import { prepareEnvelope, queueForHub, statusAbout } from './node.outbox.js';
import {
  exchangeAttachments,
  exchangeDocuments,
  exchangeRecipients,
  exchangeStatusEvents,
} from './schema.js';

export interface ReceiveInput {
  /** The node agency it was delivered to. */
  agencyCode: string;
  hubMessageId: string;
  envelope: Buffer;
}

export interface ReceiveResult {
  /** The inbound document created, or the outbound document a status was about; null if none. */
  documentId: string | null;
  duplicate: boolean;
  /** Why it could not be taken (the hub is told "fail"): edXML errors, or a status about an unknown document. */
  refused?: string;
}

/** What the register keeps of the signature checks (shown in the document view). */
export interface VerificationSummary {
  envelope: 'valid' | 'absent' | 'invalid' | 'untrusted';
  envelopeSigner: string | null;
  envelopeReason: string | null;
  files: { name: string; signed: boolean; valid: boolean; signer: string | null; reason: string | null }[];
}

type DocumentRow = typeof exchangeDocuments.$inferSelect;

export async function receiveEnvelope(p: Platform, input: ReceiveInput): Promise<ReceiveResult> {
  const agency = await nodeAgency(p.db, input.agencyCode);
  if (!agency)
    return {
      documentId: null,
      duplicate: false,
      refused: `${input.agencyCode} is not an agency of this node`,
    };
  const seen = await alreadyReceived(p, input);
  if (seen) return { documentId: seen, duplicate: true };

  const stored = new Map<AttachmentCheck, { sha256: string; size: number; mediaType: string }>();
  const check = await checkEnvelope(input.envelope, {
    pki: p.pki,
    onFile: async (c, data) => {
      const file = await p.files.put(Readable.from([data]), { maxBytes: data.length + 1 });
      stored.set(c, file);
    },
  });
  const message = check.parsed.message;
  if (!message || check.parsed.errors.length > 0)
    return { documentId: null, duplicate: false, refused: describe(check.parsed.errors) };
  if (message.kind === 'status') return applyStatus(p, input, message.status);
  return registerArrival(p, input, agency, message.edoc, check, stored);
}

/** The document (inbound) or status event (outbound) this hub message already produced here, if any. */
async function alreadyReceived(p: Platform, input: ReceiveInput): Promise<string | null> {
  const [doc] = await p.db
    .select({ id: exchangeDocuments.id })
    .from(exchangeDocuments)
    .where(
      and(
        eq(exchangeDocuments.agencyCode, input.agencyCode),
        eq(exchangeDocuments.hubMessageId, input.hubMessageId),
      ),
    );
  if (doc) return doc.id;
  const [event] = await p.db
    .select({ id: exchangeStatusEvents.documentId })
    .from(exchangeStatusEvents)
    .where(eq(exchangeStatusEvents.hubMessageId, input.hubMessageId));
  return event?.id ?? null;
}

const describe = (issues: readonly EdxmlIssue[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.code} ${i.element}`)
    .join('; ') || 'unreadable envelope';

/** "yyyy/MM/dd" → "YYYY-MM-DD" (null when it is not a real date). */
function isoDate(value: string | undefined): string | null {
  const d = value ? parseEdxmlDate(value) : null;
  if (!d) return null;
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function summarise(check: EnvelopeCheck): VerificationSummary {
  const s = check.signature;
  const envelope = !s.signed
    ? 'absent'
    : s.valid
      ? 'valid'
      : s.reason === 'certificate'
        ? 'untrusted'
        : 'invalid';
  return {
    envelope,
    envelopeSigner: s.subject ?? null,
    envelopeReason: s.reason && s.reason !== 'no_signature' ? s.reason : null,
    files: check.attachments
      .filter((a) => a.file)
      .map((a) => {
        const last = a.pdf?.signatures.at(-1);
        return {
          name: a.file!.name,
          signed: (a.pdf?.signatures.length ?? 0) > 0,
          valid: a.pdf?.valid ?? false,
          signer: last?.signerName ?? null,
          reason: a.pdf ? (a.pdf.reason ?? null) : null,
        };
      }),
  };
}

async function registerArrival(
  p: Platform,
  input: ReceiveInput,
  agency: { code: string; name: string },
  edoc: Edoc,
  check: EnvelopeCheck,
  stored: Map<AttachmentCheck, { sha256: string; size: number; mediaType: string }>,
): Promise<ReceiveResult> {
  const now = p.clock.now();
  const envelope = await p.files.put(Readable.from([input.envelope]), {
    maxBytes: input.envelope.length + 1,
  });
  const docType = edoc.business?.docType ?? BUSINESS_DOC_TYPES.new;
  const number = edoc.code?.number ?? null;
  const notation = edoc.code?.notation ?? null;
  const subject = edoc.subject?.trim() || notation || '(không có trích yếu)';
  const row: DocumentRow = {
    id: crypto.randomUUID(),
    direction: 'inbound',
    agencyCode: agency.code,
    documentId: edoc.documentId ?? input.hubMessageId,
    hubMessageId: input.hubMessageId,
    fromCode: edoc.from.organId ?? '',
    fromName: edoc.from.organName ?? null,
    businessDocType: docType,
    targetDocumentId: docType !== BUSINESS_DOC_TYPES.new ? (edoc.business?.documentId ?? null) : null,
    changeReason: docType !== BUSINESS_DOC_TYPES.new ? edoc.business?.reason?.trim() || null : null,
    codeNumber: number,
    codeNotation: notation,
    subject,
    searchText: foldText(
      [subject, number, notation, edoc.from.organName, edoc.from.organId].filter(Boolean).join(' '),
    ),
    typeName: edoc.documentType?.typeName ?? null,
    promulgationDate: isoDate(edoc.promulgation?.date),
    signerName: edoc.signer?.fullName ?? null,
    signerPosition: edoc.signer?.position ?? null,
    priority: Number(edoc.otherInfo?.priority ?? 0) || 0,
    dueDate: isoDate(edoc.dueDate),
    envelopeSha256: envelope.sha256,
    verification: summarise(check),
    state: 'arrived',
    incomingNumber: null,
    department: null,
    assigneeId: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
  };
  // Status 01 is prepared (built, signed, stored) before the transaction, as every outgoing message is.
  const arrived = { from: organizationOf(agency), statusCode: STATUS_CODES.received, at: now };
  const status = await prepareEnvelope(p, { kind: 'status', status: statusAbout(row, arrived) });
  const files = check.attachments.flatMap((a, position) => {
    const file = stored.get(a);
    return file && a.file
      ? [{ position, name: a.file.name, description: a.meta.description ?? null, ...file }]
      : [];
  });
  return p.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(exchangeDocuments)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: exchangeDocuments.id });
    if (inserted.length === 0) {
      // Another process took the same delivery first (or the sender's own outbound row holds this DocumentId).
      const again = await alreadyReceived(p, input);
      return { documentId: again, duplicate: true };
    }
    if (files.length)
      await tx.insert(exchangeAttachments).values(
        files.map((f) => ({
          documentId: row.id,
          position: f.position,
          name: f.name,
          description: f.description,
          sha256: f.sha256,
          size: f.size,
          mediaType: f.mediaType,
        })),
      );
    await tx.insert(exchangeStatusEvents).values({
      documentId: row.id,
      agencyCode: agency.code,
      statusCode: STATUS_CODES.received,
      at: now,
    });
    await queueForHub(tx, p, {
      kind: 'status',
      documentId: row.id,
      fromCode: agency.code,
      toCodes: [row.fromCode],
      envelope: status,
    });
    return { documentId: row.id, duplicate: false };
  });
}

/**
 * How far along a status is, for a recipient's latest status: received (01), registered (03), assigned (04),
 * processing (05), completed (06), then the answers that end a document's course: rejected (02), revoked (13),
 * agreed to (15) or refused (16) a revocation or replacement.
 */
const STATUS_ORDER = sql.param(['01', '03', '04', '05', '06', '02', '13', '15', '16']);

async function applyStatus(p: Platform, input: ReceiveInput, status: StatusMessage): Promise<ReceiveResult> {
  const documentId = status.responseFor.documentId;
  const reporter = status.from.organId;
  const code = status.statusCode;
  if (!documentId || !reporter || !code)
    return { documentId: null, duplicate: false, refused: 'status without DocumentId, sender or code' };
  const [doc] = await p.db
    .select({ id: exchangeDocuments.id })
    .from(exchangeDocuments)
    .where(
      and(
        eq(exchangeDocuments.agencyCode, input.agencyCode),
        eq(exchangeDocuments.direction, 'outbound'),
        eq(exchangeDocuments.documentId, documentId),
      ),
    )
    .orderBy(exchangeDocuments.createdAt)
    .limit(1);
  if (!doc) return { documentId: null, duplicate: false, refused: `no outbound document ${documentId}` };
  const at = (status.timestamp && parseEdxmlTimestamp(status.timestamp)) || p.clock.now();
  const staff = [status.staff?.staff, status.staff?.department].filter(Boolean).join(' — ') || null;
  return p.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(exchangeStatusEvents)
      .values({
        documentId: doc.id,
        agencyCode: reporter,
        statusCode: code,
        description: status.description ?? null,
        staff,
        at,
        hubMessageId: input.hubMessageId,
      })
      .onConflictDoNothing()
      .returning({ id: exchangeStatusEvents.id });
    if (inserted.length === 0) return { documentId: doc.id, duplicate: true };
    // The recipient's status only moves forward. Statuses name only the DocumentId, so the receipt (01) of a
    // later revocation or replacement of the same document must not take a completed document back to
    // "received"; an older status resent late must not either. Every status stays on the timeline.
    const rank = (column: SQL) => sql`coalesce(array_position(${STATUS_ORDER}::text[], ${column}), 0)`;
    await tx
      .insert(exchangeRecipients)
      .values({ documentId: doc.id, code: reporter, statusCode: code, statusAt: at })
      .onConflictDoUpdate({
        target: [exchangeRecipients.documentId, exchangeRecipients.code],
        set: { statusCode: code, statusAt: at },
        setWhere: sql`${exchangeRecipients.statusCode} is null
          or ${rank(sql`excluded.status_code`)} > ${rank(sql`${exchangeRecipients.statusCode}`)}
          or (${rank(sql`excluded.status_code`)} = ${rank(sql`${exchangeRecipients.statusCode}`)}
              and (${exchangeRecipients.statusAt} is null or ${exchangeRecipients.statusAt} <= ${at.toISOString()}))`,
      });
    await tx
      .update(exchangeDocuments)
      .set({ updatedAt: p.clock.now() })
      .where(eq(exchangeDocuments.id, doc.id));
    if (code === STATUS_CODES.changeAgreed) await revokeOnceAllAgreed(tx, doc.id, p.clock.now());
    return { documentId: doc.id, duplicate: false };
  });
}

/**
 * A recalled document is revoked at the sender once every recipient agreed (15): until then the recall is a
 * request, which a recipient may refuse (16), and each recipient's answer shows on its own timeline.
 */
async function revokeOnceAllAgreed(tx: Executor, id: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update exchange_documents d set state = 'revoked', updated_at = ${now.toISOString()}
    where d.id = ${id} and d.state in ('sending', 'sent') and d.business_doc_type = '0'
      and exists (select 1 from exchange_documents r
                  where r.agency_code = d.agency_code and r.direction = 'outbound'
                    and r.business_doc_type = '1' and r.target_document_id = d.document_id)
      and not exists (select 1 from exchange_recipients x
                      where x.document_id = d.id and x.status_code is distinct from '15')`);
}
