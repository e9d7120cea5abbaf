import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Roles and their permissions (being built). */
export async function rolesRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
