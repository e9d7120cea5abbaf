import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Second factors: TOTP, passkeys, recovery codes (being built). */
export async function mfaRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
