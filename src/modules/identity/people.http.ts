import type { FastifyRequest } from 'fastify';
import { type AuditEntry } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { actorOf, auditContext, auditedWriter } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import type { PeopleActor } from './people.access.js';

/** The actor of a people route: the signed-in person, the agency that sets their scope, the platform's now. */
export function peopleActor(request: FastifyRequest, p: Platform): PeopleActor {
  const a = actorOf(request);
  return {
    personId: a.personId,
    agencyId: a.agencyId,
    permissions: a.permissions,
    audit: auditContext(request),
    now: p.clock.now(),
  };
}

/** One register write: in a transaction with its audit record; a refused one is audited as a failure. */
export function peopleWrite<T>(
  p: Platform,
  request: FastifyRequest,
  entry: Pick<AuditEntry, 'action' | 'objectType' | 'objectId'>,
  change: (tx: Executor) => Promise<T>,
): Promise<T> {
  return auditedWriter(p.db)(request, entry, change);
}
