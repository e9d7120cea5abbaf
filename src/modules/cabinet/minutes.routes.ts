import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Placeholder: filled in by the minutes work. */
export async function minutesRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
