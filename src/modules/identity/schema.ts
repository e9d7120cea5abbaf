import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
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

/** Roles and their permissions are data, so a deployment can change them without code. */
export const roles = pgTable('identity_roles', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull().default([]),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('identity_persons_agency_idx').on(t.agencyId)],
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
  },
  (t) => [index('identity_sessions_person_idx').on(t.personId)],
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
