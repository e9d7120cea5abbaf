import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Placeholder: filled in by the tasks work. */
export async function tasksRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
