import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Signing certificates on people (being built). */
export async function certificatesRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
