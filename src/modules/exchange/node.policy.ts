/**
 * Who may do what to a document of the agency node.
 *
 * The documents clerk (exchange.documents.manage) acts for the node agencies within their agency scope: every
 * step on incoming documents, composing and recalling outgoing ones. A node agency is matched to the registry
 * by its code (the agency holding the code, and those carrying it on after a merger); a node agency unknown to
 * the registry is in scope only for holders of identity.scope.all. The person a document is assigned to may
 * read it and record that it is being processed or is completed. Anyone else is told it does not exist.
 */
import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { actorOf, auditContext } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { agencyScope, inScope, Permissions, resolveAgencyCode } from '../identity/index.js';
import { NodeErrors } from './errors.js';
import { nodeAgencies, nodeAgency, type NodeAgency } from './node.agencies.js';
import type { DocumentState, exchangeDocuments } from './schema.js';

export type DocumentRow = typeof exchangeDocuments.$inferSelect;

/** The caller of a node service: who, what they hold, the audit context and the platform clock's now. */
export interface NodeActor {
  personId: string;
  displayName: string;
  agencyId: string | null;
  permissions: ReadonlySet<string>;
  audit: AuditContext;
  now: Date;
}

export function nodeActor(request: FastifyRequest, p: Platform): NodeActor {
  const a = actorOf(request);
  return {
    personId: a.personId,
    displayName: a.displayName,
    agencyId: a.agencyId,
    permissions: a.permissions,
    audit: auditContext(request),
    now: p.clock.now(),
  };
}

export const DOCUMENT_ACTIONS = [
  'register',
  'assign',
  'process',
  'complete',
  'reject',
  'agree',
  'refuse',
  'recall',
] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

export const isClerk = (actor: Pick<NodeActor, 'permissions'>): boolean =>
  actor.permissions.has(Permissions.manageDocuments);

/**
 * Whether a node agency's code falls within an agency scope: the registry agency holding the code, or one
 * carrying it on, is in the scope. A code the registry does not know is in no limited scope.
 */
async function codeInScope(tx: Executor, scope: ReadonlySet<string>, code: string): Promise<boolean> {
  if (scope.size === 0) return false;
  try {
    const r = await resolveAgencyCode(tx, code);
    return inScope(scope, [r.requested.id, ...r.current.map((c) => c.id)]);
  } catch {
    return false;
  }
}

/** The node agencies the actor acts for as documents clerk (none without the permission). */
export async function actingAgencies(tx: Executor, actor: NodeActor): Promise<NodeAgency[]> {
  if (!isClerk(actor)) return [];
  const all = await nodeAgencies(tx);
  const scope = await agencyScope(tx, actor);
  if (scope === null) return all;
  const mine: NodeAgency[] = [];
  for (const agency of all) if (await codeInScope(tx, scope, agency.code)) mine.push(agency);
  return mine;
}

/** Whether the actor is the clerk of this one node agency (one registry lookup, for a document's checks). */
export async function actsFor(tx: Executor, actor: NodeActor, code: string): Promise<boolean> {
  if (!isClerk(actor) || !(await nodeAgency(tx, code))) return false;
  const scope = await agencyScope(tx, actor);
  return scope === null || (await codeInScope(tx, scope, code));
}

/** A node agency the actor acts for, or 404 (an agency outside the scope does not exist for them). */
export async function actingAgency(tx: Executor, actor: NodeActor, code: string): Promise<NodeAgency> {
  const found = (await actingAgencies(tx, actor)).find((a) => a.code === code.trim().toUpperCase());
  if (!found) throw new AppError(NodeErrors.EXCHANGE_NODE_AGENCY_NOT_FOUND, { code });
  return found;
}

/** How the actor relates to one document. */
export interface DocumentAccess {
  /** The clerk of the document's office. */
  clerk: boolean;
  /** The person the document is assigned to. */
  assignee: boolean;
}

export function accessTo(
  doc: Pick<DocumentRow, 'agencyCode' | 'assigneeId' | 'direction'>,
  actor: Pick<NodeActor, 'personId'>,
  clerk: boolean,
): DocumentAccess {
  return {
    clerk,
    assignee: doc.direction === 'inbound' && doc.assigneeId !== null && doc.assigneeId === actor.personId,
  };
}

export const maySee = (a: DocumentAccess): boolean => a.clerk || a.assignee;

/** States from which an incoming document may still be refused (02): anything before its completion. */
const REJECTABLE: readonly DocumentState[] = ['arrived', 'registered', 'assigned', 'processing'];
/** A revocation, update or replacement is answered (15/16) before anything else happens to it. */
const ANSWERABLE: readonly DocumentState[] = ['arrived', 'registered'];

/**
 * What the actor may do to the document now. `recalled`: an outgoing document whose revocation was already
 * sent (it is recalled once).
 */
export function documentActions(
  doc: Pick<DocumentRow, 'direction' | 'state' | 'businessDocType'>,
  access: DocumentAccess,
  recalled = false,
): DocumentAction[] {
  const out: DocumentAction[] = [];
  const s = doc.state;
  if (doc.direction === 'outbound') {
    if (access.clerk && doc.businessDocType === '0' && !recalled && (s === 'sending' || s === 'sent'))
      out.push('recall');
    return out;
  }
  if (doc.businessDocType !== '0') {
    if (access.clerk && ANSWERABLE.includes(s)) out.push('agree', 'refuse');
    return out;
  }
  const handles = access.clerk || access.assignee;
  if (access.clerk && s === 'arrived') out.push('register');
  if (access.clerk && (s === 'registered' || s === 'assigned')) out.push('assign');
  if (handles && s === 'assigned') out.push('process');
  if (handles && (s === 'assigned' || s === 'processing')) out.push('complete');
  if (access.clerk && REJECTABLE.includes(s)) out.push('reject');
  return out;
}
