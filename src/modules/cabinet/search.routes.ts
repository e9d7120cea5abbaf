import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Placeholder: filled in by the search work. */
export async function searchRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
