import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const CHANNELS = ['email', 'sms', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * queued → sending → sent | queued (retry) | failed (gave up or refused for good);
 * outbox: no transport is configured for the channel, an administrator reads it in the UI.
 */
export const NOTIFICATION_STATES = ['queued', 'sending', 'sent', 'failed', 'outbox'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** A file sent with an e-mail, e.g. a meeting invitation's .ics. Content is base64 so the row is plain JSON. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Every message the platform sends, one row per channel, with its delivery state. The row is written in
 * the caller's transaction together with its delivery job, so an acknowledged message is never lost.
 * `person_id` has no foreign key: a platform table does not reach into a module's tables.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull().$type<Channel>(),
    personId: uuid('person_id'),
    /** E-mail address, phone number (+84…) or, for in-app, the person id; null when the person has none. */
    address: text('address'),
    /** The person's name at the time of sending, so the outbox reads as people, not ids. */
    recipientName: text('recipient_name'),
    locale: text('locale').notNull().$type<'vi' | 'en'>(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    html: text('html'),
    attachments: jsonb('attachments').notNull().$type<StoredAttachment[]>().default([]),
    state: text('state').notNull().$type<NotificationState>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** A message with a key is stored once (per channel): a reminder is not sent twice. */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey),
    // The administrator's outbox: newest first, usually filtered by state.
    index('notifications_state_idx').on(t.state, t.createdAt),
    index('notifications_created_idx').on(t.createdAt),
    // A person's in-app inbox and its unread counter.
    index('notifications_inbox_idx')
      .on(t.personId, t.createdAt)
      .where(sql`${t.channel} = 'inapp'`),
    index('notifications_unread_idx')
      .on(t.personId)
      .where(sql`${t.channel} = 'inapp' and ${t.readAt} is null`),
    check('notifications_channel_check', sql`${t.channel} in ('email', 'sms', 'inapp')`),
    check('notifications_state_check', sql`${t.state} in ('queued', 'sending', 'sent', 'failed', 'outbox')`),
    check('notifications_locale_check', sql`${t.locale} in ('vi', 'en')`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
