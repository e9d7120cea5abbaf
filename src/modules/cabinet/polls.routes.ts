import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Polls in the meeting room: open, vote (signed), close, receipts, results. STUB: filled in by issue 5. */
export async function pollsRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
