import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import { oidcPayloads } from './schema.js';

const generateKeyPair = promisify(crypto.generateKeyPair);

/** The row holding the provider's private signing keys, sealed with the deployment key. */
export const SIGNING_KEYS_MODEL = 'CpdtSigningKeys';
const SIGNING_KEYS_ID = 'current';
const SEAL_CONTEXT = 'oidc-signing-keys';

export type PrivateJwk = crypto.JsonWebKey & { kid: string; alg: string; use: 'sig' };

/** RFC 7638 thumbprint: the key id is derived from the public key, so it never collides. */
function thumbprint(jwk: crypto.JsonWebKey): string {
  const members =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

async function newKeys(): Promise<PrivateJwk[]> {
  const rsa = await generateKeyPair('rsa', { modulusLength: 2048 });
  const ec = await generateKeyPair('ec', { namedCurve: 'P-256' });
  return [
    { alg: 'RS256', jwk: rsa.privateKey.export({ format: 'jwk' }) },
    { alg: 'ES256', jwk: ec.privateKey.export({ format: 'jwk' }) },
  ].map(({ alg, jwk }) => ({ ...jwk, kid: thumbprint(jwk), alg, use: 'sig' as const }));
}

/**
 * The ID token signing keys (RS256 first: the default for clients; ES256 for those who ask), generated on
 * the first start. Several processes may start at once on one database: each offers its keys, the first
 * insert wins, and everyone reads back the winner's, so all sign with the same keys.
 */
export async function loadSigningKeys(p: Platform): Promise<PrivateJwk[]> {
  const where = and(eq(oidcPayloads.model, SIGNING_KEYS_MODEL), eq(oidcPayloads.id, SIGNING_KEYS_ID));
  const read = async () => {
    const [row] = await p.db.select({ payload: oidcPayloads.payload }).from(oidcPayloads).where(where);
    const sealed = (row?.payload as { sealed?: unknown } | undefined)?.sealed;
    return typeof sealed === 'string'
      ? (JSON.parse(p.secrets.openText(sealed, SEAL_CONTEXT)) as PrivateJwk[])
      : null;
  };
  const existing = await read();
  if (existing) return existing;
  const sealed = p.secrets.seal(JSON.stringify(await newKeys()), SEAL_CONTEXT);
  await p.db
    .insert(oidcPayloads)
    .values({ model: SIGNING_KEYS_MODEL, id: SIGNING_KEYS_ID, payload: { sealed } })
    .onConflictDoNothing();
  const stored = await read();
  if (!stored) throw new Error('OIDC signing keys could not be stored');
  return stored;
}
