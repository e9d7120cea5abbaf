import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Placeholder: filled in by the viewer work. */
export async function viewerRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
