/**
 * The hub administrator's view of traffic: messages with where each delivery stands, counts by state, a
 * message's whole trace, and putting a failed delivery back in its recipient's queue.
 */
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AppError } from '../../platform/errors/index.js';
import { containsText, rows, toNumber, type Executor } from '../../platform/db/index.js';
import { resolveAgencyCode } from '../identity/index.js';
import { HubErrors } from './errors.js';
import { exchangeHubDeliveries, exchangeHubHops, exchangeHubMessages, type DeliveryState } from './schema.js';

export const DELIVERY_STATES = [
  'queued',
  'done',
  'failed',
  'unroutable',
] as const satisfies readonly DeliveryState[];

export interface TrafficQuery {
  state?: DeliveryState;
  system?: string;
  q?: string;
  limit: number;
  offset: number;
}

type MessageRow = typeof exchangeHubMessages.$inferSelect;
type DeliveryRow = typeof exchangeHubDeliveries.$inferSelect;

function deliveryView(d: DeliveryRow) {
  return {
    seq: d.seq,
    addressedCode: d.addressedCode,
    agencyCode: d.agencyCode,
    systemId: d.systemId,
    state: d.state,
    fetches: d.fetches,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    fetchedAt: d.fetchedAt?.toISOString() ?? null,
    settledAt: d.settledAt?.toISOString() ?? null,
  };
}

function messageView(m: MessageRow, deliveries: DeliveryRow[]) {
  return {
    id: m.id,
    kind: m.kind,
    senderSystem: m.senderSystem,
    fromCode: m.fromCode,
    documentId: m.documentId,
    businessCode: m.businessCode,
    subject: m.subject,
    notation: m.notation,
    size: m.size,
    signature: m.signature,
    receivedAt: m.receivedAt.toISOString(),
    deliveries: deliveries.filter((d) => d.messageId === m.id).map(deliveryView),
  };
}

export type TrafficItem = ReturnType<typeof messageView>;

export async function traffic(db: Executor, query: TrafficQuery) {
  const where: SQL[] = [];
  const deliveryFilter: SQL[] = [eq(exchangeHubDeliveries.messageId, exchangeHubMessages.id)];
  if (query.state) deliveryFilter.push(eq(exchangeHubDeliveries.state, query.state));
  if (query.system) {
    deliveryFilter.push(eq(exchangeHubDeliveries.systemId, query.system));
  }
  if (query.state || query.system) {
    const viaDelivery = exists(
      db
        .select({ one: sql`1` })
        .from(exchangeHubDeliveries)
        .where(and(...deliveryFilter)),
    );
    where.push(
      query.system && !query.state
        ? or(viaDelivery, eq(exchangeHubMessages.senderSystem, query.system))!
        : viaDelivery,
    );
  }
  if (query.q?.trim()) {
    const q = query.q.trim();
    // A status carries no subject: it is found by the subject of the document it answers.
    const answered = alias(exchangeHubMessages, 'answered');
    where.push(
      or(
        containsText(exchangeHubMessages.subject, q),
        containsText(exchangeHubMessages.notation, q),
        containsText(exchangeHubMessages.documentId, q),
        containsText(exchangeHubMessages.fromCode, q),
        and(
          eq(exchangeHubMessages.kind, 'status'),
          inArray(
            exchangeHubMessages.documentId,
            db
              .select({ documentId: answered.documentId })
              .from(answered)
              .where(and(eq(answered.kind, 'edoc'), containsText(answered.subject, q))),
          ),
        ),
      )!,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const messages = await db
    .select()
    .from(exchangeHubMessages)
    .where(condition)
    .orderBy(desc(exchangeHubMessages.receivedAt), desc(exchangeHubMessages.id))
    .limit(query.limit)
    .offset(query.offset);
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(exchangeHubMessages)
    .where(condition);
  const deliveries = messages.length
    ? await db
        .select()
        .from(exchangeHubDeliveries)
        .where(
          inArray(
            exchangeHubDeliveries.messageId,
            messages.map((m) => m.id),
          ),
        )
        .orderBy(asc(exchangeHubDeliveries.seq))
    : [];
  const counted = await rows<{ state: DeliveryState; n: unknown }>(
    db,
    sql`select state, count(*) as n from exchange_hub_deliveries group by state`,
  );
  const counts = { queued: 0, done: 0, failed: 0, unroutable: 0 };
  for (const c of counted) counts[c.state] = toNumber(c.n);
  return { items: messages.map((m) => messageView(m, deliveries)), total: toNumber(n), counts };
}

export async function messageTrace(db: Executor, id: string) {
  const [message] = /^[0-9a-f-]{36}$/i.test(id)
    ? await db.select().from(exchangeHubMessages).where(eq(exchangeHubMessages.id, id))
    : [];
  if (!message) throw new AppError(HubErrors.EXCHANGE_MESSAGE_NOT_FOUND, { id });
  const deliveries = await db
    .select()
    .from(exchangeHubDeliveries)
    .where(eq(exchangeHubDeliveries.messageId, id))
    .orderBy(asc(exchangeHubDeliveries.seq));
  const hops = await db
    .select()
    .from(exchangeHubHops)
    .where(eq(exchangeHubHops.messageId, id))
    .orderBy(asc(exchangeHubHops.id));
  return {
    ...messageView(message, deliveries),
    hops: hops.map((h) => ({
      at: h.at.toISOString(),
      actor: h.actor,
      event: h.event,
      agencyCode: h.agencyCode,
      detail: h.detail,
    })),
  };
}

/**
 * A failed delivery goes back to its recipient's queue (after the recipient fixed what made it fail); an
 * unroutable one goes to the system that hosts its agency now (or the successor of a retired code), once that
 * agency has connected. Anything else: EXCHANGE_DELIVERY_NOT_FOUND; still no host: EXCHANGE_NO_ROUTE.
 */
export async function requeueDelivery(
  tx: Executor,
  seq: number,
  at: Date,
  actor: string,
  hostOf: ReadonlyMap<string, string>,
): Promise<{ systemId: string }> {
  const [row] = await tx
    .select()
    .from(exchangeHubDeliveries)
    .where(eq(exchangeHubDeliveries.seq, seq))
    .for('update');
  if (!row || (row.state !== 'failed' && row.state !== 'unroutable'))
    throw new AppError(HubErrors.EXCHANGE_DELIVERY_NOT_FOUND, { seq });
  let agencyCode = row.agencyCode;
  let systemId = row.systemId;
  if (row.state === 'unroutable') {
    const successors = await resolveAgencyCode(tx, row.agencyCode).then(
      (r) => r.current.map((c) => c.code),
      () => [] as string[],
    );
    agencyCode = [row.agencyCode, ...successors].find((c) => hostOf.has(c)) ?? row.agencyCode;
    systemId = hostOf.get(agencyCode) ?? null;
    const taken =
      agencyCode !== row.agencyCode &&
      (
        await tx
          .select({ seq: exchangeHubDeliveries.seq })
          .from(exchangeHubDeliveries)
          .where(
            and(
              eq(exchangeHubDeliveries.messageId, row.messageId),
              eq(exchangeHubDeliveries.agencyCode, agencyCode),
            ),
          )
      ).length > 0;
    if (!systemId || taken) throw new AppError(HubErrors.EXCHANGE_NO_ROUTE, { to: [row.agencyCode] });
  }
  await tx
    .update(exchangeHubDeliveries)
    .set({ state: 'queued', agencyCode, systemId, lastError: null, settledAt: null })
    .where(eq(exchangeHubDeliveries.seq, seq));
  await tx.insert(exchangeHubHops).values({
    messageId: row.messageId,
    at,
    actor,
    event: 'requeued',
    agencyCode,
    detail: row.state === 'unroutable' || !row.lastError ? { system: systemId! } : { reason: row.lastError },
  });
  return { systemId: systemId! };
}
