import type { Executor } from '../db/index.js';
import { findPersonContact } from '../../modules/identity/index.js';

/** How to reach a person: their addresses and the language they read. */
export interface PersonContact {
  displayName: string;
  email: string | null;
  phone: string | null;
  locale: string;
}

export type ContactResolver = (tx: Executor, personId: string) => Promise<PersonContact | undefined>;

/**
 * People belong to the identity module; notify asks through its public door (index.ts), never its tables.
 * This is the one place the platform kernel depends on a module, and it is injectable for that reason.
 */
export const identityContacts: ContactResolver = (tx, personId) => findPersonContact(tx, personId);
