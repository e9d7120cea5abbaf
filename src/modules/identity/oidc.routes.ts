import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** OpenID Connect provider and the registry of its clients (being built). */
export async function oidcRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
