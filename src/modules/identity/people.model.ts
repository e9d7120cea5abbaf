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

/** Offices tied to the ministry or ministry-level agency the member heads. */
export const OFFICES_WITH_AGENCY: ReadonlySet<GovernmentOffice> = new Set(['minister', 'head_of_agency']);

/** A business's legal representative, or someone it authorised to act for it. */
export const REPRESENTATIVE_ROLES = ['legal', 'authorised'] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];

export const LOCALES = ['vi', 'en'] as const;
export type PersonLocale = (typeof LOCALES)[number];

/** Built-in roles the register hands out itself. */
export const ROLE_OF_KIND: Readonly<Record<PersonKind, string>> = {
  official: 'official',
  citizen: 'citizen',
  business: 'business',
};
export const MEMBER_ROLE = 'member';
export const SECRETARY_ROLE = 'secretary';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const POSITION_MAX = 200;
export const TITLE_MAX = 300;
export const BUSINESS_NAME_MAX = 300;
export const ADDRESS_MAX = 500;
export const PEOPLE_LIST_LIMIT_MAX = 200;

export interface AgencyBrief {
  id: string;
  code: string;
  nameVi: string;
}

export interface LockState {
  /** Wrong passwords or codes since the last success (it stays at the limit while the account is locked). */
  failedAttempts: number;
  /** Set while the account is locked: the moment sign-in opens again. */
  lockedUntil: string | null;
  locked: boolean;
}

export interface PersonSummary {
  id: string;
  kind: PersonKind;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  agency: AgencyBrief | null;
  roles: string[];
  lock: LockState;
}

export interface PostView {
  agency: AgencyBrief & { validTo: string | null };
  position: string | null;
  positionEn: string | null;
  main: boolean;
}

export interface RoleBrief {
  code: string;
  nameVi: string;
  nameEn: string;
  requiresMfa: boolean;
}

export interface MemberTermView {
  id: string;
  office: GovernmentOffice;
  agency: AgencyBrief | null;
  titleVi: string;
  titleEn: string | null;
  validFrom: string;
  validTo: string | null;
  current: boolean;
}

export interface PersonBrief {
  id: string;
  username: string;
  displayName: string;
}

export interface DelegationView {
  id: string;
  principal: PersonBrief;
  delegate: PersonBrief;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  /** In force today: started, not ended, not revoked. */
  current: boolean;
}

export interface RepresentationView {
  business: { id: string; enterpriseCode: string; name: string };
  role: RepresentativeRole;
  validFrom: string | null;
  validTo: string | null;
}

export interface MfaSummary {
  /** A confirmed TOTP authenticator. */
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
  /** A role or a current Government membership demands a second factor. */
  required: boolean;
}

export interface PersonDetail extends Omit<PersonSummary, 'roles'> {
  locale: string;
  personalId: string | null;
  birthDate: string | null;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  posts: PostView[];
  roles: RoleBrief[];
  memberTerms: MemberTermView[];
  /** Principals this person acts for (as their secretary). */
  actsFor: DelegationView[];
  /** This person's secretaries. */
  delegates: DelegationView[];
  businesses: RepresentationView[];
  mfa: MfaSummary;
}
