// The yardstick: Fastify's hello-world with nothing added, run in its own process by bench/run.ts.
import Fastify from 'fastify';
import { serveBenchChild } from './child.js';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });

serveBenchChild(app.server.address(), { stop: () => app.close() });
