import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Citizen sign-in through the national e-ID (being built). */
export async function eidRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
