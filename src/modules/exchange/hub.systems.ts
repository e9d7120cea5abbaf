/**
 * The hub's connected systems (trung tâm liên thông): each has an id, an HMAC secret (sealed at rest with the
 * deployment key), the agency codes it sends and receives for, and its limits. Lookups on the request path are
 * cached for a few seconds per process: an administrator's change takes effect within SYSTEM_CACHE_MS.
 */
import crypto from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../platform/errors/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { checkAgencyCode } from '../identity/index.js';
import { oidcClients } from '../identity/schema.js';
import { HubErrors } from './errors.js';
import { exchangeSystemAgencies, exchangeSystems } from './schema.js';

export interface SystemView {
  id: string;
  name: string;
  agencyCodes: string[];
  active: boolean;
  maxEnvelopeBytes: number;
  sendsPerMinute: number;
  pushUrl: string | null;
  /** The machine OIDC client that may act as this system with a Bearer token (client credentials). */
  oidcClientId: string | null;
  createdAt: string;
}

export interface NewSystem {
  id: string;
  name: string;
  agencyCodes: string[];
  maxEnvelopeBytes?: number;
  sendsPerMinute?: number;
  pushUrl?: string | null;
  /** Given by the caller (tests, `cpdt exchange system add --secret-file`); generated otherwise. */
  secret?: string;
  /** A machine client of this deployment's OIDC provider, bound to this system alone (docs/exchange.md). */
  oidcClientId?: string | null;
}

/** Binds a sealed secret to its use: it cannot be replayed as another kind of secret. */
const SECRET_CONTEXT = 'exchange-system';
const SYSTEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

/** Registers a system; returns it with its secret (shown once). */
export async function createSystem(
  tx: Executor,
  p: Platform,
  input: NewSystem,
): Promise<{ system: SystemView; secret: string }> {
  const codes = normaliseCodes(input.agencyCodes);
  if (!SYSTEM_ID.test(input.id) || !input.name.trim() || codes === null)
    throw new AppError(HubErrors.EXCHANGE_SYSTEM_INVALID, { field: codes === null ? 'agencyCodes' : 'id' });
  for (const field of ['maxEnvelopeBytes', 'sendsPerMinute'] as const) {
    const v = input[field];
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0))
      throw new AppError(HubErrors.EXCHANGE_SYSTEM_INVALID, { field });
  }
  // The hub reads no request body above EXCHANGE_MAX_ENVELOPE_BYTES: a larger limit could never be used.
  if ((input.maxEnvelopeBytes ?? 0) > p.config.EXCHANGE_MAX_ENVELOPE_BYTES)
    throw new AppError(HubErrors.EXCHANGE_SYSTEM_INVALID, {
      field: 'maxEnvelopeBytes',
      reason: 'above EXCHANGE_MAX_ENVELOPE_BYTES',
      max: p.config.EXCHANGE_MAX_ENVELOPE_BYTES,
    });
  const [existing] = await tx
    .select({ id: exchangeSystems.id })
    .from(exchangeSystems)
    .where(eq(exchangeSystems.id, input.id));
  if (existing) throw new AppError(HubErrors.EXCHANGE_SYSTEM_EXISTS, { id: input.id });
  if (codes.length) {
    const hosted = await tx
      .select({ code: exchangeSystemAgencies.agencyCode, systemId: exchangeSystemAgencies.systemId })
      .from(exchangeSystemAgencies)
      .where(inArray(exchangeSystemAgencies.agencyCode, codes));
    if (hosted.length)
      throw new AppError(HubErrors.EXCHANGE_AGENCY_ALREADY_HOSTED, { codes: hosted.map((h) => h.code) });
  }
  const oidcClientId = input.oidcClientId ? await bindableClient(tx, input.oidcClientId) : null;
  const secret = input.secret ?? crypto.randomBytes(32).toString('base64url');
  const [row] = await tx
    .insert(exchangeSystems)
    .values({
      id: input.id,
      name: input.name.trim(),
      secretSealed: p.secrets.seal(secret, SECRET_CONTEXT),
      maxEnvelopeBytes: input.maxEnvelopeBytes ?? p.config.EXCHANGE_MAX_ENVELOPE_BYTES,
      sendsPerMinute: input.sendsPerMinute ?? p.config.EXCHANGE_SENDS_PER_MINUTE,
      pushUrl: input.pushUrl ?? null,
      oidcClientId,
    })
    .returning();
  if (codes.length)
    await tx
      .insert(exchangeSystemAgencies)
      .values(codes.map((agencyCode) => ({ systemId: input.id, agencyCode })));
  systemCache.clear();
  return { system: view(row!, codes), secret };
}

/**
 * An OIDC client a system may be bound to: registered (identity_oidc_clients), a machine client (client
 * credentials grant), and not already bound to another system.
 */
async function bindableClient(tx: Executor, clientId: string): Promise<string> {
  const invalid = (reason: string) =>
    new AppError(HubErrors.EXCHANGE_SYSTEM_INVALID, { field: 'oidcClientId', reason });
  const id = clientId.trim();
  if (id === '' || id.length > 200) throw invalid('format');
  const [client] = await tx
    .select({ metadata: oidcClients.metadata })
    .from(oidcClients)
    .where(eq(oidcClients.clientId, id));
  if (!client) throw invalid('notFound');
  const grants = (client.metadata as { grant_types?: unknown }).grant_types;
  if (!Array.isArray(grants) || !grants.includes('client_credentials')) throw invalid('notMachine');
  const [bound] = await tx
    .select({ id: exchangeSystems.id })
    .from(exchangeSystems)
    .where(eq(exchangeSystems.oidcClientId, id));
  if (bound) throw invalid('alreadyBound');
  return id;
}

/** Adds agency codes to a system (idempotent for codes it already hosts). */
export async function hostAgencies(tx: Executor, systemId: string, agencyCodes: string[]): Promise<void> {
  const codes = normaliseCodes(agencyCodes);
  if (codes === null || codes.length === 0)
    throw new AppError(HubErrors.EXCHANGE_SYSTEM_INVALID, { field: 'agencyCodes' });
  const hosted = await tx
    .select({ code: exchangeSystemAgencies.agencyCode, systemId: exchangeSystemAgencies.systemId })
    .from(exchangeSystemAgencies)
    .where(inArray(exchangeSystemAgencies.agencyCode, codes));
  const elsewhere = hosted.filter((h) => h.systemId !== systemId);
  if (elsewhere.length)
    throw new AppError(HubErrors.EXCHANGE_AGENCY_ALREADY_HOSTED, { codes: elsewhere.map((h) => h.code) });
  await tx
    .insert(exchangeSystemAgencies)
    .values(codes.map((agencyCode) => ({ systemId, agencyCode })))
    .onConflictDoNothing();
  systemCache.clear();
}

function normaliseCodes(codes: readonly string[]): string[] | null {
  const out = new Set<string>();
  for (const c of codes) {
    const checked = checkAgencyCode(c);
    if (!checked.ok) return null;
    out.add(checked.code);
  }
  return [...out];
}

export async function listSystems(db: Executor): Promise<SystemView[]> {
  const systems = await db.select().from(exchangeSystems).orderBy(asc(exchangeSystems.id));
  const hosted = await db
    .select()
    .from(exchangeSystemAgencies)
    .orderBy(asc(exchangeSystemAgencies.agencyCode));
  return systems.map((s) =>
    view(
      s,
      hosted.filter((h) => h.systemId === s.id).map((h) => h.agencyCode),
    ),
  );
}

function view(row: typeof exchangeSystems.$inferSelect, agencyCodes: string[]): SystemView {
  return {
    id: row.id,
    name: row.name,
    agencyCodes,
    active: row.active,
    maxEnvelopeBytes: row.maxEnvelopeBytes,
    sendsPerMinute: row.sendsPerMinute,
    pushUrl: row.pushUrl,
    oidcClientId: row.oidcClientId,
    createdAt: row.createdAt.toISOString(),
  };
}

// ————————————————————————————————————— the request path (cached) —————————————————————————————————————

export interface ConnectedSystem {
  id: string;
  /** Null when its sealed secret cannot be opened (sealed under another key): it cannot sign in, mail waits. */
  secret: string | null;
  agencyCodes: ReadonlySet<string>;
  maxEnvelopeBytes: number;
  sendsPerMinute: number;
  pushUrl: string | null;
  oidcClientId: string | null;
}

export interface Directory {
  systems: ReadonlyMap<string, ConnectedSystem>;
  /** OIDC client id → the (active) system it acts as. */
  byOidcClient: ReadonlyMap<string, string>;
  /** Agency code → the system hosting it. */
  hostOf: ReadonlyMap<string, string>;
}

const SYSTEM_CACHE_MS = 5_000;
const systemCache = new Map<string, { at: number; directory: Promise<Directory> }>();

/** Active systems and who hosts which code, as of at most SYSTEM_CACHE_MS ago. */
export function directory(p: Platform): Promise<Directory> {
  const key = 'all';
  const now = Date.now();
  const cached = systemCache.get(key);
  if (cached && now - cached.at < SYSTEM_CACHE_MS) return cached.directory;
  const loading = loadDirectory(p);
  systemCache.set(key, { at: now, directory: loading });
  loading.catch(() => systemCache.delete(key));
  return loading;
}

async function loadDirectory(p: Platform): Promise<Directory> {
  const rows = await p.db.select().from(exchangeSystems).where(eq(exchangeSystems.active, true));
  const hosted = await p.db.select().from(exchangeSystemAgencies);
  const systems = new Map<string, ConnectedSystem>();
  for (const r of rows)
    systems.set(r.id, {
      id: r.id,
      secret: openSecret(p, r.id, r.secretSealed),
      agencyCodes: new Set(hosted.filter((h) => h.systemId === r.id).map((h) => h.agencyCode)),
      maxEnvelopeBytes: r.maxEnvelopeBytes,
      sendsPerMinute: r.sendsPerMinute,
      pushUrl: r.pushUrl,
      oidcClientId: r.oidcClientId,
    });
  const byOidcClient = new Map<string, string>();
  for (const r of rows) if (r.oidcClientId) byOidcClient.set(r.oidcClientId, r.id);
  const hostOf = new Map<string, string>();
  for (const h of hosted) if (systems.has(h.systemId)) hostOf.set(h.agencyCode, h.systemId);
  return { systems, byOidcClient, hostOf };
}

/**
 * One system's secret. One that cannot be opened (a database restored under another CPDT_SECRET_KEY, a damaged
 * row) shuts out that system only, loudly; the others and the routing to its agencies go on.
 */
function openSecret(p: Platform, id: string, sealed: string): string | null {
  try {
    return p.secrets.openText(sealed, SECRET_CONTEXT);
  } catch (e) {
    p.logger.error(
      { systemId: id, err: (e as Error).message },
      'exchange system secret cannot be opened: the system cannot connect until it is registered again',
    );
    return null;
  }
}

/** Forget cached systems (after an administrator's change, in tests). */
export function forgetSystems(): void {
  systemCache.clear();
}
