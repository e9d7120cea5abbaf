import type { AddressInfo } from 'node:net';

/**
 * The side of the parent/child protocol every benchmark server shares.
 *
 * - On start the child prints one line `{"port":N}` on stdout.
 * - The parent sends IPC messages `{id, cmd}`; the child answers `{id, ...}`:
 *   `sample` → `{peakRssBytes, rssBytes, cpuUserMicros, cpuSystemMicros}`, the peak RSS and the CPU time
 *   used since the last `sample` with `reset`; `stats` → whatever the server reports about itself;
 *   `stop` → `{stopped:true}` after a graceful close, then the child exits.
 * - Peak RSS is sampled every 100 ms, and again whenever the parent asks. CPU time per request is steadier
 *   than requests/s on a busy machine: it does not depend on how fast the load generator can send.
 */
export interface ServerHooks {
  stats?(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface ChildRequest {
  id: number;
  cmd: 'sample' | 'stats' | 'stop';
  reset?: boolean;
}

export function serveBenchChild(address: AddressInfo | string | null, hooks: ServerHooks): void {
  if (!address || typeof address === 'string') throw new Error('server is not listening on a TCP port');
  let peak = process.memoryUsage.rss();
  let cpuSince = process.cpuUsage();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    return rss;
  };
  setInterval(sample, 100).unref();

  const send = (message: Record<string, unknown>) => {
    if (process.send) process.send(message);
  };
  process.on('message', (raw: unknown) => {
    const msg = raw as ChildRequest;
    void (async () => {
      try {
        switch (msg.cmd) {
          case 'sample': {
            const rssBytes = sample();
            const cpu = process.cpuUsage(cpuSince);
            send({
              id: msg.id,
              peakRssBytes: peak,
              rssBytes,
              cpuUserMicros: cpu.user,
              cpuSystemMicros: cpu.system,
            });
            if (msg.reset) {
              peak = rssBytes;
              cpuSince = process.cpuUsage();
            }
            break;
          }
          case 'stats':
            send({ id: msg.id, ...(hooks.stats ? await hooks.stats() : {}) });
            break;
          case 'stop':
            await hooks.stop();
            send({ id: msg.id, stopped: true });
            process.disconnect();
            break;
        }
      } catch (e) {
        send({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    })();
  });
  // Without a parent (run by hand) a signal stops the server.
  process.once('SIGINT', () => void hooks.stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void hooks.stop().then(() => process.exit(0)));
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
}
