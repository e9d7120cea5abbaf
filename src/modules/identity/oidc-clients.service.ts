/**
 * The registry of systems that sign in through CPĐT's OpenID provider (relying parties, "ứng dụng liên
 * kết"). Each belongs to an agency and is managed by that agency's administrators (agency-scoped: another
 * agency's client is "not found"). A confidential client's secret is random, shown once, and kept sealed
 * with the deployment key; public clients (browser and mobile apps) have none and rely on PKCE.
 */
import { isUuid } from '../../platform/db/index.js';
import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { audit, type AuditContext } from '../../platform/audit/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, PlatformErrors } from '../../platform/errors/index.js';
import {
  checkedUri,
  checkedUris,
  clientName,
  clientType,
  type NewOidcClient,
  type OidcClientPatch,
  type OidcClientView,
  type StoredClientMetadata,
} from './oidc-clients.model.js';
import { OidcErrors } from './oidc.errors.js';
import { Permissions } from './policy.js';
import { agencyScope, inScope } from './scope.js';
import { agencies, oidcClients } from './schema.js';

type ClientRow = typeof oidcClients.$inferSelect;

/** Who asks: routes build it from the request. */
/**
 * CPĐT itself calls a back-channel logout address, possibly inside a private network (agency systems often
 * are), so choosing one is a national administrator's decision: an agency administrator could otherwise
 * point CPĐT at any internal address (server-side request forgery).
 */
function backchannelUri(actor: OidcClientActor, uri: string): string {
  if (!actor.permissions.has(Permissions.allAgencies))
    throw new AppError(PlatformErrors.FORBIDDEN, {
      permission: Permissions.allAgencies,
      field: 'backchannelLogoutUri',
    });
  return checkedUri(uri, 'backchannelLogoutUri');
}

export interface OidcClientActor {
  audit: AuditContext;
  agencyId: string | null;
  permissions: ReadonlySet<string>;
  now: Date;
}

export interface IssuedSecret {
  client: OidcClientView;
  /** Shown once: only its sealed form is kept. Null for public clients. */
  clientSecret: string | null;
}

const secretContext = (clientId: string) => `oidc-client-secret:${clientId}`;

function authorise(actor: OidcClientActor): void {
  if (!actor.permissions.has(Permissions.manageOidcClients))
    throw new AppError(PlatformErrors.FORBIDDEN, { permission: Permissions.manageOidcClients });
}

const metadataOf = (row: ClientRow) => row.metadata as StoredClientMetadata;
const isMachine = (meta: StoredClientMetadata) => meta.grant_types?.includes('client_credentials') === true;

/** A machine client has no browser: no redirect, logout or back-channel addresses, and a secret. */
function machineOnly(field: string, reason = 'machine'): never {
  throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_INVALID, { field, reason });
}

type AgencyRef = OidcClientView['agency'];
const agencyRef = { id: agencies.id, code: agencies.code, nameVi: agencies.nameVi };

function viewOf(row: ClientRow, agency: AgencyRef): OidcClientView {
  const meta = metadataOf(row);
  return {
    clientId: row.clientId,
    name: row.name,
    agency: agency ?? null,
    type: meta.token_endpoint_auth_method === 'none' ? 'public' : 'confidential',
    redirectUris: meta.redirect_uris,
    postLogoutRedirectUris: meta.post_logout_redirect_uris,
    backchannelLogoutUri: meta.backchannel_logout_uri ?? null,
    machine: isMachine(meta),
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}

async function view(tx: Executor, row: ClientRow): Promise<OidcClientView> {
  const [agency] = row.agencyId
    ? await tx.select(agencyRef).from(agencies).where(eq(agencies.id, row.agencyId))
    : [];
  return viewOf(row, agency ?? null);
}

/** What the audit record digests: the registration without its secret. */
function auditable(row: Pick<ClientRow, 'name' | 'agencyId' | 'metadata' | 'disabledAt'>) {
  const { client_secret_sealed: _secret, ...meta } = row.metadata as StoredClientMetadata;
  return { name: row.name, agencyId: row.agencyId, metadata: meta, disabled: row.disabledAt !== null };
}

/** The client, if it exists and lies within the actor's agencies; otherwise "not found". */
async function scopedRow(
  tx: Executor,
  actor: OidcClientActor,
  clientId: string,
  forUpdate = true,
): Promise<ClientRow> {
  const query = tx.select().from(oidcClients).where(eq(oidcClients.clientId, clientId));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row || !inScope(await agencyScope(tx, actor), [row.agencyId]))
    throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_NOT_FOUND, { clientId });
  return row;
}

/** The owning agency: current, and within the actor's scope (default: the agency they act for). */
async function owningAgency(tx: Executor, actor: OidcClientActor, requested: unknown): Promise<string> {
  const id = requested ?? actor.agencyId;
  const invalid = (reason: string) => new AppError(OidcErrors.IDENTITY_OIDC_AGENCY_INVALID, { reason });
  if (!isUuid(id)) throw invalid(id ? 'notFound' : 'required');
  const [agency] = await tx
    .select({ id: agencies.id, validTo: agencies.validTo })
    .from(agencies)
    .where(eq(agencies.id, id));
  if (!agency || !inScope(await agencyScope(tx, actor), [agency.id])) throw invalid('notFound');
  if (agency.validTo !== null) throw invalid('retired');
  return agency.id;
}

const newSecret = () => crypto.randomBytes(32).toString('base64url');

export async function listOidcClients(tx: Executor, actor: OidcClientActor): Promise<OidcClientView[]> {
  authorise(actor);
  const scope = await agencyScope(tx, actor);
  const all = await tx
    .select({ row: oidcClients, agency: agencyRef })
    .from(oidcClients)
    .leftJoin(agencies, eq(agencies.id, oidcClients.agencyId))
    .orderBy(asc(oidcClients.name), asc(oidcClients.clientId));
  return all
    .filter(({ row }) => inScope(scope, [row.agencyId]))
    .map(({ row, agency }) => viewOf(row, agency));
}

export async function getOidcClient(
  tx: Executor,
  actor: OidcClientActor,
  clientId: string,
): Promise<OidcClientView> {
  authorise(actor);
  return view(tx, await scopedRow(tx, actor, clientId, false));
}

export async function createOidcClient(
  tx: Executor,
  secrets: SecretBox,
  actor: OidcClientActor,
  input: NewOidcClient,
): Promise<IssuedSecret> {
  authorise(actor);
  const name = clientName(input.name);
  const type = clientType(input.type);
  const machine = input.machine === true;
  if (machine) {
    if (type !== 'confidential') machineOnly('type');
    if ((input.redirectUris ?? []).length) machineOnly('redirectUris');
    if ((input.postLogoutRedirectUris ?? []).length) machineOnly('postLogoutRedirectUris');
    if (input.backchannelLogoutUri) machineOnly('backchannelLogoutUri');
  }
  const redirectUris = machine ? [] : checkedUris(input.redirectUris, 'redirectUris', 1);
  const postLogout = checkedUris(input.postLogoutRedirectUris ?? [], 'postLogoutRedirectUris', 0);
  const backchannel = input.backchannelLogoutUri ? backchannelUri(actor, input.backchannelLogoutUri) : null;
  const agencyId = await owningAgency(tx, actor, input.agencyId);
  const clientId = crypto.randomUUID();
  const clientSecret = type === 'confidential' ? newSecret() : null;
  const metadata: StoredClientMetadata = {
    token_endpoint_auth_method: type === 'public' ? 'none' : 'client_secret_basic',
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogout,
    ...(backchannel ? { backchannel_logout_uri: backchannel } : {}),
    ...(machine ? { grant_types: ['client_credentials'] as ['client_credentials'] } : {}),
    ...(clientSecret ? { client_secret_sealed: secrets.seal(clientSecret, secretContext(clientId)) } : {}),
  };
  const [row] = await tx
    .insert(oidcClients)
    .values({ clientId, name, agencyId, metadata, createdAt: actor.now })
    .returning();
  await audit(tx, actor.audit, {
    action: 'identity.oidc.client.create',
    objectType: 'oidc_client',
    objectId: clientId,
    after: auditable(row!),
  });
  return { client: await view(tx, row!), clientSecret };
}

export async function updateOidcClient(
  tx: Executor,
  actor: OidcClientActor,
  clientId: string,
  patch: OidcClientPatch,
): Promise<OidcClientView> {
  authorise(actor);
  const row = await scopedRow(tx, actor, clientId);
  const meta = metadataOf(row);
  if (isMachine(meta)) {
    if (patch.redirectUris?.length) machineOnly('redirectUris');
    if (patch.postLogoutRedirectUris?.length) machineOnly('postLogoutRedirectUris');
    if (patch.backchannelLogoutUri) machineOnly('backchannelLogoutUri');
  }
  const name = patch.name === undefined ? row.name : clientName(patch.name);
  const redirectUris =
    patch.redirectUris === undefined
      ? meta.redirect_uris
      : checkedUris(patch.redirectUris, 'redirectUris', isMachine(meta) ? 0 : 1);
  const postLogout =
    patch.postLogoutRedirectUris === undefined
      ? meta.post_logout_redirect_uris
      : checkedUris(patch.postLogoutRedirectUris, 'postLogoutRedirectUris', 0);
  const backchannel =
    patch.backchannelLogoutUri === undefined
      ? (meta.backchannel_logout_uri ?? null)
      : patch.backchannelLogoutUri === null || patch.backchannelLogoutUri.trim() === ''
        ? null
        : backchannelUri(actor, patch.backchannelLogoutUri);
  const disabledAt =
    patch.disabled === undefined ? row.disabledAt : patch.disabled ? (row.disabledAt ?? actor.now) : null;
  const { backchannel_logout_uri: _old, ...rest } = meta;
  const metadata: StoredClientMetadata = {
    ...rest,
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogout,
    ...(backchannel ? { backchannel_logout_uri: backchannel } : {}),
  };
  const [updated] = await tx
    .update(oidcClients)
    .set({ name, metadata, disabledAt })
    .where(eq(oidcClients.clientId, row.clientId))
    .returning();
  const action =
    patch.disabled !== undefined && (row.disabledAt === null) !== (disabledAt === null)
      ? disabledAt
        ? 'identity.oidc.client.disable'
        : 'identity.oidc.client.enable'
      : 'identity.oidc.client.update';
  await audit(tx, actor.audit, {
    action,
    objectType: 'oidc_client',
    objectId: row.clientId,
    before: auditable(row),
    after: auditable(updated!),
  });
  return view(tx, updated!);
}

/** A new secret for a confidential client; the old one stops working at once. */
export async function rotateOidcClientSecret(
  tx: Executor,
  secrets: SecretBox,
  actor: OidcClientActor,
  clientId: string,
): Promise<IssuedSecret> {
  authorise(actor);
  const row = await scopedRow(tx, actor, clientId);
  const meta = metadataOf(row);
  if (meta.token_endpoint_auth_method === 'none')
    throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_PUBLIC, { clientId });
  const clientSecret = newSecret();
  const metadata: StoredClientMetadata = {
    ...meta,
    client_secret_sealed: secrets.seal(clientSecret, secretContext(row.clientId)),
  };
  const [updated] = await tx
    .update(oidcClients)
    .set({ metadata })
    .where(eq(oidcClients.clientId, row.clientId))
    .returning();
  await audit(tx, actor.audit, {
    action: 'identity.oidc.client.rotateSecret',
    objectType: 'oidc_client',
    objectId: row.clientId,
  });
  return { client: await view(tx, updated!), clientSecret };
}

/**
 * The client as oidc-provider needs it (its adapter's Client.find): undefined for an unknown or disabled
 * client, so a disabled system can neither start a sign-in nor use its tokens.
 */
export async function providerClientMetadata(
  db: Executor,
  secrets: SecretBox,
  clientId: string,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId));
  if (!row || row.disabledAt !== null) return undefined;
  const { client_secret_sealed: sealed, ...meta } = metadataOf(row);
  if (isMachine(meta))
    return {
      ...meta,
      client_id: row.clientId,
      client_name: row.name,
      ...(sealed ? { client_secret: secrets.openText(sealed, secretContext(row.clientId)) } : {}),
      application_type: 'web',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
    };
  return {
    ...meta,
    client_id: row.clientId,
    client_name: row.name,
    ...(sealed ? { client_secret: secrets.openText(sealed, secretContext(row.clientId)) } : {}),
    ...(meta.backchannel_logout_uri ? { backchannel_logout_session_required: true } : {}),
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  };
}
