/**
 * The node's exchange with its hub, one round at a time: hand the outbox to the hub in order, then take what the
 * hub holds for the node's agencies, store each envelope, and acknowledge it. A round runs on a schedule
 * (EXCHANGE_SYNC_MS), at once when the hub pushes a notice or the in-process hub queues something, and after
 * every change that queues a message. One process at a time holds the `sync` lease.
 *
 * Nothing is lost and nothing arrives twice:
 * - an outbox row stays `pending` until the hub answers with a message id; a resend after a crash between the
 *   hub's answer and our update is recognised by the hub (same DocumentId) and answered with the same id;
 * - a received envelope is acknowledged only after it is stored; one stored but not acknowledged (crash, lost
 *   answer) comes again and is recognised by its hub message id (receiveEnvelope).
 */
import crypto from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { receiveEnvelope } from './node.receive.js';
import { HubRefusal, type HubClient } from './node.transport.js';
import { exchangeDocuments, exchangeOutbox } from './schema.js';

const LEASE = 'sync';
/**
 * Renewed as a round goes on (before a message once RENEW_MS passed since the last renewal): a node killed
 * mid-round holds up its successor this long at most. Longer than one hub call may take (its timeout is 60 s),
 * so the lease cannot lapse during a slow send of a large envelope.
 */
const LEASE_MS = 90_000;
const RENEW_MS = 15_000;
/** Messages handed over or taken per pass, and passes per round: the next round goes on from there. */
const ROUND_LIMIT = 500;
const MAX_PASSES = 8;

export interface RoundResult {
  sent: number;
  failed: number;
  received: number;
  duplicates: number;
  /** The round stopped at a transport failure (the hub is down): the rest waits for the next round. */
  interrupted: string | null;
}

const holder = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

async function takeLease(db: Executor, nowMs: number): Promise<boolean> {
  const until = new Date(nowMs + LEASE_MS).toISOString();
  const taken = await rows<{ holder: string }>(
    db,
    sql`insert into exchange_leases (name, holder, until) values (${LEASE}, ${holder}, ${until})
        on conflict (name) do update set holder = excluded.holder, until = excluded.until
        where exchange_leases.holder = ${holder} or exchange_leases.until < ${new Date(nowMs).toISOString()}
        returning holder`,
  );
  return taken.length > 0;
}

async function releaseLease(db: Executor): Promise<void> {
  await db.execute(
    sql`update exchange_leases set until = now() - interval '1 second' where name = ${LEASE} and holder = ${holder}`,
  );
}

/** The lease while a round holds it: `keep` renews it when due, and says false once it was lost. */
class Held {
  private renewed = performance.now();
  constructor(private readonly p: Platform) {}
  async keep(): Promise<boolean> {
    if (performance.now() - this.renewed < RENEW_MS) return true;
    this.renewed = performance.now();
    return takeLease(this.p.db, this.p.clock.now().getTime());
  }
}

/** One round; returns null when another process holds the lease. */
export async function syncRound(p: Platform, client: HubClient): Promise<RoundResult | null> {
  if (!(await takeLease(p.db, p.clock.now().getTime()))) return null;
  const lease = new Held(p);
  const result: RoundResult = { sent: 0, failed: 0, received: 0, duplicates: 0, interrupted: null };
  try {
    // Passes until one finds nothing to do: what was received queued its statuses (01) to send, and what was sent
    // may come straight back (a recipient this node also hosts), so one kick carries the whole exchange through.
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = result.sent + result.failed + result.received;
      await sendOutbox(p, client, result, lease);
      if (result.interrupted) break;
      await pull(p, client, result, lease);
      if (result.interrupted || result.sent + result.failed + result.received === before) break;
    }
  } finally {
    await releaseLease(p.db);
  }
  return result;
}

async function sendOutbox(p: Platform, client: HubClient, result: RoundResult, lease: Held): Promise<void> {
  const pending = await p.db
    .select()
    .from(exchangeOutbox)
    .where(eq(exchangeOutbox.state, 'pending'))
    .orderBy(asc(exchangeOutbox.id))
    .limit(ROUND_LIMIT);
  for (const row of pending) {
    if (!(await lease.keep())) return;
    const envelope = await readAll(p, row.envelopeSha256);
    try {
      const sent = await client.send(envelope);
      await p.db.transaction(async (tx) => {
        await tx
          .update(exchangeOutbox)
          .set({
            state: 'sent',
            hubMessageId: sent.messageId,
            sentAt: p.clock.now(),
            attempts: row.attempts + 1,
            lastError: null,
          })
          .where(eq(exchangeOutbox.id, row.id));
        if (row.kind === 'edoc' && row.documentId)
          await tx
            .update(exchangeDocuments)
            .set({ state: 'sent', updatedAt: p.clock.now() })
            .where(and(eq(exchangeDocuments.id, row.documentId), eq(exchangeDocuments.state, 'sending')));
      });
      result.sent++;
    } catch (e) {
      const refused = e instanceof HubRefusal;
      await p.db.transaction(async (tx) => {
        await tx
          .update(exchangeOutbox)
          .set({
            state: refused ? 'failed' : 'pending',
            attempts: row.attempts + 1,
            lastError: (e as Error).message.slice(0, 1000),
          })
          .where(eq(exchangeOutbox.id, row.id));
        // The clerk sees the refusal on the document (the outbox row keeps the hub's code and message).
        if (refused && row.kind === 'edoc' && row.documentId)
          await tx
            .update(exchangeDocuments)
            .set({ state: 'failed', updatedAt: p.clock.now() })
            .where(and(eq(exchangeDocuments.id, row.documentId), eq(exchangeDocuments.state, 'sending')));
      });
      if (refused) {
        result.failed++;
        p.logger.warn({ outboxId: row.id, err: (e as Error).message }, 'the hub refused a message');
        continue;
      }
      // The hub cannot be reached: keep the order, try again next round.
      result.interrupted = (e as Error).message;
      return;
    }
  }
}

async function pull(p: Platform, client: HubClient, result: RoundResult, lease: Held): Promise<void> {
  for (let taken = 0; taken < ROUND_LIMIT;) {
    let items;
    try {
      items = await client.received();
    } catch (e) {
      result.interrupted = (e as Error).message;
      return;
    }
    if (items.length === 0) return;
    for (const item of items) {
      if (!(await lease.keep())) return;
      try {
        const envelope = await client.download(item.docId);
        const hash = crypto.createHash('sha256').update(envelope).digest('hex');
        if (item.sha256 && hash !== item.sha256) throw new Error(`download of ${item.docId} is corrupt`);
        const received = await receiveEnvelope(p, {
          agencyCode: item.to,
          hubMessageId: item.messageId,
          envelope,
        });
        if (received.refused) await client.acknowledge(item.docId, 'fail', received.refused);
        else await client.acknowledge(item.docId, 'done');
        if (received.duplicate) result.duplicates++;
        else if (!received.refused) result.received++;
      } catch (e) {
        result.interrupted = (e as Error).message;
        return;
      }
      taken++;
    }
  }
}

async function readAll(p: Platform, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await p.files.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The job handler: one round at a time in this process; a kick during a round makes another round after it, so
 * what was queued meanwhile does not wait for the schedule.
 */
export function syncRunner(p: Platform, client: () => HubClient): () => Promise<void> {
  let running = false;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const result = await syncRound(p, client());
        if (result?.interrupted) p.logger.warn({ reason: result.interrupted }, 'exchange sync interrupted');
      } while (again);
    } finally {
      running = false;
    }
  };
}
