import { and, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { errors } from 'oidc-provider';
import { rows, toNumber, type Db } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { providerClientMetadata } from './oidc-clients.service.js';
import { oidcPayloads } from './schema.js';

/** oidc-provider's storage interface (see its memory adapter); payloads are plain JSON objects. */
export interface OidcAdapter {
  upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Record<string, unknown> | undefined>;
  findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
  findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** Models whose rows die with their grant (revocation, refresh token reuse, logout). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/** Rows outlive their expiry by the provider's clock tolerance, as its own memory adapter does. */
const CLOCK_TOLERANCE_S = 15;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * The provider's state in identity_oidc_payloads, shared by every process of the deployment: nothing is
 * kept in memory. Expired rows are never returned and are purged by a periodic job. Clients are not stored
 * here: they come from the registry (identity_oidc_clients), which refuses disabled ones.
 */
export function oidcAdapter(p: Platform): (model: string) => OidcAdapter {
  return (model) => (model === 'Client' ? clientAdapter(p) : payloadAdapter(p.db, p, model));
}

function payloadAdapter(db: Db, p: Pick<Platform, 'clock'>, model: string): OidcAdapter {
  const live = () => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, p.clock.now()));
  const findWhere = async (where: SQL) => {
    const [row] = await db
      .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
      .from(oidcPayloads)
      .where(and(eq(oidcPayloads.model, model), where, live()))
      .limit(1);
    if (!row) return undefined;
    const payload = row.payload as Record<string, unknown>;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  };
  const byId = (id: string) => and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id));

  return {
    async upsert(id, payload, expiresIn) {
      const expiresAt =
        typeof expiresIn === 'number'
          ? new Date(p.clock.now().getTime() + (expiresIn + CLOCK_TOLERANCE_S) * 1000)
          : null;
      const values = {
        payload,
        grantId: GRANTABLE.has(model) ? text(payload['grantId']) : null,
        userCode: text(payload['userCode']),
        uid: text(payload['uid']),
        expiresAt,
      };
      await db
        .insert(oidcPayloads)
        .values({ model, id, ...values })
        .onConflictDoUpdate({ target: [oidcPayloads.model, oidcPayloads.id], set: values });
    },
    find: (id) => findWhere(eq(oidcPayloads.id, id)),
    findByUid: (uid) => findWhere(eq(oidcPayloads.uid, uid)),
    findByUserCode: (userCode) => findWhere(eq(oidcPayloads.userCode, userCode)),
    /**
     * The provider reads `consumed` and then calls consume(), so two requests racing with the same code (or
     * rotating refresh token) could both pass its check. Only the update that finds the row unconsumed wins;
     * the loser is a replay and is treated as the provider treats one: the whole grant is revoked.
     */
    async consume(id) {
      const won = await db
        .update(oidcPayloads)
        .set({ consumedAt: p.clock.now() })
        .where(and(byId(id), isNull(oidcPayloads.consumedAt)))
        .returning({ id: oidcPayloads.id });
      if (won.length) return;
      const [row] = await db.select({ grantId: oidcPayloads.grantId }).from(oidcPayloads).where(byId(id));
      if (row?.grantId) await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, row.grantId));
      throw new errors.InvalidGrant('grant source already consumed');
    },
    async destroy(id) {
      await db.delete(oidcPayloads).where(byId(id));
    },
    async revokeByGrantId(grantId) {
      await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
    },
  };
}

function clientAdapter(p: Platform): OidcAdapter {
  const unsupported = () => Promise.reject(new Error('OIDC clients are managed in the client registry'));
  return {
    find: (id) => providerClientMetadata(p.db, p.secrets, id),
    upsert: unsupported,
    findByUid: () => Promise.resolve(undefined),
    findByUserCode: () => Promise.resolve(undefined),
    consume: unsupported,
    destroy: unsupported,
    revokeByGrantId: () => Promise.resolve(),
  };
}

/** Deletes expired provider rows (codes, tokens, sessions, interactions); returns how many. */
export async function purgeExpiredOidcPayloads(db: Db, now: Date): Promise<number> {
  const [done] = await rows<{ n: unknown }>(
    db,
    sql`with gone as (delete from identity_oidc_payloads where expires_at < ${now.toISOString()} returning 1)
        select count(*)::int as n from gone`,
  );
  return toNumber(done?.n);
}
