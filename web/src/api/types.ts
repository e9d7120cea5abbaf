/** Shapes of the API's answers, as the server's zod schemas define them. */

export type PendingFactor = 'verify' | 'enrol';

export interface Session {
  person: { id: string; displayName: string; username: string; kind: string; agencyId: string | null };
  agency: { id: string; code: string; nameVi: string; nameEn: string | null } | null;
  /** The agencies the person holds a post in, any of which they may act for. */
  posts: { id: string; code: string; nameVi: string; nameEn: string | null; position: string | null }[];
  permissions: string[];
  /** How the person proved who they are: pwd, otp, hwk (passkey), rec (recovery code), eid. */
  methods: string[];
  /** A second factor still owed: nothing else works until it is given ('verify') or set up ('enrol'). */
  pending: PendingFactor | null;
}

export interface SignInResult {
  person: { id: string; displayName: string };
  expiresAt: string;
  pending: PendingFactor | null;
}

export interface MfaSummary {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  recoveryCodesLeft: number;
  required: boolean;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  methods: string[];
  current: boolean;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: 'pglite' | 'postgres';
}

export const JOB_STATES = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: number;
  queue: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobsList {
  counts: Record<JobState, number>;
  jobs: Job[];
}

export const CHANNELS = ['email', 'sms', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed', 'outbox'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxMessage {
  id: string;
  channel: Channel;
  /** Null when the person had no address for the channel (the message is kept in the outbox). */
  address: string | null;
  /** The recipient's name when the message went to a person. */
  recipientName: string | null;
  subject: string;
  body: string;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  template: string;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxList {
  messages: OutboxMessage[];
}

export interface InAppNotification {
  id: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface MyNotifications {
  items: InAppNotification[];
  unread: number;
}

/** What the server pushes on the /api/events WebSocket. */
export interface ServerEvent {
  type: string;
  data: unknown;
}
