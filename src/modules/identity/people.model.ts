/** The people register's vocabulary, shared by the schema, the services, the routes and the seed. */

export const PERSON_KINDS = ['official', 'citizen', 'business'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** Offices that make someone a Government member (Luật Tổ chức Chính phủ 2025, Điều 3). */
export const GOVERNMENT_OFFICES = [
  'prime_minister',
  'deputy_prime_minister',
  'minister',
  'head_of_agency',
] as const;
export type GovernmentOffice = (typeof GOVERNMENT_OFFICES)[number];
