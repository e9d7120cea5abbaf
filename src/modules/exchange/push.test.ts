import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { HUB_QUEUED } from './hub.service.js';
import { createSystem, forgetSystems } from './hub.systems.js';
import { startPusher } from './push.js';
import { ReplayCache, verifyVxpRequest } from './vxp.auth.js';

/** A node's push endpoint that answers 503 to its first `failures` notices, then 202; it checks each signature. */
function node(failures: number) {
  const seen = new ReplayCache();
  const notices: { signed: boolean; status: number }[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    void (async () => {
      const secret = secrets.get(req.url ?? '');
      const check = await verifyVxpRequest(req.headers, async () => secret, new Date(), seen);
      const status = notices.length < failures ? 503 : 202;
      notices.push({ signed: check.ok, status });
      res.writeHead(status).end();
    })();
  });
  return { server, notices };
}

const secrets = new Map<string, string>();
let p: TestPlatform;
const servers: http.Server[] = [];

async function connect(id: string, failures: number) {
  const n = node(failures);
  servers.push(n.server);
  await new Promise<void>((resolve) => n.server.listen(0, '127.0.0.1', resolve));
  const path = `/push/${id}`;
  const url = `http://127.0.0.1:${(n.server.address() as AddressInfo).port}${path}`;
  const { secret } = await p.db.transaction((tx) =>
    createSystem(tx, p, { id, name: id, agencyCodes: [], pushUrl: url }),
  );
  secrets.set(path, secret);
  forgetSystems();
  return n.notices;
}

const queued = (...systems: string[]) =>
  p.events.publish({ type: 'exchange.hub.queued', audience: HUB_QUEUED, data: { systems } });

async function settle(notices: unknown[], count: number): Promise<void> {
  await expect.poll(() => notices.length, { timeout: 5_000, interval: 20 }).toBe(count);
  await new Promise((resolve) => setTimeout(resolve, 300)); // and nothing more comes
}

beforeAll(async () => {
  p = await testPlatform();
});

afterAll(async () => {
  for (const s of servers) s.close();
  await p?.close();
});

describe('push notices from the hub', () => {
  it('tries a failed notice again until the node takes it, signed each time', async () => {
    const notices = await connect('push-flaky', 2);
    const stop = startPusher(p, [30, 30, 30]);
    try {
      queued('push-flaky');
      queued('push-flaky'); // a second delivery at once goes with the same notice
      await settle(notices, 3);
      expect(notices).toEqual([
        { signed: true, status: 503 },
        { signed: true, status: 503 },
        { signed: true, status: 202 },
      ]);
    } finally {
      stop();
    }
  });

  it('gives up after the last retry: the node will pull', async () => {
    const notices = await connect('push-down', 100);
    const stop = startPusher(p, [30, 30]);
    try {
      queued('push-down');
      await settle(notices, 3); // the notice and two retries
      // A new delivery afterwards makes a new notice.
      queued('push-down');
      await settle(notices, 6);
      expect(notices.every((n) => n.signed && n.status === 503)).toBe(true);
    } finally {
      stop();
    }
  });
});
