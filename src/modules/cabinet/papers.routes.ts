import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Papers, versions, read receipts (being built). */
export async function papersRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
