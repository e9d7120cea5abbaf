import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Written opinion ballots: draft, approve, send, answer (signed), extend, recall, close, board, result. STUB: filled in by issue 5. */
export async function ballotsRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
