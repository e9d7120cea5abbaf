import * as oidc from 'openid-client';
import type { Config } from '../../platform/config/index.js';
import { AppError } from '../../platform/errors/index.js';
import { EidErrors } from './eid.errors.js';

/** How CPĐT reaches the upstream identity provider (from EID_* settings; docs/eid.md). */
export interface EidSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  personalIdClaim: string;
  providerName: string;
}

/**
 * The e-ID settings, or null when e-ID sign-in is off. Half a configuration is a mistake the operator
 * should hear about at start-up, not a citizen at the sign-in page.
 */
export function eidSettings(config: Config): EidSettings | null {
  const { EID_ISSUER: issuer, EID_CLIENT_ID: clientId, EID_CLIENT_SECRET: clientSecret } = config;
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret)
    throw new Error(
      'Cấu hình không hợp lệ / Invalid configuration: EID_ISSUER, EID_CLIENT_ID và/and EID_CLIENT_SECRET ' +
        'phải cùng được đặt / must be set together.',
    );
  if (!config.EID_SCOPES.split(/\s+/).includes('openid'))
    throw new Error('Cấu hình không hợp lệ / Invalid configuration: EID_SCOPES must include "openid".');
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: config.EID_SCOPES.trim(),
    personalIdClaim: config.EID_PERSONAL_ID_CLAIM,
    providerName: config.EID_PROVIDER_NAME,
  };
}

/** What the browser must carry to the provider and what we keep to check its answer. */
export interface EidAuthorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The person the provider vouched for: its subject and the claims from the ID token and userinfo. */
export interface EidIdentity {
  subject: string;
  claims: Record<string, unknown>;
}

const DISCOVERY_TTL_MS = 60 * 60_000;
const TIMEOUT_SECONDS = 15;

/** Any failure talking to the provider (network, TLS, a bad signature, a wrong nonce) is its error. */
function providerError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError(EidErrors.IDENTITY_EID_PROVIDER_ERROR, undefined, { cause: e });
}

/**
 * A standard OpenID Connect relying party (openid-client): the provider's metadata is discovered once an
 * hour; authorization code flow with PKCE (S256), state and nonce; the ID token's signature, issuer,
 * audience, expiry and nonce are checked by openid-client; the userinfo must be about the same subject.
 */
export class EidClient {
  #discovered: { at: number; configuration: Promise<oidc.Configuration> } | undefined;

  constructor(readonly settings: EidSettings) {}

  private configuration(): Promise<oidc.Configuration> {
    const now = Date.now();
    if (!this.#discovered || now - this.#discovered.at > DISCOVERY_TTL_MS) {
      const insecure = new URL(this.settings.issuer).protocol === 'http:'; // loopback only: see config
      const configuration = oidc.discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        undefined,
        oidc.ClientSecretBasic(this.settings.clientSecret),
        { timeout: TIMEOUT_SECONDS, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
      );
      const entry = { at: now, configuration };
      this.#discovered = entry;
      // A failed discovery is not remembered: the next sign-in tries again.
      configuration.catch(() => {
        if (this.#discovered === entry) this.#discovered = undefined;
      });
    }
    return this.#discovered.configuration.catch((e: unknown) => {
      throw providerError(e);
    });
  }

  async authorization(redirectUri: string): Promise<EidAuthorization> {
    const configuration = await this.configuration();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code from `callbackUrl` and returns the validated identity. */
  async complete(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<EidIdentity> {
    const configuration = await this.configuration();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      const userinfo = configuration.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
        : {};
      // The ID token's own claims win over userinfo's (it is the signed statement).
      return { subject: idToken.sub, claims: { ...userinfo, ...idToken } };
    } catch (e) {
      throw providerError(e);
    }
  }
}
