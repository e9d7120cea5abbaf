import type { FastifyRequest } from 'fastify';
import { auditedTransaction, type AuditContext, type AuditEntry } from '../audit/index.js';
import type { Db, Executor } from '../db/index.js';
import type { Locale } from '../i18n/index.js';

/** The authenticated person making a request, as the identity module resolved them. */
export interface Actor {
  personId: string;
  displayName: string;
  /** The agency the person acts for in this session (object scoping). */
  agencyId: string | null;
  permissions: ReadonlySet<string>;
  sessionId: string;
  /** How they proved who they are in this session (OIDC `amr`: pwd, otp, hwk, rec, eid). */
  methods: readonly string[];
  /**
   * A second factor is still owed: 'verify' (prove an enrolled one) or 'enrol' (set one up first). Guards
   * refuse such an actor everywhere except the routes that settle it (route config `allowPendingMfa`).
   */
  pending: 'verify' | 'enrol' | null;
}

/** Provided by the identity module: who is calling, from the session cookie or bearer token. */
export type ActorResolver = (request: FastifyRequest) => Promise<Actor | null>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

/** Who/where for the audit record written in the same transaction as a change. */
export function auditContext(request: FastifyRequest): AuditContext {
  return {
    actorId: request.actor?.personId ?? null,
    agencyId: request.actor?.agencyId ?? null,
    ip: request.ip,
    requestId: request.id,
  };
}

/**
 * A route's writes: each in a transaction with its audit record, the actor taken from the request; a refused
 * one is audited as a failure (auditedTransaction).
 */
export function auditedWriter(db: Db) {
  return <T>(
    request: FastifyRequest,
    entry: Pick<AuditEntry, 'action' | 'objectType' | 'objectId'>,
    change: (tx: Executor) => Promise<T>,
  ): Promise<T> => auditedTransaction(db, auditContext(request), entry, change);
}
