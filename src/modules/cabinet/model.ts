/** The e-Cabinet's vocabulary, shared by the schema, the services, the routes and the seed. */

export const BODY_KINDS = ['government', 'province_pc', 'ministry', 'commune_pc', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** Roles in a body: the chair, members (who vote), and the office that prepares its meetings. */
export const BODY_ROLES = ['chair', 'deputy_chair', 'member', 'office_leader', 'office_specialist'] as const;
export type BodyRole = (typeof BODY_ROLES)[number];

export const MEETING_KINDS = ['regular', 'thematic', 'ad_hoc'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** draft → invited → in_progress → ended → concluded (or cancelled before it starts). */
export const MEETING_STATUSES = [
  'draft',
  'invited',
  'in_progress',
  'ended',
  'concluded',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Who takes part: members of the body (substitutes attend for one), invited guests, the secretariat. */
export const PARTICIPANT_ROLES = ['chair', 'member', 'substitute', 'guest', 'secretariat'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const ATTENDANCE_STATES = [
  'invited',
  'confirmed',
  'absence_requested',
  'absence_approved',
  'absence_refused',
  'checked_in',
  'left',
] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

export const AGENDA_STATES = ['pending', 'in_discussion', 'done', 'deferred'] as const;
export type AgendaState = (typeof AGENDA_STATES)[number];

/**
 * Độ mật (Luật Bảo vệ bí mật nhà nước 2018): Mật, Tối mật, Tuyệt mật circulate on paper only; the system keeps
 * a metadata stub and never accepts their content.
 */
export const CLASSIFICATIONS = ['public', 'internal', 'mat', 'toi_mat', 'tuyet_mat'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const PAPER_ONLY: ReadonlySet<Classification> = new Set(['mat', 'toi_mat', 'tuyet_mat']);

export const PAPER_KINDS = [
  'submission',
  'draft_law',
  'draft_decree',
  'report',
  'proposal',
  'other',
] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

/** A rule profile's rules (rules as data, dated, with their legal basis); checked by zod in rules.ts. */
export interface MeetingRules {
  /** Quorum: at least numerator/denominator of the seated members present (2/3 for the Government). */
  quorum: { numerator: number; denominator: number };
  /** A decision passes with more than (or at least) the fraction of the base: > 1/2 of all members. */
  pass: { op: '>' | '>='; numerator: number; denominator: number; base: 'total' | 'present' | 'cast' };
  tieBreak: 'chair_prevails' | 'fails' | 'none';
  substituteCanVote: boolean;
  ballotNonResponse: 'deemed_agree' | 'abstain' | 'not_counted';
  proxyCapture: 'forbidden' | 'with_ratification';
  /** Deadlines in working days. */
  deadlines: {
    /** Papers and invitation at least this many working days before the meeting. */
    papersBefore: number;
    /** Conclusion notice within this many working days after. */
    conclusionAfter: number;
    ballotMin: number;
    ballotMax: number;
  };
}

export interface LegalBasis {
  instrument: string;
  articles: string[];
  /** False while the text is from a secondary source and not yet checked against the gazette. */
  verified: boolean;
}

/** How a version's viewable PDF stands: made on upload (PDF, images) or by the office converter (DOCX). */
export const VIEW_STATES = ['pending', 'ready', 'failed', 'unavailable'] as const;
export type ViewState = (typeof VIEW_STATES)[number];

/** A member's position on an agenda item, given before the meeting (written opinion). */
export const OPINION_POSITIONS = ['agree', 'agree_with_comments', 'disagree', 'other'] as const;
export type OpinionPosition = (typeof OPINION_POSITIONS)[number];
/** A secretary's draft is not the member's opinion until the member submits it. */
export const OPINION_STATES = ['draft', 'submitted'] as const;
export type OpinionState = (typeof OPINION_STATES)[number];

/** The list of speakers: asked → (ordered) → called → speaking → done; or withdrawn by the speaker. */
export const SPEAKER_STATES = ['requested', 'called', 'speaking', 'done', 'withdrawn'] as const;
export type SpeakerState = (typeof SPEAKER_STATES)[number];

export const MINUTES_STATES = ['draft', 'approved'] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];

export const CONCLUSION_STATES = ['draft', 'issued'] as const;
export type ConclusionState = (typeof CONCLUSION_STATES)[number];

export const TASK_STATES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * Alerts about a task, each sent once (the unique key makes the reminder job idempotent): a reminder some
 * working days before it is due, then escalating warnings once it is overdue.
 */
export const TASK_ALERTS = ['due_soon', 'due_today', 'overdue', 'overdue_escalated'] as const;
export type TaskAlert = (typeof TASK_ALERTS)[number];

/** W3C Web Annotation TextQuoteSelector, plus the page it was made on (a hint, not the anchor). */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  page: number;
}

/** The minutes as sections generated from what happened, each editable by the secretary. */
export interface MinutesSection {
  key: string;
  heading: string;
  body: string;
}
