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
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  AgendaState,
  AttendanceState,
  BodyKind,
  BodyRole,
  Classification,
  LegalBasis,
  MeetingKind,
  MeetingRules,
  MeetingStatus,
  PaperKind,
  ParticipantRole,
} from './model.js';

/*
 * The e-Cabinet owns these tables. People and agencies are identity's: referred to by id only (a module never
 * reads another module's tables; it asks identity through its index.ts).
 */

/** Meeting rules as data, each profile dated and citing its legal basis (VN-GOV-39/2022, VN-QD45/2018, …). */
export const ruleProfiles = pgTable(
  'cabinet_rule_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    rules: jsonb('rules').notNull().$type<MeetingRules>(),
    legalBasis: jsonb('legal_basis').notNull().$type<LegalBasis[]>(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('cabinet_rule_profiles_code_from_key').on(t.code, t.validFrom)],
);

/** A body that meets: the Government, a People's Committee, a ministry's leadership. */
export const bodies = pgTable('cabinet_bodies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en'),
  kind: text('kind').notNull().$type<BodyKind>(),
  /** The agency whose body it is (identity's agency id); its office prepares the meetings. */
  agencyId: uuid('agency_id').notNull(),
  ruleProfileCode: text('rule_profile_code').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** Seats in a body over time: who chairs, who votes, who prepares. Ended seats keep their row. */
export const bodyMembers = pgTable(
  'cabinet_body_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    personId: uuid('person_id').notNull(),
    role: text('role').notNull().$type<BodyRole>(),
    titleVi: text('title_vi'),
    titleEn: text('title_en'),
    /** Counts towards quorum and votes (chair and members); the office does not. */
    voting: boolean('voting').notNull(),
    /** Order in lists and minutes (Prime Minister first, then deputies, then ministers …). */
    rank: integer('rank').notNull().default(100),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    index('cabinet_body_members_body_idx').on(t.bodyId),
    index('cabinet_body_members_person_idx').on(t.personId),
  ],
);

export const meetings = pgTable(
  'cabinet_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    /** The profile in force when the meeting was created, kept with it (the rules may change later). */
    ruleProfileId: uuid('rule_profile_id')
      .notNull()
      .references(() => ruleProfiles.id),
    title: text('title').notNull(),
    kind: text('kind').notNull().$type<MeetingKind>(),
    status: text('status').notNull().$type<MeetingStatus>(),
    plannedStart: timestamp('planned_start', { withTimezone: true }).notNull(),
    plannedEnd: timestamp('planned_end', { withTimezone: true }).notNull(),
    actualStart: timestamp('actual_start', { withTimezone: true }),
    actualEnd: timestamp('actual_end', { withTimezone: true }),
    location: text('location'),
    /** Remote participation link or room, shown to participants. */
    onlineUrl: text('online_url'),
    chairId: uuid('chair_id').notNull(),
    /** Last day papers may arrive on time: the profile's notice period counted back in working days. */
    papersDueOn: date('papers_due_on', { mode: 'string' }).notNull(),
    invitationsSentAt: timestamp('invitations_sent_at', { withTimezone: true }),
    /** Bumped on every change; the invitation's ICS SEQUENCE, and the optimistic-concurrency token. */
    revision: integer('revision').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledReason: text('cancelled_reason'),
  },
  (t) => [
    index('cabinet_meetings_body_start_idx').on(t.bodyId, t.plannedStart),
    check('cabinet_meetings_time_check', sql`${t.plannedEnd} > ${t.plannedStart}`),
  ],
);

/** Everyone invited to a meeting and where their attendance stands. */
export const participants = pgTable(
  'cabinet_participants',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    role: text('role').notNull().$type<ParticipantRole>(),
    /** Counts for quorum and may vote: members and the chair; a substitute only if the profile allows. */
    voting: boolean('voting').notNull(),
    /** For a substitute: the member they attend for. */
    substituteFor: uuid('substitute_for'),
    attendance: text('attendance').notNull().$type<AttendanceState>(),
    absenceReason: text('absence_reason'),
    /** Who approved or refused the absence (the chair, or the office on their behalf). */
    absenceDecidedBy: uuid('absence_decided_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    /** The member reads and comments but joins from elsewhere (phone, tablet). */
    remote: boolean('remote').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.personId] }),
    index('cabinet_participants_person_idx').on(t.personId),
  ],
);

export const agendaItems = pgTable(
  'cabinet_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** Presenting agency (a ministry) and person, both identity ids. */
    presenterAgencyId: uuid('presenter_agency_id'),
    presenterPersonId: uuid('presenter_person_id'),
    plannedMinutes: integer('planned_minutes'),
    state: text('state').notNull().$type<AgendaState>().default('pending'),
    classification: text('classification').notNull().$type<Classification>().default('internal'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Seconds actually spent (several discussion spans add up). */
    spentSeconds: integer('spent_seconds').notNull().default(0),
  },
  (t) => [index('cabinet_agenda_items_meeting_idx').on(t.meetingId, t.position)],
);

/**
 * A paper (tờ trình, dự thảo, báo cáo…) for an agenda item. A classified one is a metadata stub only: its content
 * circulates on paper, and uploading any is refused.
 */
export const papers = pgTable(
  'cabinet_papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    kind: text('kind').notNull().$type<PaperKind>(),
    classification: text('classification').notNull().$type<Classification>(),
    /** Reference number of the submission, e.g. "123/TTr-BTP". */
    reference: text('reference'),
    /** For a classified stub: where the paper copies are and how they circulate. */
    paperCirculationNote: text('paper_circulation_note'),
    /** Null: every participant may read it; otherwise only these people (and the office). */
    restrictedTo: uuid('restricted_to').array(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cabinet_papers_meeting_idx').on(t.meetingId)],
);

/** Every version of a paper's file, with its SHA-256 (what votes will cite) and whether it came late. */
export const paperVersions = pgTable(
  'cabinet_paper_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** A PDF rendering for the viewer (DOCX converted), by SHA-256 in the file store; null until made. */
    viewSha256: text('view_sha256'),
    /** Arrived after the meeting's papers-due day (the notice period was not met). */
    late: boolean('late').notNull(),
    note: text('note'),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('cabinet_paper_versions_paper_version_key').on(t.paperId, t.version)],
);

/** Who opened which version, first and last time (read receipts for the office). */
export const readReceipts = pgTable(
  'cabinet_read_receipts',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => paperVersions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    firstReadAt: timestamp('first_read_at', { withTimezone: true }).notNull(),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
    downloads: integer('downloads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.personId] })],
);
