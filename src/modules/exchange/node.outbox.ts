/**
 * The agency node's outbox: every message for the hub (an outgoing document, a status about an incoming one) is
 * built, signed and stored BEFORE the change that causes it commits, then queued in the same transaction as that
 * change. The sync loop (node.sync.ts) hands queued messages to the hub in order and keeps them until the hub
 * has taken them: a crash, a restart or a dead hub never loses one.
 */
import { Readable } from 'node:stream';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  buildEdxmlToBuffer,
  formatEdxmlTimestamp,
  type AttachmentContent,
  type EdxmlMessage,
  type Organization,
  type Staff,
  type StatusMessage,
} from './edxml/index.js';
import { signEnvelope } from './envelope.js';
import { NodeErrors } from './errors.js';
import { exchangeDocuments, exchangeOutbox, type HubMessageKind } from './schema.js';

export interface StoredEnvelope {
  sha256: string;
  size: number;
}

/** Envelopes are XML; the file store sniffs content, so none is refused here. */
const ENVELOPE_MAX_BYTES = 1024 * 1024 * 1024;

/**
 * Builds the envelope, signs it with the seal when EXCHANGE_SIGN is on, and stores it (content-addressed, so
 * storing twice is harmless). Call outside transactions: signing may talk to a token. An envelope larger than
 * hubs read (EXCHANGE_MAX_ENVELOPE_BYTES; the file goes in base64, a third larger) is refused here, before
 * anything is queued, rather than by the hub after the clerk has left.
 */
export async function prepareEnvelope(
  p: Platform,
  message: EdxmlMessage,
  attachments: readonly AttachmentContent[] = [],
): Promise<StoredEnvelope> {
  const built = await buildEdxmlToBuffer(message, attachments);
  const envelope = p.config.EXCHANGE_SIGN === 'on' ? await signEnvelope(built, await p.pki.seal()) : built;
  if (envelope.length > p.config.EXCHANGE_MAX_ENVELOPE_BYTES)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, {
      field: 'file',
      reason: 'envelope too large',
      maxBytes: p.config.EXCHANGE_MAX_ENVELOPE_BYTES,
    });
  const stored = await p.files.put(Readable.from([envelope]), { maxBytes: ENVELOPE_MAX_BYTES });
  return { sha256: stored.sha256, size: stored.size };
}

export interface OutboxEntry {
  kind: HubMessageKind;
  /** The document it belongs to (outbound document; inbound document a status answers). */
  documentId: string | null;
  fromCode: string;
  toCodes: string[];
  envelope: StoredEnvelope;
}

/** The job queue of the node's sync rounds (node.sync.ts). */
export const SYNC_QUEUE = 'exchange.sync';

/** Starts a sync round soon (one round for a burst of kicks); inside a transaction, only if it commits. */
export function kickSync(exec: Executor, p: Platform): Promise<void> {
  return p.jobs.nudge(exec, SYNC_QUEUE);
}

/** Whether this node has a hub to talk to: a remote one (EXCHANGE_HUB_URL) or its own in process. */
export function nodeHasHub(p: Platform): boolean {
  return Boolean(p.config.EXCHANGE_HUB_URL) || p.config.EXCHANGE_HUB === 'on';
}

/**
 * Queues a stored envelope for the hub, in the caller's transaction, and asks for a round to send it. A node
 * with no hub (none configured, its own turned off) refuses: the message would wait for ever, and the step
 * that queued it is undone with the refusal.
 */
export async function queueForHub(tx: Executor, p: Platform, entry: OutboxEntry): Promise<number> {
  if (!nodeHasHub(p)) throw new AppError(NodeErrors.EXCHANGE_NODE_OFF);
  const [row] = await tx
    .insert(exchangeOutbox)
    .values({
      kind: entry.kind,
      documentId: entry.documentId,
      fromCode: entry.fromCode,
      toCodes: entry.toCodes,
      envelopeSha256: entry.envelope.sha256,
      state: 'pending',
      createdAt: p.clock.now(),
    })
    .returning({ id: exchangeOutbox.id });
  await kickSync(tx, p);
  return row!.id;
}

type DocumentRow = typeof exchangeDocuments.$inferSelect;

export interface StatusInput {
  /** The reporting agency: this office (its code and name). */
  from: Organization;
  statusCode: string;
  description?: string;
  staff?: Staff;
  at: Date;
}

/**
 * The status message about an inbound document, addressed (ResponseFor) to its sender, from what the register
 * holds: the sender's code, number/notation, promulgation date and DocumentId.
 */
export function statusAbout(doc: DocumentRow, input: StatusInput): StatusMessage {
  const status: StatusMessage = {
    from: input.from,
    responseFor: { organId: doc.fromCode, documentId: doc.documentId },
    statusCode: input.statusCode,
    timestamp: formatEdxmlTimestamp(input.at),
  };
  const code = doc.codeNotation ? `${doc.codeNumber ?? ''}/${doc.codeNotation}` : doc.codeNumber;
  if (code) status.responseFor.code = code;
  // The register keeps ISO dates (YYYY-MM-DD); the wire wants yyyy/MM/dd.
  if (doc.promulgationDate) status.responseFor.promulgationDate = doc.promulgationDate.replaceAll('-', '/');
  if (input.description) status.description = input.description;
  if (input.staff) status.staff = input.staff;
  return status;
}
