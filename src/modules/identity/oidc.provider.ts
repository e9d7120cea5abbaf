import type { IncomingMessage } from 'node:http';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AuditContext } from '../../platform/audit/index.js';
import type { Config } from '../../platform/config/index.js';
import type { Actor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { oidcAdapter } from './oidc.adapter.js';
import { OIDC_CLAIMS, oidcFindAccount } from './oidc.account.js';
import { readGrantContext } from './oidc.grant-context.js';
import { loadSigningKeys } from './oidc.keys.js';
import { errorPage, loggedOutPage, logoutPage } from './oidc.pages.js';
import { SESSION_COOKIE, signOut } from './sessions.service.js';

/** Every provider endpoint lives under this prefix; discovery stays at the issuer's /.well-known/. */
export const OIDC_PREFIX = '/oidc';
export const interactionPath = (uid: string) => `${OIDC_PREFIX}/interaction/${uid}`;

const ACCESS_TOKEN_TTL_S = 10 * 60;
const ID_TOKEN_TTL_S = 10 * 60;
const AUTHORIZATION_CODE_TTL_S = 60;
/** Long enough to sign in with a second factor, short enough that an abandoned attempt goes away. */
const INTERACTION_TTL_S = 30 * 60;

/** The deployment's public address: PUBLIC_URL, else where it listens (as `cpdt serve` prints it). */
export function issuerOf(config: Config): string {
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  return (config.PUBLIC_URL ?? `http://${host}:${config.PORT}`).replace(/\/+$/, '');
}

/** Who is calling, as CPĐT knows them: the Fastify route resolves it, the provider's hooks read it. */
export interface OidcRequestContext {
  actor: Actor | null;
  audit: AuditContext;
}
const requestContexts = new WeakMap<IncomingMessage, OidcRequestContext>();

export function attachRequestContext(req: IncomingMessage, context: OidcRequestContext): void {
  requestContexts.set(req, context);
}
const requestContextOf = (ctx: KoaContextWithOIDC) => requestContexts.get(ctx.req);

/**
 * The provider's own browser session only carries a CPĐT sign-in: an authorization request is answered
 * without the person only while the same, fully signed-in CPĐT session that authorised this system is
 * still there. Sign out of CPĐT, or sign in anew, and the next request goes through the interaction
 * again (silently, when a full session exists), which is where each OIDC login is audited.
 */
function cpdtSessionCheck(p: Platform): interactionPolicy.Check {
  const { Check } = interactionPolicy;
  return new Check(
    'cpdt_session',
    'the CPĐT session ended, changed or still owes a second factor',
    'login_required',
    async (ctx) => {
      const { oidc } = ctx;
      const session = oidc.session;
      if (!session?.accountId || oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
      const actor = requestContextOf(ctx)?.actor;
      if (!actor || actor.pending !== null || actor.personId !== session.accountId)
        return Check.REQUEST_PROMPT;
      const grantId = oidc.client ? session.grantIdFor(oidc.client.clientId) : undefined;
      const context = await readGrantContext(p.db, grantId, p.clock.now());
      return context?.sessionId === actor.sessionId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    },
  );
}

function interactionPolicies(p: Platform) {
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(cpdtSessionCheck(p));
  return policy;
}

/** "Sign out of CPĐT" on the provider's logout page also ends the person's CPĐT session (single sign-out). */
async function endCpdtSession(p: Platform, ctx: KoaContextWithOIDC): Promise<void> {
  const context = requestContextOf(ctx);
  if (!context?.actor) return;
  await signOut(p, context.audit, context.actor.sessionId);
  ctx.cookies.set(SESSION_COOKIE, null, { path: '/', httpOnly: true, sameSite: 'lax', signed: false });
}

function configuration(p: Platform, keys: Awaited<ReturnType<typeof loadSigningKeys>>): Configuration {
  const absoluteS = p.config.SESSION_ABSOLUTE_HOURS * 3600;
  return {
    adapter: oidcAdapter(p),
    findAccount: oidcFindAccount(p),
    jwks: { keys },
    cookies: {
      keys: [p.secrets.derive('oidc-cookies').toString('base64url')],
      names: {
        session: 'cpdt_oidc_session',
        interaction: 'cpdt_oidc_interaction',
        resume: 'cpdt_oidc_resume',
      },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    claims: OIDC_CLAIMS,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'agency', 'roles'],
    // Agency systems read who signed in from the ID token; the same claims are in userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'ES256'] },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/me`,
      jwks: `${OIDC_PREFIX}/jwks`,
      end_session: `${OIDC_PREFIX}/session/end`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      registration: `${OIDC_PREFIX}/reg`,
      challenge: `${OIDC_PREFIX}/challenge`,
      credential: `${OIDC_PREFIX}/credential`,
    },
    interactions: {
      url: (_ctx, interaction) => interactionPath(interaction.uid),
      policy: interactionPolicies(p),
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      userinfo: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        // A client checks only the tokens issued to it: one agency's system learns nothing of another's users.
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      // Machine clients (grant_types ['client_credentials'] in the registry) get tokens for themselves,
      // e.g. a system connected to the exchange hub (docs/exchange.md); no other client may use the grant.
      clientCredentials: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      ClientCredentials: ACCESS_TOKEN_TTL_S,
      IdToken: ID_TOKEN_TTL_S,
      AuthorizationCode: AUTHORIZATION_CODE_TTL_S,
      Interaction: INTERACTION_TTL_S,
      // Nothing outlives the absolute session lifetime; a rotated refresh token keeps its original end.
      Session: absoluteS,
      Grant: absoluteS,
      RefreshToken: (ctx) =>
        Math.max(1, Math.min(absoluteS, ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? absoluteS)),
    },
    rotateRefreshToken: true,
    // The only outgoing calls are back-channel logouts to addresses administrators registered; agency
    // systems often sit on private networks, which the library's default (anti-SSRF) agent would refuse.
    fetch: (input, init) => {
      const { dispatcher: _public, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
      return fetch(input, rest);
    },
    // Browsers may call userinfo, and a public app the token endpoint, from the app's own origin.
    clientBasedCORS: (ctx, origin, client) =>
      (ctx.oidc.route === 'userinfo' || client.clientAuthMethod === 'none') &&
      (client.redirectUris ?? []).some((uri) => URL.canParse(uri) && new URL(uri).origin === origin),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };
}

/** The provider of each platform, so that CPĐT's own APIs can check the tokens it issued, in process. */
const providers = new WeakMap<Platform, Provider>();

/** A machine client's token, as checked: whose it is. */
export interface ClientCredentialsToken {
  clientId: string;
  scope: string | undefined;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * Checks an access token issued by this deployment's provider with the client credentials grant: known (the
 * provider's storage), unexpired (by the platform clock, as stored, and by the provider's own check), and
 * of a client still registered and enabled. Undefined otherwise, or when this process runs no provider.
 */
export async function findClientCredentialsToken(
  p: Platform,
  value: string,
): Promise<ClientCredentialsToken | undefined> {
  const provider = providers.get(p);
  if (!provider || value.length === 0 || value.length > 512) return undefined;
  const token = await provider.ClientCredentials.find(value).catch(() => undefined);
  if (!token || token.isExpired || typeof token.clientId !== 'string') return undefined;
  if (token.exp === undefined) return undefined;
  if (!(await provider.Client.find(token.clientId).catch(() => undefined))) return undefined;
  return { clientId: token.clientId, scope: token.scope, expiresAt: token.exp };
}

/**
 * CPĐT's OpenID Connect provider (oidc-provider), its state in the database, its keys sealed with the
 * deployment key. Issuer = the public address, so discovery is at /.well-known/openid-configuration.
 */
export async function createOidcProvider(p: Platform): Promise<Provider> {
  const provider = new Provider(issuerOf(p.config), configuration(p, await loadSigningKeys(p)));
  provider.proxy = p.config.TRUST_PROXY;
  provider.use(async (koa, next) => {
    const ctx = koa as KoaContextWithOIDC;
    ctx.set({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    await next();
    // ctx.oidc exists only on the provider's own routes
    const oidc = ctx.oidc as KoaContextWithOIDC['oidc'] | undefined;
    if (oidc?.route === 'end_session_confirm' && ctx.status === 303 && oidc.params?.['logout'])
      await endCpdtSession(p, ctx);
  });
  provider.on('server_error', (_ctx: unknown, err: unknown) =>
    p.logger.error({ err }, 'OIDC provider error'),
  );
  providers.set(p, provider);
  return provider;
}
