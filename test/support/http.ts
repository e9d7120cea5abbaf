import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { sessions } from '../../src/modules/identity/schema.js';
import { sha256Hex } from '../../src/platform/crypto/index.js';
import { createApp } from '../../src/app.js';
import { ensureBuiltinRoles, ensurePerson } from '../../src/modules/identity/index.js';
import { SYSTEM_CONTEXT } from '../../src/platform/audit/index.js';
import type { Platform } from '../../src/platform/platform.js';

export const TEST_PASSWORD = 'Test@2026-mật-khẩu';

export async function testApp(p: Platform): Promise<FastifyInstance> {
  const app = await createApp(p, { serveWeb: false, logger: false });
  await app.ready();
  return app;
}

/**
 * Creates (once) a person with these roles and returns a signed-in session cookie. When the roles demand a
 * second factor, the session is marked as having had one (tests of MFA itself go through the real routes).
 */
export async function signedIn(
  app: FastifyInstance,
  p: Platform,
  username: string,
  roles: string[],
): Promise<string> {
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    await ensurePerson(tx, SYSTEM_CONTEXT, {
      username,
      displayName: username,
      password: TEST_PASSWORD,
      roles,
    });
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cpdt_session');
  if (res.json<{ pending: string | null }>().pending)
    await p.db
      .update(sessions)
      .set({ pending: null, methods: ['pwd', 'otp'] })
      .where(eq(sessions.tokenHash, sha256Hex(cookie!.value)));
  return `cpdt_session=${cookie!.value}`;
}
