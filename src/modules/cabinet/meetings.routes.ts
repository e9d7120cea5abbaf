import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Meetings, participants, attendance and invitations (being built). */
export async function meetingsRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
