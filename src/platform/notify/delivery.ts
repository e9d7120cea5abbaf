import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit, SYSTEM_CONTEXT } from '../audit/index.js';
import type { Clock } from '../clock/index.js';
import type { Db } from '../db/index.js';
import type { EventBus } from '../events/index.js';
import type { JobInfo } from '../jobs/index.js';
import { NotifyErrors } from './errors.js';
import { notifications, type NotificationRow, type NotificationState } from './schema.js';
import { errorCode, errorMessage, PermanentDeliveryError, type DeliveryReceipt } from './transport.js';
import type { Transports } from './transports.js';

export const DELIVER_QUEUE = 'notify.deliver';
/** With the job runner's back-off (5 s doubling, capped at 1 h) eight attempts span about 20 minutes. */
export const MAX_ATTEMPTS = 8;
/** The event a person's open browser tabs receive when an in-app message arrives. */
export const INAPP_EVENT = 'notify.inapp';

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  transports: Transports;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

const Payload = z.object({ id: z.uuid() });

/**
 * The `notify.deliver` job: one message, one attempt. At-least-once like every job, so it is idempotent:
 * a message already sent (or parked in the outbox) is left alone when the job runs again after a crash.
 * The network call happens between two short transactions, never inside one.
 */
export async function deliver(
  d: DeliveryDeps,
  payload: unknown,
  job: Pick<JobInfo, 'attempts'>,
): Promise<void> {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) {
    d.logger?.warn({ payload }, 'notify.deliver: malformed payload, dropped'); // retrying cannot fix it
    return;
  }
  const row = await claim(d, parsed.data.id);
  if (!row) return;

  if (row.channel === 'inapp') {
    await settle(d, row, { state: 'sent', sentAt: d.clock.now(), lastError: null });
    // After commit: the message is in the inbox whatever happens to the push.
    d.events.publish({
      type: INAPP_EVENT,
      audience: row.personId ?? row.address ?? '',
      data: { id: row.id, subject: row.subject, body: row.body, createdAt: row.createdAt.toISOString() },
    });
    return;
  }
  const transport = d.transports[row.channel];
  if (!transport) return settle(d, row, { state: 'outbox' });
  if (!row.address)
    return settle(
      d,
      row,
      { state: 'failed', lastError: NotifyErrors.NOTIFY_NO_ADDRESS },
      'NOTIFY_NO_ADDRESS',
    );

  let receipt: DeliveryReceipt;
  try {
    receipt = await transport.send({
      id: row.id,
      address: row.address,
      subject: row.subject,
      text: row.body,
      html: row.html,
      attachments: row.attachments,
    });
  } catch (e) {
    const permanent = e instanceof PermanentDeliveryError;
    const final = permanent || job.attempts >= MAX_ATTEMPTS;
    await settle(d, row, { state: final ? 'failed' : 'queued', lastError: errorMessage(e) }, errorCode(e));
    if (permanent) return; // refused for good: retrying would only be refused again
    throw e; // the job runner backs off and tries again, or gives up (job dead, message failed)
  }
  await settle(d, row, {
    state: 'sent',
    sentAt: d.clock.now(),
    providerMessageId: receipt.providerMessageId,
    lastError: null,
  });
}

/**
 * Takes the message for this attempt. 'sending' is claimable again: it means a runner died mid-send, and
 * resending (at least once) beats losing the message; the job lease keeps two live runners apart.
 * 'failed' is claimable so an administrator's retry of a dead job works.
 */
async function claim(d: DeliveryDeps, id: string): Promise<NotificationRow | undefined> {
  return d.db.transaction(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ state: 'sending', attempts: sql`${notifications.attempts} + 1`, updatedAt: d.clock.now() })
      .where(and(eq(notifications.id, id), inArray(notifications.state, ['queued', 'sending', 'failed'])))
      .returning();
    if (row)
      await audit(tx, SYSTEM_CONTEXT, {
        action: 'notify.message.sending',
        objectType: 'notification',
        objectId: id,
        after: { state: 'sending', attempts: row.attempts },
      });
    return row;
  });
}

const ACTIONS: Record<Exclude<NotificationState, 'sending'>, string> = {
  sent: 'notify.message.sent',
  queued: 'notify.message.retry',
  failed: 'notify.message.failed',
  outbox: 'notify.message.outbox',
};

/** Records the outcome of the attempt and its audit record together. */
async function settle(
  d: DeliveryDeps,
  row: NotificationRow,
  set: Partial<typeof notifications.$inferInsert> & { state: Exclude<NotificationState, 'sending'> },
  failureCode?: string,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    await tx
      .update(notifications)
      .set({ ...set, updatedAt: d.clock.now() })
      .where(and(eq(notifications.id, row.id), eq(notifications.state, 'sending')));
    await audit(tx, SYSTEM_CONTEXT, {
      action: ACTIONS[set.state],
      objectType: 'notification',
      objectId: row.id,
      outcome: failureCode ? 'failure' : 'success',
      after: { state: set.state, attempts: row.attempts },
      ...(failureCode ? { detail: failureCode } : {}),
    });
  });
}
