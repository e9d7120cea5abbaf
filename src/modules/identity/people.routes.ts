import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** People, posts, Government members, delegations, businesses (being built). */
export async function peopleRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
