/** The agency registry's vocabulary, shared by the schema, the service, the routes and the seed. */

/** Level of government: `district` exists only in history (abolished 1 July 2025). */
export const AGENCY_LEVELS = ['central', 'province', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const SUCCESSION_KINDS = ['rename', 'merge', 'split'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

/** Longest name, short name and legal-basis text accepted. */
export const AGENCY_NAME_MAX = 300;
export const AGENCY_SHORT_NAME_MAX = 60;
export const AGENCY_LEGAL_BASIS_MAX = 500;
/** Most agencies merged in one operation. */
export const MERGE_SOURCES_MAX = 100;

export interface AgencyView {
  id: string;
  code: string;
  /** The code is in the standard 13-character form NNN.NN.NN.XNN. */
  codeStandard: boolean;
  nameVi: string;
  nameEn: string | null;
  shortName: string | null;
  parentId: string | null;
  level: AgencyLevel;
  adminUnitCode: string | null;
  validFrom: string | null;
  /** Last day the agency existed; null while it is current. */
  validTo: string | null;
  retired: boolean;
  legalBasis: string | null;
  retiredBasis: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  nameVi: string;
  validTo: string | null;
}

export interface SuccessionView {
  predecessor: AgencyRef;
  successor: AgencyRef;
  kind: SuccessionKind;
  /** First day of the successor (the predecessor's last day is the day before). */
  date: string;
  legalBasis: string | null;
}

export interface AgencyDetail extends AgencyView {
  parent: AgencyRef | null;
  predecessors: SuccessionView[];
  successors: SuccessionView[];
}

export interface AgencyResolution {
  /** The code asked for, normalised. */
  code: string;
  /** The agency that held the code (at the date asked for, or now, or last). */
  requested: AgencyView;
  /** The current agency or agencies that carry it on (several after a split; none if it was dissolved). */
  current: AgencyView[];
  /** The successions followed, in order. */
  path: SuccessionView[];
}
