import type { FastifyInstance } from 'fastify';
import { createApp } from '../app.js';
import type { Platform } from '../platform/platform.js';

export interface Server {
  app: FastifyInstance;
  url: string;
  /** Stop accepting, finish in-flight requests and jobs, close the database. */
  shutdown(reason: string): Promise<void>;
}

/** `companions` run beside the server (the demo VNeID simulator) and stop with it. */
export async function startServer(
  p: Platform,
  companions: readonly { close(): Promise<void> }[] = [],
): Promise<Server> {
  const app = await createApp(p);
  await app.listen({ port: p.config.PORT, host: p.config.HOST });
  p.jobs.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : p.config.PORT;
  // "localhost", not 127.0.0.1: passkeys (WebAuthn) refuse an IP address as the site's name.
  const loopback = ['0.0.0.0', '127.0.0.1', '::', '::1'].includes(p.config.HOST);
  const url = p.config.PUBLIC_URL ?? `http://${loopback ? 'localhost' : p.config.HOST}:${port}`;
  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (closing ??= (async () => {
      p.logger.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        p.logger.error('shutdown timed out; exiting');
        process.exit(1);
      }, p.config.SHUTDOWN_TIMEOUT_MS);
      timer.unref();
      await app.close(); // in-flight requests complete; new ones get 503
      for (const c of companions) await c.close();
      await p.jobs.stop(); // running jobs finish; none is claimed after this
      await p.notify.close(); // unbind SMPP, close SMTP pools
      await p.database.close();
      clearTimeout(timer);
    })());
  return { app, url, shutdown };
}

/** SIGTERM/SIGINT trigger a graceful shutdown once; a second signal exits at once. */
export function handleSignals(server: Server): void {
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => {
      if (signalled) process.exit(1);
      signalled = true;
      void server.shutdown(signal).then(() => process.exit(0));
    });
}
