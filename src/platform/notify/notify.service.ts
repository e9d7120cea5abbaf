import { eq } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT, type AuditContext } from '../audit/index.js';
import type { Clock } from '../clock/index.js';
import type { Config } from '../config/index.js';
import type { Db, Executor } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { EventBus } from '../events/index.js';
import type { Locale } from '../i18n/index.js';
import type { JobInfo, Jobs } from '../jobs/index.js';
import { normaliseEmail, normalisePhone } from './address.js';
import { storeAttachments, type AttachmentInput } from './attachments.js';
import type { ContactResolver, PersonContact } from './contacts.js';
import { deliver, DELIVER_QUEUE, MAX_ATTEMPTS } from './delivery.js';
import { NotifyErrors } from './errors.js';
import { inbox, markRead, outbox, type InboxPage, type OutboxFilter } from './inbox.js';
import { notifications, type Channel, type NotificationRow, type NotificationState } from './schema.js';
import { renderTemplate, type Template } from './templates.js';
import { transportsFromConfig, type Transports } from './transports.js';

/** Who receives it: a person (addresses and language from identity), or bare addresses, or both (overrides). */
export interface Recipient {
  personId?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  /** For bare addresses; a person's own locale is used otherwise. Vietnamese by default. */
  locale?: Locale | undefined;
}

interface SendCommon {
  to: Recipient;
  channels: readonly Channel[];
  /** Send at most once per key (per channel), e.g. `cabinet.reminder:<meetingId>:<personId>:24h`. */
  dedupeKey?: string | undefined;
  /** E-mail only (an .ics invitation…). */
  attachments?: readonly AttachmentInput[] | undefined;
}

/** With a template handle the parameters are type-checked; with a key they are checked at run time only. */
export type SendInput<P> = SendCommon &
  ({ template: Template<P>; params: P } | { template: string; params?: unknown });

export interface SentNotification {
  id: string;
  channel: Channel;
  state: NotificationState;
  /** True when the dedupe key had been used: nothing new was stored or sent. */
  duplicate: boolean;
}

export interface NotifierDeps {
  db: Db;
  jobs: Jobs;
  events: EventBus;
  clock: Clock;
  transports: Transports;
  contacts: ContactResolver;
  logger?: { warn(obj: object, msg: string): void };
}

/**
 * The platform's one way to tell people things: e-mail, SMS and in-app, in their language, each message
 * recorded with its delivery state. `send` runs inside the caller's transaction and only stores rows and
 * enqueues their delivery jobs, so a message exists exactly when the change that caused it committed.
 */
export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /** Whether messages on this channel leave the system (otherwise they wait in the outbox). */
  hasTransport(channel: Channel): boolean {
    return channel === 'inapp' || Boolean(this.deps.transports[channel]);
  }

  async send<P>(
    tx: Executor,
    input: SendInput<P>,
    ctx: AuditContext = SYSTEM_CONTEXT,
  ): Promise<SentNotification[]> {
    const channels = [...new Set(input.channels)];
    if (!channels.length) throw new AppError(NotifyErrors.NOTIFY_NO_CHANNEL);
    const { personId } = input.to;
    if (!personId && !input.to.email && !input.to.phone) throw new AppError(NotifyErrors.NOTIFY_NO_RECIPIENT);
    if (!personId && channels.includes('inapp')) throw new AppError(NotifyErrors.NOTIFY_INAPP_NEEDS_PERSON);
    const email = explicit(input.to.email, normaliseEmail);
    const phone = explicit(input.to.phone, normalisePhone);
    const contact = personId ? await this.deps.contacts(tx, personId) : undefined;
    if (personId && !contact) throw new AppError(NotifyErrors.NOTIFY_RECIPIENT_NOT_FOUND);
    const locale: Locale = input.to.locale ?? (contact?.locale === 'en' ? 'en' : 'vi');
    const content = renderTemplate(input.template, input.params, locale);
    const template = typeof input.template === 'string' ? input.template : input.template.key;
    const files = storeAttachments(input.attachments ?? []);
    const now = this.deps.clock.now();

    const sent: SentNotification[] = [];
    for (const channel of channels) {
      const target = addressFor(channel, { personId, email, phone, contact });
      const state: NotificationState = target.problem
        ? 'failed'
        : this.hasTransport(channel)
          ? 'queued'
          : 'outbox';
      const dedupeKey = input.dedupeKey ? `${input.dedupeKey}#${channel}` : null;
      const [row] = await tx
        .insert(notifications)
        .values({
          channel,
          personId: personId ?? null,
          address: target.address,
          recipientName: contact?.displayName ?? null,
          locale,
          template,
          subject: content.subject,
          body: channel === 'sms' ? (content.sms ?? content.text) : content.text,
          html: channel === 'email' ? (content.html ?? null) : null,
          attachments: channel === 'email' ? files : [],
          state,
          lastError: target.problem ?? null,
          dedupeKey,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: notifications.dedupeKey })
        .returning({ id: notifications.id });
      if (!row) {
        const [existing] = await tx
          .select({ id: notifications.id, state: notifications.state })
          .from(notifications)
          .where(eq(notifications.dedupeKey, dedupeKey!));
        sent.push({ id: existing!.id, channel, state: existing!.state, duplicate: true });
        continue;
      }
      await audit(tx, ctx, {
        action: 'notify.message.create',
        objectType: 'notification',
        objectId: row.id,
        outcome: target.problem ? 'failure' : 'success',
        after: { channel, template, state },
        ...(target.problem ? { detail: target.problem } : {}),
      });
      if (state === 'queued')
        await this.deps.jobs.enqueue(
          tx,
          DELIVER_QUEUE,
          { id: row.id },
          { dedupeKey: `notify:${row.id}`, maxAttempts: MAX_ATTEMPTS },
        );
      sent.push({ id: row.id, channel, state, duplicate: false });
    }
    return sent;
  }

  /** The `notify.deliver` job handler. */
  deliver(payload: unknown, job: Pick<JobInfo, 'attempts'>): Promise<void> {
    return deliver(this.deps, payload, job);
  }

  outbox(filter: OutboxFilter = {}): Promise<NotificationRow[]> {
    return outbox(this.deps.db, filter);
  }

  inbox(personId: string, limit?: number): Promise<InboxPage> {
    return inbox(this.deps.db, personId, limit);
  }

  /** Marks one of the person's in-app messages read; NOT_FOUND for anyone else's. */
  markRead(tx: Executor, ctx: AuditContext, personId: string, id: string): Promise<void> {
    return markRead(tx, ctx, personId, id, this.deps.clock.now());
  }

  /** Closes transport connections (the SMPP session) on shutdown. */
  async close(): Promise<void> {
    await Promise.all([this.deps.transports.email?.close(), this.deps.transports.sms?.close()]);
  }
}

/** The Notifier of a platform: transports from the configuration, delivery jobs registered. */
export function createNotifier(
  config: Config,
  deps: Omit<NotifierDeps, 'transports'> & { transports?: Transports },
): Notifier {
  const notifier = new Notifier({
    ...deps,
    transports: deps.transports ?? transportsFromConfig(config, deps.logger),
  });
  deps.jobs.register(DELIVER_QUEUE, (payload, job) => notifier.deliver(payload, job));
  return notifier;
}

/** An address the caller gave must be valid: that is bad input, refused before anything is stored. */
function explicit(value: string | undefined, normalise: (s: string) => string | null): string | undefined {
  if (value === undefined) return undefined;
  const normalised = normalise(value);
  if (!normalised) throw new AppError(NotifyErrors.NOTIFY_BAD_ADDRESS);
  return normalised;
}

interface Known {
  personId: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  contact: PersonContact | undefined;
}

/**
 * A person without an address for a channel (or with a malformed one on file) is not the caller's error:
 * the message is recorded as failed with the reason, for the administrator, and the other channels go on.
 */
function addressFor(channel: Channel, k: Known): { address: string | null; problem?: string } {
  const pick = (
    given: string | undefined,
    onFile: string | null | undefined,
    normalise: (s: string) => string | null,
  ) => {
    if (given) return { address: given };
    if (!onFile) return { address: null, problem: NotifyErrors.NOTIFY_NO_ADDRESS };
    const address = normalise(onFile);
    return address ? { address } : { address: null, problem: NotifyErrors.NOTIFY_BAD_ADDRESS };
  };
  switch (channel) {
    case 'email':
      return pick(k.email, k.contact?.email, normaliseEmail);
    case 'sms':
      return pick(k.phone, k.contact?.phone, normalisePhone);
    case 'inapp':
      return { address: k.personId ?? null }; // checked before anything was stored
  }
}
