import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../test/support/platform.js';
import { signedIn } from '../../test/support/http.js';
import { jobs } from '../platform/jobs/index.js';
import { startServer, type Server } from './serve.js';

describe('graceful shutdown', () => {
  let p: TestPlatform;
  let server: Server;
  let jobFinished = false;
  beforeAll(async () => {
    p = await testPlatform({ PORT: '0', SIGN_IN_RATE_LIMIT_MAX: '1000' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    p.jobs.register('test.slow', async () => {
      release();
      await new Promise((r) => setTimeout(r, 800));
      jobFinished = true;
    });
    server = await startServer(p);
    await signedIn(server.app, p, 'shutdown-admin', ['admin']); // a person for the in-flight request
    await p.jobs.enqueue(p.db, 'test.slow', {});
    await gate; // the job is running now
  });
  afterAll(async () => {
    await p.close().catch(() => undefined); // the database was closed by shutdown
  });

  it('finishes the request and the job in flight, then refuses new work', async () => {
    // argon2 makes sign-in take a while: the request is in flight when shutdown starts. On a busy machine the
    // request may take longer than any fixed pause to arrive, so wait until the server has it.
    const arrived = new Promise((r) => server.app.server.once('request', r));
    const inFlight = fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'shutdown-admin', password: 'wrong-password' }),
    });
    await arrived;
    await new Promise((r) => setTimeout(r, 30));
    const [job] = await p.db.select().from(jobs).where(eq(jobs.queue, 'test.slow'));
    expect(job?.state).toBe('running');
    const stopped = server.shutdown('test');
    const res = await inFlight;
    expect(res.status).toBe(401); // answered, not cut off
    await stopped;
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow(); // no longer listening
    expect(jobFinished).toBe(true); // the running job completed before the database closed
    expect(server.app.server.listening).toBe(false);
  });
});
