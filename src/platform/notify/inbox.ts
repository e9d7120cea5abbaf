import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { audit, type AuditContext } from '../audit/index.js';
import type { Executor } from '../db/index.js';
import { AppError, PlatformErrors } from '../errors/index.js';
import { notifications, type Channel, type NotificationRow, type NotificationState } from './schema.js';

export interface OutboxFilter {
  channel?: Channel | undefined;
  state?: NotificationState | undefined;
  limit?: number | undefined;
}

/** Every recorded message, newest first: what went out, what failed, what waits in the outbox. */
export function outbox(db: Executor, f: OutboxFilter): Promise<NotificationRow[]> {
  const where: SQL[] = [];
  if (f.channel) where.push(eq(notifications.channel, f.channel));
  if (f.state) where.push(eq(notifications.state, f.state));
  return db
    .select()
    .from(notifications)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit ?? 100);
}

export interface InboxPage {
  items: Pick<NotificationRow, 'id' | 'subject' | 'body' | 'createdAt' | 'readAt'>[];
  unread: number;
}

const mine = (personId: string) =>
  and(eq(notifications.personId, personId), eq(notifications.channel, 'inapp'));

/** A person's in-app messages, newest first, and how many are unread. */
export async function inbox(db: Executor, personId: string, limit = 50): Promise<InboxPage> {
  const items = await db
    .select({
      id: notifications.id,
      subject: notifications.subject,
      body: notifications.body,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(mine(personId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(personId), isNull(notifications.readAt)));
  return { items, unread: unread?.n ?? 0 };
}

/**
 * The first check is the object's owner: someone else's message is NOT_FOUND, never FORBIDDEN, so ids
 * reveal nothing. Reading twice is not an error and changes nothing.
 */
export async function markRead(
  tx: Executor,
  ctx: AuditContext,
  personId: string,
  id: string,
  now: Date,
): Promise<void> {
  const [row] = await tx
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), mine(personId)));
  if (!row) throw new AppError(PlatformErrors.NOT_FOUND);
  if (row.readAt) return;
  await tx.update(notifications).set({ readAt: now, updatedAt: now }).where(eq(notifications.id, id));
  await audit(tx, ctx, { action: 'notify.message.read', objectType: 'notification', objectId: id });
}
