import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Two roles, one module: the HUB (the axis: systems, messages, per-recipient delivery queues, the trace) and
 * the AGENCY NODE (an agency's documents office: incoming and outgoing documents, recipients' statuses, the
 * outbox of messages to the hub). A deployment may run either or both; the tables of a role it does not run
 * stay empty.
 */

// ————————————————————————————————————————————— hub —————————————————————————————————————————————

/** A connected system (trung tâm liên thông): an agency's e-office software, with its credentials and limits. */
export const exchangeSystems = pgTable('exchange_systems', {
  /** The system id it sends in the `systemid` header (e.g. `vpcp.qlvb`). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The HMAC secret, sealed with the deployment key (SecretBox). */
  secretSealed: text('secret_sealed').notNull(),
  /** OIDC client id that may act as this system (client credentials grant), if any. */
  oidcClientId: text('oidc_client_id').unique(),
  active: boolean('active').notNull().default(true),
  /** Largest envelope accepted from it, in bytes. */
  maxEnvelopeBytes: integer('max_envelope_bytes').notNull(),
  /** Envelopes per minute it may send. */
  sendsPerMinute: integer('sends_per_minute').notNull(),
  /** Where the hub pushes a "you have mail" notice (POST), if the system accepts push. */
  pushUrl: text('push_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Agency codes a system sends for and receives for. A code is hosted by one system. */
export const exchangeSystemAgencies = pgTable(
  'exchange_system_agencies',
  {
    systemId: text('system_id')
      .notNull()
      .references(() => exchangeSystems.id, { onDelete: 'cascade' }),
    agencyCode: text('agency_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.systemId, t.agencyCode] }),
    uniqueIndex('exchange_system_agencies_code_idx').on(t.agencyCode),
  ],
);

export type HubMessageKind = 'edoc' | 'status';

/** An envelope the hub accepted: stored as received (content-addressed), never altered. */
export const exchangeHubMessages = pgTable(
  'exchange_hub_messages',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull().$type<HubMessageKind>(),
    senderSystem: text('sender_system').notNull(),
    fromCode: text('from_code').notNull(),
    /** The edXML DocumentId (edoc) or the ResponseFor DocumentId (status). */
    documentId: text('document_id').notNull(),
    /** BussinessDocType (edoc) or StatusCode (status). */
    businessCode: text('business_code').notNull(),
    /** A resend of the same message has the same key and is not a second message. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    subject: text('subject'),
    notation: text('notation'),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** The envelope signature: valid, invalid (with the reason) or absent. */
    signature: text('signature').notNull(),
    warnings: integer('warnings').notNull().default(0),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('exchange_hub_messages_received_idx').on(t.receivedAt)],
);

export type DeliveryState = 'queued' | 'done' | 'failed' | 'unroutable';

/**
 * One row per (message, recipient agency): the durable per-recipient queue. `seq` orders a recipient's queue;
 * a row stays `queued` until the receiving system acknowledges it (done, or failed with its reason).
 */
export const exchangeHubDeliveries = pgTable(
  'exchange_hub_deliveries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => exchangeHubMessages.id),
    /** The code as the sender wrote it in `To` (possibly retired). */
    addressedCode: text('addressed_code').notNull(),
    /** The agency in force it was routed to. */
    agencyCode: text('agency_code').notNull(),
    /** The system hosting that agency; null when unroutable. */
    systemId: text('system_id'),
    state: text('state').notNull().$type<DeliveryState>(),
    /** Times the recipient downloaded it (a second download means its earlier acknowledgement was lost). */
    fetches: integer('fetches').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exchange_hub_deliveries_message_agency_idx').on(t.messageId, t.agencyCode),
    index('exchange_hub_deliveries_queue_idx').on(t.systemId, t.state, t.seq),
  ],
);

/**
 * What a hop adds to its event, as data: the admin view words it in the reader's language.
 * - received: the envelope's size, its signature check and how many warnings it raised;
 * - routed, requeued: the system it went to, and the code it was addressed to when that code was retired;
 * - unroutable: the successors of a retired code, none of them connected (empty: the code itself is not);
 * - failed: the recipient's reason, in its words; requeued after a failure: the error it had.
 */
export type HopDetail =
  | { size: number; signature: string; warnings: number }
  | { system: string; addressedCode?: string }
  | { successors: string[] }
  | { reason: string };

/** The trace: every hop of every message at the hub (received, routed, fetched, acknowledged, pushed…). */
export const exchangeHubHops = pgTable(
  'exchange_hub_hops',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The system that acted, or `hub`. */
    actor: text('actor').notNull(),
    event: text('event').notNull(),
    agencyCode: text('agency_code'),
    detail: jsonb('detail').$type<HopDetail>(),
  },
  (t) => [index('exchange_hub_hops_message_idx').on(t.messageId, t.id)],
);

// ————————————————————————————————————————————— agency node —————————————————————————————————————————————

export type DocumentDirection = 'inbound' | 'outbound';
/**
 * Incoming: arrived → registered → assigned → processing → completed, or rejected. Outgoing: sending → sent, or
 * failed when the hub refused the envelope (its code and message are on the outbox row).
 */
export type DocumentState =
  | 'arrived'
  | 'registered'
  | 'assigned'
  | 'processing'
  | 'completed'
  | 'rejected'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'revoked';

/** A document of this agency's documents office: incoming (văn bản đến) or outgoing (văn bản đi). */
export const exchangeDocuments = pgTable(
  'exchange_documents',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction').notNull().$type<DocumentDirection>(),
    /** This office's agency code (the recipient of an incoming document, the sender of an outgoing one). */
    agencyCode: text('agency_code').notNull(),
    /** The edXML DocumentId. */
    documentId: text('document_id').notNull(),
    /** The hub's id of the envelope that brought it (incoming). */
    hubMessageId: uuid('hub_message_id'),
    fromCode: text('from_code').notNull(),
    fromName: text('from_name'),
    businessDocType: text('business_doc_type').notNull().default('0'),
    /** For revocation/update/replacement: the DocumentId acted upon. */
    targetDocumentId: text('target_document_id'),
    /** For revocation/update/replacement: the sender's reason (Bussiness/BussinessDocReason). */
    changeReason: text('change_reason'),
    codeNumber: text('code_number'),
    codeNotation: text('code_notation'),
    subject: text('subject').notNull(),
    /** Subject and notation without diacritics, lower case: accent-insensitive search. */
    searchText: text('search_text').notNull(),
    typeName: text('type_name'),
    promulgationDate: text('promulgation_date'),
    signerName: text('signer_name'),
    signerPosition: text('signer_position'),
    priority: integer('priority').notNull().default(0),
    dueDate: text('due_date'),
    /** The envelope as sent or received (content-addressed). */
    envelopeSha256: text('envelope_sha256').notNull(),
    /** The envelope and PDF signature checks, as stored at receipt. */
    verification: jsonb('verification').$type<unknown>(),
    state: text('state').notNull().$type<DocumentState>(),
    /** Số đến: the incoming register number, per agency and year. */
    incomingNumber: integer('incoming_number'),
    department: text('department'),
    assigneeId: uuid('assignee_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Nothing delivered twice: one incoming document per envelope per office, one outbound per DocumentId.
    uniqueIndex('exchange_documents_hub_message_idx').on(t.agencyCode, t.hubMessageId),
    uniqueIndex('exchange_documents_out_idx').on(t.agencyCode, t.direction, t.documentId, t.businessDocType),
    index('exchange_documents_list_idx').on(t.agencyCode, t.direction, t.createdAt),
  ],
);

/** Attachments of a document (the files inside the ZIPs), content-addressed. */
export const exchangeAttachments = pgTable(
  'exchange_attachments',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => exchangeDocuments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.position] })],
);

/** Recipients of an outgoing document, each with its latest status. */
export const exchangeRecipients = pgTable(
  'exchange_recipients',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => exchangeDocuments.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name'),
    statusCode: text('status_code'),
    statusAt: timestamp('status_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.code] })],
);

/** The status timeline of a document: each status sent (incoming) or received (outgoing), once. */
export const exchangeStatusEvents = pgTable(
  'exchange_status_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => exchangeDocuments.id, { onDelete: 'cascade' }),
    /** The agency that reported the status. */
    agencyCode: text('agency_code').notNull(),
    statusCode: text('status_code').notNull(),
    description: text('description'),
    staff: text('staff'),
    /** The status's own timestamp (as the reporter wrote it). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The hub message that carried it in (received statuses): a second delivery is not a second event. */
    hubMessageId: uuid('hub_message_id'),
  },
  (t) => [
    index('exchange_status_events_document_idx').on(t.documentId, t.id),
    uniqueIndex('exchange_status_events_hub_idx').on(t.documentId, t.hubMessageId),
  ],
);

export type OutboxState = 'pending' | 'sent' | 'failed';

/** Messages this node must hand to the hub: kept until the hub acknowledges, retried with back-off. */
export const exchangeOutbox = pgTable(
  'exchange_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull().$type<HubMessageKind>(),
    /** The document it belongs to (the outgoing document, or the incoming one a status answers). */
    documentId: uuid('document_id').references(() => exchangeDocuments.id, { onDelete: 'cascade' }),
    fromCode: text('from_code').notNull(),
    toCodes: text('to_codes').array().notNull(),
    envelopeSha256: text('envelope_sha256').notNull(),
    state: text('state').notNull().$type<OutboxState>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    hubMessageId: uuid('hub_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('exchange_outbox_state_idx').on(t.state, t.id)],
);

/** Incoming register numbers (số đến), one sequence per agency and year. */
export const exchangeRegisterCounters = pgTable(
  'exchange_register_counters',
  {
    agencyCode: text('agency_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.year] })],
);

/**
 * Leases for the node's background work (sending the outbox, pulling from the hub): one process at a time
 * holds `sync`, so messages leave in order even with several processes on one database.
 */
export const exchangeLeases = pgTable('exchange_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: timestamp('until', { withTimezone: true }).notNull(),
});

/**
 * The agencies whose documents office this deployment keeps (the node's agencies): set by an administrator or
 * EXCHANGE_AGENCIES, seeded by the demo. With the in-process hub they are hosted by the `local` system.
 */
export const exchangeNodeAgencies = pgTable('exchange_node_agencies', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
