import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Signing by people: device keys bound to certificates, prepared signatures, the local signing agent. STUB: filled in by issue 5. */
export async function signingRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
