import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { default as ProviderClass, KoaContextWithOIDC } from 'oidc-provider';
import {
  CLAIMS_BY_SCOPE,
  claimsOf,
  DEMO_CITIZENS,
  SIMULATOR_PASSWORD,
  type SimulatedCitizen,
} from './citizens.js';
import { loginPage } from './page.js';

export interface SimulatorClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Shown on the consent page. */
  name?: string;
}

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where to listen (default 127.0.0.1). */
  host?: string;
  /** The host name browsers and CPĐT use to reach it, when not `host` (e.g. listening on 0.0.0.0). */
  publicHost?: string;
  /** Do not keep the process alive by itself (when it runs beside a server that does). */
  unref?: boolean;
  clients: SimulatorClient[];
  /** Who can sign in (default: the demo citizens). */
  citizens?: readonly SimulatedCitizen[];
}

export interface VneidSimulator {
  /** The issuer identifier, e.g. http://127.0.0.1:3001 (discovery at /.well-known/openid-configuration). */
  issuer: string;
  close(): Promise<void>;
}

const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]{1,100})(?:\/(login|confirm|abort))?$/;
const MAX_FORM_BYTES = 16 * 1024;

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function send(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // no form-action: browsers apply it to the redirect back to the relying party after a submission
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
  });
  res.end(html);
}

/**
 * A local stand-in for the national e-ID (VNeID): a standard OpenID Connect provider (oidc-provider with
 * its in-memory storage: discovery, authorization code + PKCE, token, userinfo, JWKS, end_session) with a
 * sign-in page where one picks a demo citizen, or types a personal ID and the demo password, and agrees
 * to share — or refuses. Nothing is persisted; a restart forgets every session and token.
 */
export async function startVneidSimulator(opts: SimulatorOptions): Promise<VneidSimulator> {
  // Loaded on demand: the CLI carries this module but only demo mode should pay for (and hear) the library.
  const { default: Provider } = await import('oidc-provider');
  const citizens = opts.citizens ?? DEMO_CITIZENS;
  const bySub = new Map(citizens.map((c) => [c.sub, c]));
  const host = opts.host ?? '127.0.0.1';

  let handle: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  if (opts.unref) server.unref();
  const shownHost =
    opts.publicHost ??
    (host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host);
  const issuer = `http://${shownHost}:${port}`;

  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider: ProviderClass = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.name ?? c.clientId,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'sim-1', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    claims: Object.fromEntries(
      Object.entries(CLAIMS_BY_SCOPE).map(([scope, claims]) => [scope, [...claims]]),
    ),
    scopes: ['openid', ...Object.keys(CLAIMS_BY_SCOPE).filter((s) => s !== 'openid')],
    responseTypes: ['code'],
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      userinfo: { enabled: true },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const citizen = bySub.get(sub);
      if (!citizen) return undefined;
      return { accountId: sub, claims: () => ({ ...claimsOf(citizen), sub }) };
    },
  });

  /** Sign-in and consent in one step, as VNeID asks: a grant for exactly the scopes requested. */
  const grantFor = async (accountId: string, clientId: string, scope: string, grantId?: string) => {
    const grant =
      (grantId ? await provider.Grant.find(grantId) : undefined) ??
      new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(scope);
    return grant.save();
  };

  const interaction = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    uid: string,
    step?: string,
  ) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, 'Phiên tương tác không khớp / Interaction mismatch');
    const param = (name: string) => {
      const value = details.params[name];
      return typeof value === 'string' ? value : '';
    };
    const clientId = param('client_id');
    const scope = param('scope') || 'openid';
    const client = await provider.Client.find(clientId);
    const signedInAs = details.session?.accountId ? bySub.get(details.session.accountId) : undefined;
    const render = (status: number, error?: string, typedPersonalId?: string) =>
      send(
        res,
        status,
        loginPage({
          uid,
          clientName: client?.clientName ?? clientId,
          scopes: scope.split(' '),
          citizens,
          signedInAs: details.prompt.name === 'login' ? undefined : signedInAs,
          error,
          typedPersonalId,
        }),
      );
    if (req.method === 'GET' && !step) return render(200);
    if (req.method !== 'POST' || !step) return send(res, 405, 'Method not allowed');
    if (step === 'abort')
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'Công dân từ chối chia sẻ / The citizen refused' },
        { mergeWithLastSubmission: false },
      );
    if (step === 'confirm') {
      if (!signedInAs) return render(400);
      const grantId = await grantFor(signedInAs.sub, clientId, scope, details.grantId);
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    const form = await readForm(req);
    const picked = form.get('pick');
    const typed = (form.get('personalId') ?? '').trim();
    const citizen = picked
      ? citizens.find((c) => c.personalId === picked)
      : form.get('password') === SIMULATOR_PASSWORD
        ? citizens.find((c) => c.personalId === typed)
        : undefined;
    if (!citizen)
      return render(
        401,
        'Số định danh hoặc mật khẩu không đúng. <span class="en">/ Wrong personal ID or password.</span>',
        typed.slice(0, 20),
      );
    const grantId = await grantFor(citizen.sub, clientId, scope);
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: citizen.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  const callback = provider.callback();
  handle = (req, res) => {
    const match = INTERACTION.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return void callback(req, res);
    interaction(req, res, match[1]!, match[2]).catch((e: unknown) => {
      if (res.headersSent) return res.end();
      // An expired or unknown interaction (its cookie is gone): start again from the relying party.
      send(
        res,
        400,
        `<p>Phiên đăng nhập đã hết hạn hoặc không hợp lệ; hãy quay lại trang dịch vụ và thử lại.</p>
        <p>The sign-in session expired or is invalid; go back to the service and try again.</p>
        <p><small>${e instanceof Error ? e.name : 'Error'}</small></p>`,
      );
    });
  };

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
