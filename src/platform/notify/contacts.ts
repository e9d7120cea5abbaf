import type { Executor } from '../db/index.js';

/** How to reach a person: their addresses and the language they read. */
export interface PersonContact {
  displayName: string;
  email: string | null;
  phone: string | null;
  locale: string;
}

/**
 * How notify learns a person's addresses. People belong to the identity module; the composition root
 * (src/app.ts) passes identity's lookup in, so the platform kernel never imports a module.
 */
export type ContactResolver = (tx: Executor, personId: string) => Promise<PersonContact | undefined>;
