import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Bodies, their members and rule profiles (being built). */
export async function bodiesRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
