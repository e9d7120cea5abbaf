/**
 * The hub (the axis): accepts envelopes from connected systems, routes them to the systems hosting the
 * recipients, keeps one durable queue per recipient until the recipient acknowledges, and traces every hop.
 *
 * Accepting an envelope: parse and validate the edXML (errors refuse it, warnings are counted), verify the
 * envelope signature when there is one (a broken signature refuses it; a signer the hub does not trust is
 * recorded, since the receiving office judges legal validity from the PDF signature), check that the sending
 * system hosts the sender's code, resolve each recipient code (codes retired in a reorganisation go to their
 * successors), store the envelope as received (never rewritten: signatures stay verifiable), and record the
 * message, its deliveries and its trace in one transaction. A resend (same sender, DocumentId and kind) is the
 * same message: the answer names the first one and nothing is added but a `duplicate` hop.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { EnvelopedSignatureCheck } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { resolveAgencyCode } from '../identity/index.js';
import {
  BUSINESS_DOC_TYPES,
  EdxmlErrors,
  parseEdxmlSync,
  parseEdxmlDate,
  type EdxmlMessage,
} from './edxml/index.js';
import { isEdxmlHeader } from './envelope.js';
import { HubErrors } from './errors.js';
import { storeMessage } from './hub.intake.js';
import { directory, type ConnectedSystem, type Directory } from './hub.systems.js';
import {
  exchangeHubDeliveries,
  exchangeHubHops,
  exchangeHubMessages,
  type DeliveryState,
  type HubMessageKind,
} from './schema.js';

export interface AcceptResult {
  messageId: string;
  duplicate: boolean;
  deliveries: { agencyCode: string; addressedCode: string; state: DeliveryState }[];
  warnings: number;
}

/** Event audience: deliveries were queued for `data.systems` (string[]). */
export const HUB_QUEUED = 'exchange:hub-queued';

/** Parse + verify + persist + route one envelope sent by `system`. */
export async function acceptEnvelope(
  p: Platform,
  system: ConnectedSystem,
  envelope: Buffer,
): Promise<AcceptResult> {
  if (envelope.length > system.maxEnvelopeBytes)
    throw new AppError(HubErrors.EXCHANGE_ENVELOPE_TOO_LARGE, { maxBytes: system.maxEnvelopeBytes });
  // One tokenizer pass reads the envelope and checks its signature.
  const check = new EnvelopedSignatureCheck(isEdxmlHeader);
  const parsed = parseEdxmlSync(envelope, { alongside: check.handler });
  const message = parsed.message;
  if (!message || parsed.errors.length > 0)
    throw new AppError(EdxmlErrors.EXCHANGE_EDXML_INVALID, {
      errors: parsed.errors.slice(0, 20).map((e) => ({ code: e.code, element: e.element })),
    });
  const signature = await check.conclude(envelope, { pki: p.pki, at: p.clock.now() });
  let signatureState = 'absent';
  if (signature.signed) {
    if (signature.valid) signatureState = 'valid';
    else if (signature.reason === 'certificate') signatureState = 'untrusted';
    else throw new AppError(HubErrors.EXCHANGE_SIGNATURE_INVALID, { reason: signature.reason });
  }

  const facts = factsOf(message);
  if (!facts.fromCode || !system.agencyCodes.has(facts.fromCode))
    throw new AppError(HubErrors.EXCHANGE_SENDER_NOT_HOSTED, { from: facts.fromCode });

  const routes = await route(p, await directory(p), facts.recipients, facts.onDate);
  if (!routes.some((r) => r.systemId !== null)) {
    // A resend of a message routed before is still the same message, whatever the directory says now.
    const sha256 = crypto.createHash('sha256').update(envelope).digest('hex');
    const existing = await findByKey(p, dedupeKeyOf(facts, sha256));
    if (existing) return duplicateOf(p, system, existing);
    throw new AppError(HubErrors.EXCHANGE_NO_ROUTE, { to: facts.recipients });
  }

  // Stored as received (the file store hashes it on the way): never rewritten, so signatures stay verifiable.
  const { sha256 } = await p.files.put(Readable.from([envelope]), { maxBytes: envelope.length + 1 });
  const dedupeKey = dedupeKeyOf(facts, sha256);
  const messageId = crypto.randomUUID();
  const stored = await storeMessage(p, {
    message: {
      id: messageId,
      kind: facts.kind,
      senderSystem: system.id,
      fromCode: facts.fromCode,
      documentId: facts.documentId ?? `sha256:${sha256}`,
      businessCode: facts.businessCode,
      dedupeKey,
      subject: facts.subject,
      notation: facts.notation,
      sha256,
      size: envelope.length,
      signature: signatureState,
      warnings: parsed.warnings.length,
      receivedAt: p.clock.now(),
    },
    deliveries: routes.map((r) => ({
      addressedCode: r.addressedCode,
      agencyCode: r.agencyCode,
      systemId: r.systemId,
      state: r.systemId ? 'queued' : 'unroutable',
      lastError: null,
    })),
    hops: [
      {
        actor: system.id,
        event: 'received',
        agencyCode: facts.fromCode,
        detail: { size: envelope.length, signature: signatureState, warnings: parsed.warnings.length },
      },
      ...routes.map((r) => ({
        actor: p.config.EXCHANGE_HUB_CODE,
        event: r.systemId ? 'routed' : 'unroutable',
        agencyCode: r.agencyCode,
        detail: r.systemId
          ? r.agencyCode === r.addressedCode
            ? { system: r.systemId }
            : { system: r.systemId, addressedCode: r.addressedCode }
          : { successors: r.successors },
      })),
    ],
  });
  if (!stored) {
    // The same message was stored first (a resend, possibly in the same batch): answer with that one.
    const winner = await findByKey(p, dedupeKey);
    if (!winner) throw new Error(`hub: message ${dedupeKey} neither stored nor found`);
    return duplicateOf(p, system, winner);
  }
  // After commit: recipients that accept push (and the in-process node) hear of it at once.
  const systems = [...new Set(routes.flatMap((r) => (r.systemId ? [r.systemId] : [])))];
  p.events.publish({ type: 'exchange.hub.queued', audience: HUB_QUEUED, data: { systems } });
  return {
    messageId,
    duplicate: false,
    deliveries: routes.map((r) => ({
      agencyCode: r.agencyCode,
      addressedCode: r.addressedCode,
      state: r.systemId ? 'queued' : 'unroutable',
    })),
    warnings: parsed.warnings.length,
  };
}

interface Facts {
  kind: HubMessageKind;
  fromCode: string | undefined;
  documentId: string | undefined;
  businessCode: string;
  recipients: string[];
  subject: string | null;
  notation: string | null;
  /** The document's date: a code is resolved as it stood then. */
  onDate: string | undefined;
  timestamp: string | undefined;
}

function factsOf(message: EdxmlMessage): Facts {
  if (message.kind === 'edoc') {
    const e = message.edoc;
    const date = e.promulgation?.date ? parseEdxmlDate(e.promulgation.date) : null;
    return {
      kind: 'edoc',
      fromCode: e.from.organId?.trim().toUpperCase(),
      documentId: e.documentId,
      businessCode: e.business?.docType ?? BUSINESS_DOC_TYPES.new,
      recipients: e.to.flatMap((t) => (t.organId ? [t.organId.trim().toUpperCase()] : [])),
      subject: e.subject ?? null,
      notation: e.code ? [e.code.number, e.code.notation].filter(Boolean).join('/') : null,
      onDate: date
        ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
        : undefined,
      timestamp: undefined,
    };
  }
  const s = message.status;
  return {
    kind: 'status',
    fromCode: s.from.organId?.trim().toUpperCase(),
    documentId: s.responseFor.documentId,
    businessCode: s.statusCode ?? '',
    // A status goes back to the agency that sent the document.
    recipients: s.responseFor.organId ? [s.responseFor.organId.trim().toUpperCase()] : [],
    subject: s.description ?? null,
    notation: s.responseFor.code ?? null,
    onDate: undefined,
    timestamp: s.timestamp,
  };
}

/**
 * What makes two sends the same message. A new document: sender + DocumentId. A revocation, update or
 * replacement: also the envelope's hash (a second, different update is a second message). A status: sender,
 * document, code and its own timestamp.
 */
function dedupeKeyOf(f: Facts, sha256: string): string {
  const doc = f.documentId ?? `sha256:${sha256}`;
  if (f.kind === 'status') return `status|${f.fromCode}|${doc}|${f.businessCode}|${f.timestamp ?? sha256}`;
  if (f.businessCode === BUSINESS_DOC_TYPES.new) return `edoc|${f.fromCode}|${doc}`;
  return `edoc|${f.fromCode}|${doc}|${f.businessCode}|${sha256}`;
}

async function findByKey(p: Platform, dedupeKey: string) {
  const [row] = await p.db
    .select({ id: exchangeHubMessages.id, warnings: exchangeHubMessages.warnings })
    .from(exchangeHubMessages)
    .where(eq(exchangeHubMessages.dedupeKey, dedupeKey));
  return row;
}

async function duplicateOf(
  p: Platform,
  system: ConnectedSystem,
  existing: { id: string; warnings: number },
): Promise<AcceptResult> {
  await p.db.insert(exchangeHubHops).values({
    messageId: existing.id,
    at: p.clock.now(),
    actor: system.id,
    event: 'duplicate',
  });
  const deliveries = await p.db
    .select({
      agencyCode: exchangeHubDeliveries.agencyCode,
      addressedCode: exchangeHubDeliveries.addressedCode,
      state: exchangeHubDeliveries.state,
    })
    .from(exchangeHubDeliveries)
    .where(eq(exchangeHubDeliveries.messageId, existing.id))
    .orderBy(asc(exchangeHubDeliveries.seq));
  return { messageId: existing.id, duplicate: true, deliveries, warnings: existing.warnings };
}

interface Route {
  addressedCode: string;
  agencyCode: string;
  systemId: string | null;
  /** Unroutable: the successors of the retired code it was addressed to, none of them connected. */
  successors: string[];
}

/**
 * Each recipient code to the system that hosts it: directly, or through the registry's successions when the
 * code was retired (a merged ministry, a province after 1 July 2025). One route per agency reached.
 */
async function route(
  p: Platform,
  dir: Directory,
  codes: readonly string[],
  onDate: string | undefined,
): Promise<Route[]> {
  const routes = new Map<string, Route>();
  for (const addressed of new Set(codes)) {
    const host = dir.hostOf.get(addressed);
    if (host) {
      if (!routes.has(addressed))
        routes.set(addressed, {
          addressedCode: addressed,
          agencyCode: addressed,
          systemId: host,
          successors: [],
        });
      continue;
    }
    // A code the registry does not know (or a malformed one) has no successors: unroutable.
    const successors = await resolveAgencyCode(p.db, addressed, onDate).then(
      (resolved) => resolved.current.map((a) => a.code).filter((c) => c !== addressed),
      () => [] as string[],
    );
    const hosted = successors.filter((c) => dir.hostOf.has(c));
    if (hosted.length === 0) {
      routes.set(addressed, {
        addressedCode: addressed,
        agencyCode: addressed,
        systemId: null,
        successors,
      });
      continue;
    }
    for (const code of hosted)
      if (!routes.has(code))
        routes.set(code, {
          addressedCode: addressed,
          agencyCode: code,
          systemId: dir.hostOf.get(code)!,
          successors: [],
        });
  }
  return [...routes.values()];
}

// ————————————————————————————————————————— the recipient's side —————————————————————————————————————————

export interface ReceivedItem {
  /** The delivery's id: what the recipient downloads and acknowledges. */
  docId: string;
  messageId: string;
  messageType: HubMessageKind;
  from: string;
  to: string;
  documentId: string;
  businessCode: string;
  createdTime: string;
  size: number;
  sha256: string;
}

/** The recipient system's queue: what it has not acknowledged yet, oldest first. */
export async function listReceived(
  p: Platform,
  systemId: string,
  opts: { messageType?: HubMessageKind; limit?: number } = {},
): Promise<ReceivedItem[]> {
  const where = [eq(exchangeHubDeliveries.systemId, systemId), eq(exchangeHubDeliveries.state, 'queued')];
  if (opts.messageType) where.push(eq(exchangeHubMessages.kind, opts.messageType));
  const rows = await p.db
    .select({
      seq: exchangeHubDeliveries.seq,
      messageId: exchangeHubMessages.id,
      kind: exchangeHubMessages.kind,
      from: exchangeHubMessages.fromCode,
      to: exchangeHubDeliveries.agencyCode,
      documentId: exchangeHubMessages.documentId,
      businessCode: exchangeHubMessages.businessCode,
      createdAt: exchangeHubDeliveries.createdAt,
      size: exchangeHubMessages.size,
      sha256: exchangeHubMessages.sha256,
    })
    .from(exchangeHubDeliveries)
    .innerJoin(exchangeHubMessages, eq(exchangeHubMessages.id, exchangeHubDeliveries.messageId))
    .where(and(...where))
    .orderBy(asc(exchangeHubDeliveries.seq))
    .limit(Math.min(opts.limit ?? 200, 1000));
  return rows.map((r) => ({
    docId: String(r.seq),
    messageId: r.messageId,
    messageType: r.kind,
    from: r.from,
    to: r.to,
    documentId: r.documentId,
    businessCode: r.businessCode,
    createdTime: r.createdAt.toISOString(),
    size: r.size,
    sha256: r.sha256,
  }));
}

async function deliveryOf(p: Platform, systemId: string, docId: string) {
  const seq = /^\d{1,15}$/.test(docId) ? Number(docId) : NaN;
  if (!Number.isSafeInteger(seq)) throw new AppError(HubErrors.EXCHANGE_MESSAGE_NOT_FOUND, { docId });
  const [row] = await p.db
    .select({
      seq: exchangeHubDeliveries.seq,
      messageId: exchangeHubDeliveries.messageId,
      agencyCode: exchangeHubDeliveries.agencyCode,
      state: exchangeHubDeliveries.state,
      sha256: exchangeHubMessages.sha256,
    })
    .from(exchangeHubDeliveries)
    .innerJoin(exchangeHubMessages, eq(exchangeHubMessages.id, exchangeHubDeliveries.messageId))
    .where(and(eq(exchangeHubDeliveries.seq, seq), eq(exchangeHubDeliveries.systemId, systemId)));
  // Another system's delivery is "not found": its existence does not leak.
  if (!row) throw new AppError(HubErrors.EXCHANGE_MESSAGE_NOT_FOUND, { docId });
  return row;
}

/** The envelope of a delivery, as the sender sent it; counts the download and traces it. */
export async function fetchDelivery(
  p: Platform,
  systemId: string,
  docId: string,
): Promise<{ sha256: string; body: Readable }> {
  const d = await deliveryOf(p, systemId, docId);
  const now = p.clock.now();
  await p.db.transaction(async (tx) => {
    await tx
      .update(exchangeHubDeliveries)
      .set({ fetches: sql`${exchangeHubDeliveries.fetches} + 1`, fetchedAt: now })
      .where(eq(exchangeHubDeliveries.seq, d.seq));
    await tx.insert(exchangeHubHops).values({
      messageId: d.messageId,
      at: now,
      actor: systemId,
      event: 'fetched',
      agencyCode: d.agencyCode,
    });
  });
  return { sha256: d.sha256, body: await p.files.open(d.sha256) };
}

export const TRANSPORT_STATUSES = ['processing', 'done', 'fail'] as const;
export type TransportStatus = (typeof TRANSPORT_STATUSES)[number];

/**
 * The recipient's acknowledgement: `done` (taken: leaves its queue), `fail` (it could not take it: kept as failed
 * for the administrator, with the reason), `processing` (only traced). Repeating one changes nothing.
 */
export async function acknowledge(
  p: Platform,
  systemId: string,
  docId: string,
  status: string,
  reason?: string,
): Promise<void> {
  if (!(TRANSPORT_STATUSES as readonly string[]).includes(status))
    throw new AppError(HubErrors.EXCHANGE_TRANSPORT_STATUS_INVALID, { status });
  const d = await deliveryOf(p, systemId, docId);
  const now = p.clock.now();
  const next: DeliveryState | null = status === 'done' ? 'done' : status === 'fail' ? 'failed' : null;
  await p.db.transaction(async (tx) => {
    if (next && d.state !== next) {
      await tx
        .update(exchangeHubDeliveries)
        .set({
          state: next,
          settledAt: now,
          lastError: next === 'failed' ? (reason?.slice(0, 500) ?? null) : null,
        })
        .where(eq(exchangeHubDeliveries.seq, d.seq));
    } else if (next) return; // repeated: nothing to trace
    await tx.insert(exchangeHubHops).values({
      messageId: d.messageId,
      at: now,
      actor: systemId,
      event: status === 'fail' ? 'failed' : status,
      agencyCode: d.agencyCode,
      detail: reason ? { reason: reason.slice(0, 500) } : null,
    });
  });
}

/** The sender's view: its messages and, per recipient, where each stands. */
export async function listSent(
  p: Platform,
  systemId: string,
  opts: { messageId?: string; limit?: number } = {},
) {
  const where = [eq(exchangeHubMessages.senderSystem, systemId)];
  if (opts.messageId) where.push(eq(exchangeHubMessages.id, opts.messageId));
  const messages = await p.db
    .select()
    .from(exchangeHubMessages)
    .where(and(...where))
    .orderBy(sql`${exchangeHubMessages.receivedAt} desc`)
    .limit(Math.min(opts.limit ?? 100, 500));
  if (messages.length === 0) return [];
  const deliveries = await p.db
    .select()
    .from(exchangeHubDeliveries)
    .where(
      inArray(
        exchangeHubDeliveries.messageId,
        messages.map((m) => m.id),
      ),
    )
    .orderBy(asc(exchangeHubDeliveries.seq));
  return messages.flatMap((m) =>
    deliveries
      .filter((d) => d.messageId === m.id)
      .map((d) => ({
        serviceType: 'eDoc',
        senderDocId: m.id,
        receiverDocId: String(d.seq),
        fromCode: m.fromCode,
        toCode: d.agencyCode,
        title: m.subject,
        notation: m.notation,
        messageType: m.kind,
        sentTime: m.receivedAt.toISOString(),
        receivedTime: d.fetchedAt?.toISOString() ?? null,
        sendStatus: 'done',
        receiveStatus: d.state,
        receiveStatusDesc: d.lastError,
      })),
  );
}
