/**
 * The hub's intake writer. Envelopes are parsed and verified concurrently, then stored through a group commit:
 * every message of a batch, its deliveries (the recipients' queues) and its trace in ONE statement — a
 * statement is atomic, so no BEGIN/COMMIT round trips, and a column per parameter (unnest) rather than a
 * parameter per value. A message whose dedupe key is already taken (a resend, possibly in the same batch) is
 * skipped with its deliveries and hops; its caller hears `false` and answers with the stored one.
 */
import { sql } from 'drizzle-orm';
import { GroupCommit } from '../../platform/db/group-commit.js';
import type { Platform } from '../../platform/platform.js';
import type { DeliveryState, HopDetail, HubMessageKind } from './schema.js';

export interface NewMessage {
  message: {
    id: string;
    kind: HubMessageKind;
    senderSystem: string;
    fromCode: string;
    documentId: string;
    businessCode: string;
    dedupeKey: string;
    subject: string | null;
    notation: string | null;
    sha256: string;
    size: number;
    signature: string;
    warnings: number;
    receivedAt: Date;
  };
  deliveries: {
    addressedCode: string;
    agencyCode: string;
    systemId: string | null;
    state: DeliveryState;
    lastError: string | null;
  }[];
  hops: { event: string; actor: string; agencyCode: string | null; detail: HopDetail | null }[];
}

const writers = new WeakMap<Platform, GroupCommit<NewMessage, boolean>>();

/** Stores the message with its deliveries and hops; false when its dedupe key was already taken. */
export function storeMessage(p: Platform, message: NewMessage): Promise<boolean> {
  let w = writers.get(p);
  if (!w) writers.set(p, (w = new GroupCommit((batch) => writeMessages(p, batch))));
  return w.submit(message);
}

async function writeMessages(p: Platform, batch: readonly NewMessage[]): Promise<boolean[]> {
  const messages = batch.map((b) => b.message);
  const deliveries = batch.flatMap((b) => b.deliveries.map((d) => ({ ...d, of: b.message })));
  const hops = batch.flatMap((b) => b.hops.map((h) => ({ ...h, of: b.message })));
  const m = <T>(pick: (r: NewMessage['message']) => T) => sql.param(messages.map(pick));
  const d = <T>(pick: (r: (typeof deliveries)[number]) => T) => sql.param(deliveries.map(pick));
  const h = <T>(pick: (r: (typeof hops)[number]) => T) => sql.param(hops.map(pick));
  // Deliveries and hops keep the batch's order (WITH ORDINALITY): a recipient's queue is ordered by seq, and a
  // message's trace by id.
  const result = await p.db.execute(sql`
    with m as (
      insert into exchange_hub_messages (id, kind, sender_system, from_code, document_id, business_code,
        dedupe_key, subject, notation, sha256, size, signature, warnings, received_at)
      select * from unnest(${m((r) => r.id)}::uuid[], ${m((r) => r.kind)}::text[],
        ${m((r) => r.senderSystem)}::text[], ${m((r) => r.fromCode)}::text[], ${m((r) => r.documentId)}::text[],
        ${m((r) => r.businessCode)}::text[], ${m((r) => r.dedupeKey)}::text[], ${m((r) => r.subject)}::text[],
        ${m((r) => r.notation)}::text[], ${m((r) => r.sha256)}::text[], ${m((r) => r.size)}::integer[],
        ${m((r) => r.signature)}::text[], ${m((r) => r.warnings)}::integer[],
        ${m((r) => r.receivedAt.toISOString())}::timestamptz[])
      on conflict (dedupe_key) do nothing
      returning id
    ), d as (
      insert into exchange_hub_deliveries (message_id, addressed_code, agency_code, system_id, state, last_error,
        created_at)
      select x.message_id, x.addressed_code, x.agency_code, x.system_id, x.state, x.last_error, x.created_at
      from unnest(${d((r) => r.of.id)}::uuid[], ${d((r) => r.addressedCode)}::text[],
        ${d((r) => r.agencyCode)}::text[], ${d((r) => r.systemId)}::text[], ${d((r) => r.state)}::text[],
        ${d((r) => r.lastError)}::text[], ${d((r) => r.of.receivedAt.toISOString())}::timestamptz[])
        with ordinality as x(message_id, addressed_code, agency_code, system_id, state, last_error, created_at, n)
      where x.message_id in (select id from m)
      order by x.n
    ), h as (
      insert into exchange_hub_hops (message_id, at, actor, event, agency_code, detail)
      select x.message_id, x.at, x.actor, x.event, x.agency_code, x.detail
      from unnest(${h((r) => r.of.id)}::uuid[], ${h((r) => r.of.receivedAt.toISOString())}::timestamptz[],
        ${h((r) => r.actor)}::text[], ${h((r) => r.event)}::text[], ${h((r) => r.agencyCode)}::text[],
        ${h((r) => (r.detail ? JSON.stringify(r.detail) : null))}::jsonb[])
        with ordinality as x(message_id, at, actor, event, agency_code, detail, n)
      where x.message_id in (select id from m)
      order by x.n
    )
    select id from m`);
  // Both drivers answer { rows } (node-postgres' QueryResult, PGlite's Results).
  const stored = new Set((result as { rows: { id: string }[] }).rows.map((r) => r.id));
  return messages.map((r) => stored.has(r.id));
}
