import { AppError } from '../../platform/errors/index.js';
import { OidcErrors } from './oidc.errors.js';

/** Confidential: a server holding a secret. Public: a browser or mobile app, which proves itself with PKCE. */
export const OIDC_CLIENT_TYPES = ['confidential', 'public'] as const;
export type OidcClientType = (typeof OIDC_CLIENT_TYPES)[number];

export const OIDC_CLIENT_NAME_MAX = 200;
export const OIDC_URI_MAX = 2000;
export const OIDC_REDIRECT_URIS_MAX = 10;

/** What identity_oidc_clients.metadata holds: the provider's metadata, the secret sealed. */
export interface StoredClientMetadata {
  token_endpoint_auth_method: 'client_secret_basic' | 'none';
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  backchannel_logout_uri?: string;
  client_secret_sealed?: string;
  /** Only for machine clients: `['client_credentials']`; absent means sign-in (authorization code). */
  grant_types?: ['client_credentials'];
}

export interface OidcClientView {
  clientId: string;
  name: string;
  agency: { id: string; code: string; nameVi: string } | null;
  type: OidcClientType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  /** A machine client: no person signs in, it gets tokens for itself (client credentials grant). */
  machine: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export interface NewOidcClient {
  name: string;
  /** Required for holders of the all-agency scope; others default to the agency they act for. */
  agencyId?: string | null | undefined;
  /** 'confidential' or 'public'; anything else is refused with a code. */
  type: string;
  /** At least one, except for a machine client (none). */
  redirectUris?: string[] | undefined;
  postLogoutRedirectUris?: string[] | undefined;
  backchannelLogoutUri?: string | null | undefined;
  /**
   * A machine client (another system calling CPĐT's APIs, e.g. the exchange hub, by itself): confidential,
   * no redirect or logout addresses, only the client credentials grant.
   */
  machine?: boolean | undefined;
}

export interface OidcClientPatch {
  name?: string | undefined;
  redirectUris?: string[] | undefined;
  postLogoutRedirectUris?: string[] | undefined;
  /** null removes it; undefined keeps it. */
  backchannelLogoutUri?: string | null | undefined;
  disabled?: boolean | undefined;
}

export function clientName(value: unknown): string {
  const text = typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (text === '' || text.length > OIDC_CLIENT_NAME_MAX)
    throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_INVALID, {
      field: 'name',
      reason: text ? 'tooLong' : 'required',
    });
  return text;
}

export function clientType(value: unknown): OidcClientType {
  if (!(OIDC_CLIENT_TYPES as readonly unknown[]).includes(value))
    throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_INVALID, { field: 'type', reason: 'unknown' });
  return value as OidcClientType;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An address CPĐT may send a person (and their authorization code) to: absolute https, or plain http only
 * on the person's own machine (development, native apps' loopback), never with a fragment or credentials.
 * Kept exactly as given, since the provider compares redirect_uri by exact string.
 */
export function checkedUri(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const fail = (reason: string) =>
    new AppError(OidcErrors.IDENTITY_OIDC_REDIRECT_URI_INVALID, { field, uri: text.slice(0, 200), reason });
  if (text === '' || text.length > OIDC_URI_MAX) throw fail(text ? 'tooLong' : 'required');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail('notAbsolute');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw fail('scheme');
  if (text.includes('#')) throw fail('fragment');
  if (url.username || url.password) throw fail('credentials');
  return text;
}

/** A list of addresses: `min`..OIDC_REDIRECT_URIS_MAX of them, each checked, duplicates dropped. */
export function checkedUris(value: unknown, field: string, min: number): string[] {
  if (!Array.isArray(value))
    throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_INVALID, { field, reason: 'notList' });
  const uris = [...new Set(value.map((v) => checkedUri(v, field)))];
  if (uris.length < min || uris.length > OIDC_REDIRECT_URIS_MAX)
    throw new AppError(OidcErrors.IDENTITY_OIDC_CLIENT_INVALID, {
      field,
      reason: uris.length < min ? 'required' : 'tooMany',
      max: OIDC_REDIRECT_URIS_MAX,
    });
  return uris;
}
