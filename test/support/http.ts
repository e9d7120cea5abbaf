import type { FastifyInstance } from 'fastify';
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

/** Creates (once) a person with these roles and returns a signed-in session cookie. */
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
  return `cpdt_session=${cookie!.value}`;
}
