import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Placeholder: filled in by the live work. */
export async function liveRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
