/**
 * The agencies whose documents office this deployment keeps. EXCHANGE_AGENCIES names them at start (their names
 * from the agency registry); an administrator or the demo may add more.
 */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { checkAgencyCode, resolveAgencyCode } from '../identity/index.js';
import type { Organization } from './edxml/index.js';
import { exchangeNodeAgencies } from './schema.js';

export interface NodeAgency {
  code: string;
  name: string;
}

export function configuredAgencyCodes(value: string): string[] {
  return value
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c.length > 0);
}

export async function nodeAgencies(db: Executor): Promise<NodeAgency[]> {
  return db
    .select({ code: exchangeNodeAgencies.code, name: exchangeNodeAgencies.name })
    .from(exchangeNodeAgencies)
    .orderBy(asc(exchangeNodeAgencies.code));
}

export async function nodeAgency(db: Executor, code: string): Promise<NodeAgency | undefined> {
  const [row] = await db
    .select({ code: exchangeNodeAgencies.code, name: exchangeNodeAgencies.name })
    .from(exchangeNodeAgencies)
    .where(eq(exchangeNodeAgencies.code, code));
  return row;
}

/** Adds an agency to the node (idempotent); its name comes from the registry when not given. */
export async function addNodeAgency(db: Executor, code: string, name?: string): Promise<NodeAgency> {
  const checked = checkAgencyCode(code);
  if (!checked.ok) throw new Error(`EXCHANGE_AGENCIES: ${code} is not an agency code (${checked.reason})`);
  const normalised = checked.code;
  let resolvedName = name;
  if (resolvedName === undefined) {
    try {
      resolvedName = (await resolveAgencyCode(db, normalised)).requested.nameVi;
    } catch {
      resolvedName = normalised; // not in the registry (yet): the code stands for the name
    }
  }
  await db
    .insert(exchangeNodeAgencies)
    .values({ code: normalised, name: resolvedName })
    .onConflictDoNothing();
  return { code: normalised, name: resolvedName };
}

/** The edXML From/To block for one of the node's agencies. */
export function organizationOf(agency: NodeAgency): Organization {
  return { organId: agency.code, organName: agency.name };
}

/** Adds the agencies named by EXCHANGE_AGENCIES (at start). */
export async function ensureConfiguredAgencies(p: Platform): Promise<NodeAgency[]> {
  const added: NodeAgency[] = [];
  for (const code of configuredAgencyCodes(p.config.EXCHANGE_AGENCIES))
    added.push(await addNodeAgency(p.db, code));
  return added;
}
