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
  BallotAlert,
  BallotChoice,
  BallotQuestion,
  BallotResponseState,
  BallotState,
  DecisionKind,
  DecisionOption,
  LogEntryType,
  Outcome,
  PaperHash,
  PollKind,
  PollState,
  RosterEntry,
  AttendanceState,
  BodyKind,
  ConclusionState,
  MinutesSection,
  MinutesState,
  OpinionPosition,
  OpinionState,
  QuoteSelector,
  SpeakerState,
  TaskAlert,
  TaskState,
  ViewState,
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
    /** The live room: the item under discussion now, and a counter bumped by every live change. */
    currentItemId: uuid('current_item_id'),
    liveSeq: integer('live_seq').notNull().default(0),
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
    viewState: text('view_state').notNull().$type<ViewState>().default('pending'),
    viewError: text('view_error'),
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

/** The text of a version's viewable PDF, page by page: searched, and used to re-anchor annotations. */
export const paperTexts = pgTable('cabinet_paper_texts', {
  versionId: uuid('version_id')
    .primaryKey()
    .references(() => paperVersions.id, { onDelete: 'cascade' }),
  pages: jsonb('pages').notNull().$type<string[]>(),
  extractedAt: timestamp('extracted_at', { withTimezone: true }).notNull(),
});

/**
 * A reader's private note on a paper, anchored on the quoted text (not only the page), so that it finds its
 * place again in a later version; `versionId` is the version it was made on.
 */
export const annotations = pgTable(
  'cabinet_annotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paperId: uuid('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => paperVersions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    selector: jsonb('selector').notNull().$type<QuoteSelector>(),
    note: text('note').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cabinet_annotations_owner_idx').on(t.paperId, t.personId)],
);

/** Discussion before the meeting: a thread per agenda item or per paper, with replies one level deep. */
export const comments = pgTable(
  'cabinet_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'cascade' }),
    paperId: uuid('paper_id').references(() => papers.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    /** Whose comment it is: the member, when a secretary wrote it for them. */
    authorId: uuid('author_id').notNull(),
    /** The secretary who wrote it on the author's behalf, shown as such; null when the author wrote it. */
    writtenBy: uuid('written_by'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('cabinet_comments_meeting_idx').on(t.meetingId, t.createdAt),
    check('cabinet_comments_target_check', sql`${t.agendaItemId} is not null or ${t.paperId} is not null`),
  ],
);

/** A member's written opinion on an agenda item, given in advance (and shown to the chair if absent). */
export const opinions = pgTable(
  'cabinet_opinions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull(),
    position: text('position').notNull().$type<OpinionPosition>(),
    body: text('body').notNull().default(''),
    state: text('state').notNull().$type<OpinionState>(),
    /** Who last wrote it: the member, or their secretary drafting for them. */
    draftedBy: uuid('drafted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('cabinet_opinions_item_member_key').on(t.agendaItemId, t.memberId)],
);

/** The list of speakers for an agenda item, in the order the chair set; time spoken is kept per turn. */
export const speakers = pgTable(
  'cabinet_speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    state: text('state').notNull().$type<SpeakerState>(),
    position: integer('position').notNull(),
    /** Speaking time the chair allowed for this turn; null: no limit. */
    limitSeconds: integer('limit_seconds'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    spentSeconds: integer('spent_seconds').notNull().default(0),
  },
  (t) => [index('cabinet_speakers_item_idx').on(t.agendaItemId, t.position)],
);

/** Each span of time an agenda item was under discussion (an item may be taken up more than once). */
export const itemSpans = pgTable(
  'cabinet_item_spans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('cabinet_item_spans_item_idx').on(t.agendaItemId)],
);

/** The minutes: generated from what happened, edited section by section, approved by the secretary. */
export const minutes = pgTable('cabinet_minutes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  state: text('state').notNull().$type<MinutesState>(),
  sections: jsonb('sections').notNull().$type<MinutesSection[]>(),
  revision: integer('revision').notNull().default(0),
  generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  approvedBy: uuid('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  /** The approved minutes as PDF in the file store. */
  pdfSha256: text('pdf_sha256'),
});

/** The conclusion notice (thông báo kết luận): due within the profile's working days after the meeting. */
export const conclusions = pgTable('cabinet_conclusions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id')
    .notNull()
    .unique()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  /** Its number once issued, e.g. "45/TB-VPCP". */
  reference: text('reference'),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  state: text('state').notNull().$type<ConclusionState>(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  /** The Government Office officer who follows up its tasks and receives escalations. */
  followUpOfficerId: uuid('follow_up_officer_id'),
  issuedBy: uuid('issued_by'),
  issuedAt: timestamp('issued_at', { withTimezone: true }),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  revision: integer('revision').notNull().default(0),
});

/** A task assigned by a conclusion notice to an agency (and optionally a person in it) with a due date. */
export const tasks = pgTable(
  'cabinet_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conclusionId: uuid('conclusion_id')
      .notNull()
      .references(() => conclusions.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    detail: text('detail').notNull().default(''),
    assigneeAgencyId: uuid('assignee_agency_id').notNull(),
    assigneePersonId: uuid('assignee_person_id'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    state: text('state').notNull().$type<TaskState>(),
    progress: integer('progress').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('cabinet_tasks_due_idx').on(t.state, t.dueOn),
    index('cabinet_tasks_agency_idx').on(t.assigneeAgencyId),
  ],
);

/** What the assignee reported: state changes and progress notes, in order. */
export const taskReports = pgTable(
  'cabinet_task_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    state: text('state').notNull().$type<TaskState>(),
    progress: integer('progress').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cabinet_task_reports_task_idx').on(t.taskId, t.createdAt)],
);

/** Each reminder or escalation sent for a task, once (the reminder job may run any number of times). */
export const taskAlerts = pgTable(
  'cabinet_task_alerts',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().$type<TaskAlert>(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.kind] })],
);

/*
 * Decisions. Signatures are stored as DER CMS SignedData, base64 (the `.p7s` files of an export); the signed
 * bytes are kept exactly as signed (`payload`, canonical JSON), so evidence can be re-verified at any time.
 */

/** A poll (biểu quyết) on an agenda item, opened by the chair in the live room. */
export const polls = pgTable(
  'cabinet_polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    kind: text('kind').notNull().$type<PollKind>(),
    /** For kind 'options': the choices; for yes/no/abstain: empty. */
    options: jsonb('options').notNull().$type<DecisionOption[]>().default([]),
    state: text('state').notNull().$type<PollState>(),
    /** The meeting's rule profile as it was when the poll opened (the tally uses this copy). */
    ruleProfileId: uuid('rule_profile_id')
      .notNull()
      .references(() => ruleProfiles.id),
    roster: jsonb('roster').notNull().$type<RosterEntry[]>(),
    /** SHA-256 (hex) of the roster statement's canonical JSON; every vote names it. */
    rosterHash: text('roster_hash').notNull(),
    /** The roster statement exactly as sealed, and the system seal's detached CMS over it. */
    rosterPayload: text('roster_payload').notNull(),
    rosterSignature: text('roster_signature').notNull(),
    /** Members present when the poll opened (for quorum and a 'present' base). */
    presentCount: integer('present_count').notNull(),
    paperHashes: jsonb('paper_hashes').notNull().$type<PaperHash[]>().default([]),
    openedBy: uuid('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: jsonb('outcome').$type<Outcome>(),
  },
  (t) => [index('cabinet_polls_meeting_idx').on(t.meetingId, t.openedAt)],
);

/**
 * A member's signed vote, or one recorded on their behalf by staff (signed by the recorder) and unratified
 * until the member signs a ratification. One per member per poll; never updated except by ratification.
 */
export const votes = pgTable(
  'cabinet_votes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    choice: text('choice').notNull(),
    /** The vote's canonical JSON exactly as signed, its SHA-256 (hex) and the signer's detached CMS. */
    payload: text('payload').notNull(),
    payloadSha256: text('payload_sha256').notNull(),
    signature: text('signature').notNull(),
    /** The identity certificate that signed (the member's, or the recorder's for a vote recorded on behalf). */
    certificateId: uuid('certificate_id').notNull(),
    /** Staff who recorded the vote on the member's behalf (only if the profile allows); null: the member's own. */
    recordedBy: uuid('recorded_by'),
    evidence: text('evidence'),
    ratificationPayload: text('ratification_payload'),
    ratificationSignature: text('ratification_signature'),
    ratifiedAt: timestamp('ratified_at', { withTimezone: true }),
    /** The server's receipt: canonical JSON and the system seal's CMS over it. */
    receiptPayload: text('receipt_payload').notNull(),
    receiptSignature: text('receipt_signature').notNull(),
    /** Position in the poll's evidence log. */
    logSeq: integer('log_seq').notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('cabinet_votes_poll_person_key').on(t.pollId, t.personId)],
);

/** A written opinion ballot (phiếu lấy ý kiến thành viên Chính phủ) sent to a body's members between sessions. */
export const ballots = pgTable(
  'cabinet_ballots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    /** Its number once sent, e.g. "12/PLYK-VPCP". */
    reference: text('reference'),
    title: text('title').notNull(),
    /** The summary of the matter and the points on which opinions still differ. */
    summary: text('summary').notNull().default(''),
    questions: jsonb('questions').notNull().$type<BallotQuestion[]>(),
    state: text('state').notNull().$type<BallotState>(),
    ruleProfileId: uuid('rule_profile_id')
      .notNull()
      .references(() => ruleProfiles.id),
    /** Working days to answer, counted from sending (within the profile's ballotMin..ballotMax). */
    answerDays: integer('answer_days').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }),
    /** Set when the deadline was extended: the deadline before the first extension. */
    originalDeadline: timestamp('original_deadline', { withTimezone: true }),
    roster: jsonb('roster').$type<RosterEntry[]>(),
    rosterHash: text('roster_hash'),
    rosterPayload: text('roster_payload'),
    rosterSignature: text('roster_signature'),
    /** The follow-up officer in the Government Office who gets the escalations. */
    followUpBy: uuid('follow_up_by'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    sentBy: uuid('sent_by'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    recalledReason: text('recalled_reason'),
    outcome: jsonb('outcome').$type<Record<string, Outcome>>(),
    /** The signed result report (PDF, sealed) in the file store, by SHA-256. */
    resultSha256: text('result_sha256'),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [index('cabinet_ballots_body_idx').on(t.bodyId, t.createdAt)],
);

/** The papers sent with a ballot (tờ trình, dự thảo, báo cáo thẩm định…), each file by SHA-256 in the file store. */
export const ballotPapers = pgTable(
  'cabinet_ballot_papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('cabinet_ballot_papers_ballot_idx').on(t.ballotId, t.position)],
);

/** Each roster member of a sent ballot: the response board, the secretary's draft, and the signed answer. */
export const ballotResponses = pgTable(
  'cabinet_ballot_responses',
  {
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    state: text('state').notNull().$type<BallotResponseState>(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    /** The draft answers (by the member or their secretary) until signed. */
    draft:
      jsonb('draft').$type<
        { questionId: string; choice: BallotChoice; optionId?: string; text?: string }[]
      >(),
    draftedBy: uuid('drafted_by'),
    draftedAt: timestamp('drafted_at', { withTimezone: true }),
    /** The signed answer: canonical JSON as signed, its SHA-256, the member's CMS, the certificate. */
    payload: text('payload'),
    payloadSha256: text('payload_sha256'),
    signature: text('signature'),
    certificateId: uuid('certificate_id'),
    receiptPayload: text('receipt_payload'),
    receiptSignature: text('receipt_signature'),
    logSeq: integer('log_seq'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.ballotId, t.personId] }),
    index('cabinet_ballot_responses_person_idx').on(t.personId),
  ],
);

/** Each reminder or overdue warning sent for a ballot to a member (and their secretaries), once. */
export const ballotAlerts = pgTable(
  'cabinet_ballot_alerts',
  {
    ballotId: uuid('ballot_id')
      .notNull()
      .references(() => ballots.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull().$type<BallotAlert>(),
    /** The deadline the alert was about: an extension starts the reminders again. */
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.personId, t.kind, t.deadline] })],
);

/**
 * The evidence log: per decision, an append-only hash chain over every roster, vote, ratification, answer
 * and close. hash = SHA-256(canonical JSON {decision, seq, type, payloadSha256, prev}); see decisions.log.ts.
 */
export const decisionLog = pgTable(
  'cabinet_decision_log',
  {
    decisionKind: text('decision_kind').notNull().$type<DecisionKind>(),
    decisionId: uuid('decision_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull().$type<LogEntryType>(),
    /** The row the entry stands for (a vote, a ballot response's person …), to find it from the log. */
    ref: text('ref'),
    payloadSha256: text('payload_sha256').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionKind, t.decisionId, t.seq] })],
);

/** A signed checkpoint of a decision's log at close: its size and head hash, sealed by the system. */
export const decisionCheckpoints = pgTable(
  'cabinet_decision_checkpoints',
  {
    decisionKind: text('decision_kind').notNull().$type<DecisionKind>(),
    decisionId: uuid('decision_id').notNull(),
    size: integer('size').notNull(),
    headHash: text('head_hash').notNull(),
    payload: text('payload').notNull(),
    signature: text('signature').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionKind, t.decisionId, t.size] })],
);
