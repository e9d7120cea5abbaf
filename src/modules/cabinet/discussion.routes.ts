import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Placeholder: filled in by the discussion work. */
export async function discussionRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
