import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';

/** Agenda items (being built). */
export async function agendaRoutes(_app: FastifyInstance, _p: Platform): Promise<void> {}
