import type { FastifyInstance } from 'fastify';
import type { Platform } from './platform.js';

/** What a bounded context contributes to the running platform. Modules meet only through index.ts. */
export interface CpdtModule {
  name: string;
  /** Routes (a Fastify plugin body); prefix them /api/<module>/… */
  routes?(app: FastifyInstance, platform: Platform): Promise<void>;
  /** Job handlers and schedules. */
  jobs?(platform: Platform): void;
  /** Idempotent demo content for `cpdt seed --demo`; returns lines worth printing. */
  seedDemo?(platform: Platform): Promise<string[]>;
}
