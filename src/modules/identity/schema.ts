import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { AdminUnitLevel, AdminUnitType } from './admin-units.data.js';
import type { AgencyLevel, SuccessionKind } from './agencies.model.js';
import type { GovernmentOffice, PersonKind } from './people.model.js';

/** Roles and their permissions are data, so a deployment can change them without code. */
export const roles = pgTable('identity_roles', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull().default([]),
  /** Holders must sign in with a second factor (administrators, Government members: the security baseline). */
  requiresMfa: boolean('requires_mfa').notNull().default(false),
  builtin: boolean('builtin').notNull().default(false),
});

export const persons = pgTable(
  'identity_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    agencyId: text('agency_id'),
    active: boolean('active').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    locale: text('locale').notNull().default('vi'),
    /** official (incl. Government members and secretaries), citizen, or business (a representative). */
    kind: text('kind').notNull().default('official').$type<PersonKind>(),
    /** Số định danh cá nhân: 12 digits (province, century/sex, birth year, serial). */
    personalId: text('personal_id'),
    birthDate: date('birth_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('identity_persons_agency_idx').on(t.agencyId),
    uniqueIndex('identity_persons_personal_id_idx').on(t.personalId),
    check('identity_persons_kind_check', sql`${t.kind} in ('official', 'citizen', 'business')`),
    check('identity_persons_personal_id_check', sql`${t.personalId} ~ '^[0-9]{12}$'`),
  ],
);

/** An official's posts: one or more agencies, each with a position; `persons.agency_id` is the main one. */
export const personAgencies = pgTable(
  'identity_person_agencies',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    position: text('position'),
    positionEn: text('position_en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.agencyId] }),
    index('identity_person_agencies_agency_idx').on(t.agencyId),
  ],
);

/**
 * Government members (thành viên Chính phủ): the Prime Minister, Deputy Prime Ministers, ministers and heads
 * of ministry-level agencies, with the term of office; an ended term keeps its row.
 */
export const governmentMembers = pgTable(
  'identity_government_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    office: text('office').notNull().$type<GovernmentOffice>(),
    /** The ministry or ministry-level agency headed (null for the Prime Minister and deputies). */
    agencyId: uuid('agency_id').references(() => agencies.id),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    index('identity_government_members_person_idx').on(t.personId),
    check(
      'identity_government_members_office_check',
      sql`${t.office} in ('prime_minister', 'deputy_prime_minister', 'minister', 'head_of_agency')`,
    ),
  ],
);

/**
 * A secretary (thư ký) acting on behalf of a principal (a Government member or leader): prepares, drafts and
 * reads for them, never signs as them. Revoked delegations keep their row for the audit trail.
 */
export const delegations = pgTable(
  'identity_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    principalId: uuid('principal_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    delegateId: uuid('delegate_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('identity_delegations_principal_idx').on(t.principalId),
    index('identity_delegations_delegate_idx').on(t.delegateId),
    check('identity_delegations_self_check', sql`${t.principalId} <> ${t.delegateId}`),
  ],
);

/** Businesses (doanh nghiệp) by enterprise code (mã số doanh nghiệp: 10 digits, or 10-3 for a branch). */
export const businesses = pgTable(
  'identity_businesses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseCode: text('enterprise_code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('identity_businesses_code_check', sql`${t.enterpriseCode} ~ '^[0-9]{10}(-[0-9]{3})?$'`)],
);

/** Who may act for a business: its legal representative or a person it authorised. */
export const businessRepresentatives = pgTable(
  'identity_business_representatives',
  {
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    role: text('role').notNull().$type<'legal' | 'authorised'>(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.businessId, t.personId] }),
    index('identity_business_representatives_person_idx').on(t.personId),
    check('identity_business_representatives_role_check', sql`${t.role} in ('legal', 'authorised')`),
  ],
);

/** A person's TOTP authenticator (RFC 6238). The shared secret is encrypted with the deployment key. */
export const totpAuthenticators = pgTable('identity_totp', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id, { onDelete: 'cascade' }),
  secretEnc: text('secret_enc').notNull(),
  /** Null until the person proved it with a first code. */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last accepted time step: a code is never accepted twice. */
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** WebAuthn credentials (passkeys, security keys). */
export const passkeys = pgTable(
  'identity_passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull().unique(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('identity_passkeys_person_idx').on(t.personId)],
);

/** One-time recovery codes, stored as SHA-256; used ones keep their row. */
export const recoveryCodes = pgTable(
  'identity_recovery_codes',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.codeHash] })],
);

/** Short-lived challenges (WebAuthn ceremonies, e-ID redirects), consumed once. */
export const challenges = pgTable(
  'identity_challenges',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').notNull(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'cascade' }),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('identity_challenges_expires_idx').on(t.expiresAt)],
);

/** A citizen's (or anyone's) account at an upstream identity provider such as VNeID. */
export const externalIdentities = pgTable(
  'identity_external_identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.subject] }),
    index('identity_external_identities_person_idx').on(t.personId),
  ],
);

/** X.509 signing certificates registered on a person (uploaded, or issued by the deployment's demo CA). */
export const certificates = pgTable(
  'identity_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull().unique(),
    serialNumber: text('serial_number').notNull(),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    keyUsage: text('key_usage').array().notNull().default([]),
    pem: text('pem').notNull(),
    source: text('source').notNull().$type<'upload' | 'ca'>(),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('identity_certificates_person_idx').on(t.personId),
    check('identity_certificates_source_check', sql`${t.source} in ('upload', 'ca')`),
  ],
);

/** Relying parties registered with CPĐT's OpenID provider (an agency's own systems). */
export const oidcClients = pgTable('identity_oidc_clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  agencyId: uuid('agency_id').references(() => agencies.id),
  /** The provider's client metadata; a confidential client's secret is encrypted with the deployment key. */
  metadata: jsonb('metadata').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** oidc-provider's storage (sessions, grants, codes, tokens, keys): one row per model instance. */
export const oidcPayloads = pgTable(
  'identity_oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('identity_oidc_payloads_grant_idx').on(t.grantId),
    index('identity_oidc_payloads_uid_idx').on(t.uid),
    index('identity_oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

export const personRoles = pgTable(
  'identity_person_roles',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    roleCode: text('role_code')
      .notNull()
      .references(() => roles.code),
  },
  (t) => [primaryKey({ columns: [t.personId, t.roleCode] })],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'identity_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** How the person proved who they are: pwd, otp, hwk (passkey), rec (recovery code), eid. */
    methods: text('methods').array().notNull().default([]),
    /** A second factor is still owed: 'verify' (enrolled, must prove it) or 'enrol' (must set one up). */
    pending: text('pending').$type<'verify' | 'enrol'>(),
    /** The agency the person acts for in this session (one of their posts). */
    agencyId: uuid('agency_id'),
  },
  (t) => [
    index('identity_sessions_person_idx').on(t.personId),
    check('identity_sessions_pending_check', sql`${t.pending} in ('verify', 'enrol')`),
  ],
);

/**
 * Administrative units (đơn vị hành chính), versioned: the register in force has `valid_to` null; units of
 * an earlier register are kept with the last day they existed, so documents dated before a reorganisation
 * still name a known unit. A code is unique within one register (`code`, `valid_to`).
 */
export const adminUnits = pgTable(
  'identity_admin_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    level: text('level').notNull().$type<AdminUnitLevel>(),
    type: text('type').notNull().$type<AdminUnitType>(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    nameEn: text('name_en'),
    fullNameEn: text('full_name_en'),
    /** The province a commune/ward (or historical district) belongs to; null for a province. */
    provinceCode: text('province_code'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    unique('identity_admin_units_code_valid_to_key').on(t.code, t.validTo).nullsNotDistinct(),
    index('identity_admin_units_province_idx').on(t.provinceCode),
    check('identity_admin_units_level_check', sql`${t.level} in ('province', 'district', 'commune')`),
  ],
);

/** Old unit → the unit(s) that took over its territory on `effective_from` (several when it was split). */
export const adminUnitSuccessors = pgTable(
  'identity_admin_unit_successors',
  {
    oldCode: text('old_code').notNull(),
    newCode: text('new_code').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    legalBasis: text('legal_basis'),
  },
  (t) => [
    primaryKey({ columns: [t.oldCode, t.newCode, t.effectiveFrom] }),
    index('identity_admin_unit_successors_new_idx').on(t.newCode),
  ],
);

/**
 * Agencies (cơ quan) with their identifier code (QĐ 20/2020/QĐ-TTg). A code is unique among current
 * agencies (`valid_to` null); a renamed, merged or retired agency keeps its row with the last day it
 * existed, linked to its successor in identity_agency_successions, so an old code still resolves.
 */
export const agencies = pgTable(
  'identity_agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    level: text('level').notNull().$type<AgencyLevel>(),
    adminUnitCode: text('admin_unit_code'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** The act that established the agency, if known. */
    legalBasis: text('legal_basis'),
    /** The act that ended it (retirement, merger, new code). */
    retiredBasis: text('retired_basis'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('identity_agencies_current_code_idx')
      .on(t.code)
      .where(sql`valid_to is null`),
    index('identity_agencies_code_idx').on(t.code),
    index('identity_agencies_parent_idx').on(t.parentId),
    check('identity_agencies_level_check', sql`${t.level} in ('central', 'province', 'district', 'commune')`),
    check('identity_agencies_code_check', sql`${t.code} ~ '^[0-9A-Z.]{1,35}$'`),
    check(
      'identity_agencies_validity_check',
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

/** predecessor → successor: a rename (new code), a merger, or a split, effective on `date`. */
export const agencySuccessions = pgTable(
  'identity_agency_successions',
  {
    predecessorId: uuid('predecessor_id')
      .notNull()
      .references(() => agencies.id),
    successorId: uuid('successor_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull().$type<SuccessionKind>(),
    date: date('date', { mode: 'string' }).notNull(),
    legalBasis: text('legal_basis'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.predecessorId, t.successorId] }),
    index('identity_agency_successions_successor_idx').on(t.successorId),
    check('identity_agency_successions_kind_check', sql`${t.kind} in ('rename', 'merge', 'split')`),
    check('identity_agency_successions_self_check', sql`${t.predecessorId} <> ${t.successorId}`),
  ],
);
