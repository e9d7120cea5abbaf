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

/*
 * Decisions: polls in the meeting room and written opinion ballots (phiếu lấy ý kiến) share the roster, the
 * outcome rules and the hash-chained evidence log (decisions.*.ts).
 */

/** One person on a decision's roster, snapshotted (and sealed) when the poll or ballot opens. */
export interface RosterEntry {
  personId: string;
  fullName: string;
  title: string | null;
  /** The body's chair (the Prime Minister): on a tie, the side they voted for prevails if the profile says so. */
  chair: boolean;
}

/** The sealed roster: who "all members" are for this decision. Its canonical JSON's SHA-256 is the rosterHash. */
export interface RosterStatement {
  type: 'cpdt.roster';
  decision: { kind: DecisionKind; id: string };
  bodyId: string;
  takenAt: string;
  members: RosterEntry[];
}

export const DECISION_KINDS = ['poll', 'ballot'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Poll choices: yes / no / abstain, or the poll's own options (their ids). */
export const POLL_KINDS = ['yes_no_abstain', 'options'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const YES_NO_ABSTAIN = ['yes', 'no', 'abstain'] as const;

export const POLL_STATES = ['open', 'closed', 'cancelled'] as const;
export type PollState = (typeof POLL_STATES)[number];

export interface DecisionOption {
  id: string;
  label: string;
}

/** The SHA-256 of a paper version shown with the poll or sent with the ballot: what the signer had in front of them. */
export interface PaperHash {
  versionId: string;
  title: string;
  sha256: string;
}

/**
 * A ballot: drafted by the Government Office, submitted, approved, sent (open) with a deadline that may be
 * extended, then closed and tallied; recalled (withdrawn) by the office before it closes; a draft may be cancelled.
 */
export const BALLOT_STATES = [
  'draft',
  'submitted',
  'approved',
  'open',
  'closed',
  'recalled',
  'cancelled',
] as const;
export type BallotState = (typeof BALLOT_STATES)[number];

/** Answers to a ballot question: agree, another opinion (free text), another option (one of the question's). */
export const BALLOT_CHOICES = ['agree', 'other_opinion', 'other_option'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];

export interface BallotQuestion {
  id: string;
  text: string;
  /** The alternatives a member may pick with "Phương án khác"; empty: that answer is not offered. */
  options: DecisionOption[];
}

/** Where a recipient's answer stands (the response board). */
export const BALLOT_RESPONSE_STATES = ['pending', 'drafted', 'signed', 'deemed'] as const;
export type BallotResponseState = (typeof BALLOT_RESPONSE_STATES)[number];

/** Reminders before the deadline and warnings after it, each sent once per recipient. */
export const BALLOT_ALERTS = ['h48', 'h24', 'h4', 'overdue', 'overdue_escalated'] as const;
export type BallotAlert = (typeof BALLOT_ALERTS)[number];

/** What each entry of the evidence log is. */
export const LOG_ENTRY_TYPES = ['roster', 'vote', 'ratification', 'answer', 'deemed', 'close'] as const;
export type LogEntryType = (typeof LOG_ENTRY_TYPES)[number];

/**
 * How a decision stands, from the rule profile and the roster: passes / fails / cannot pass any more /
 * undecided while open; passed / rejected (possibly by the tie rule) / undecided / no quorum at close.
 */
export const OUTCOME_RESULTS = [
  'passing',
  'failing',
  'cannot_pass',
  'undecided',
  'passed',
  'passed_by_tie_break',
  'rejected',
  'rejected_by_tie_break',
  'not_decided',
  'no_quorum',
] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export interface Outcome {
  result: OutcomeResult;
  final: boolean;
  /** "All members": the roster's size (or those present / votes cast, as the profile's base says). */
  base: number;
  /** Votes needed to pass: the smallest count that satisfies the profile's threshold. */
  needed: number;
  counts: Record<string, number>;
  /** Non-replies counted as agreement (ballots, when the profile deems silence agreement). */
  deemed: number;
  /** Votes recorded on behalf and not yet ratified by the member. */
  unratified: number;
  /** Roster members who have not voted or answered. */
  missing: number;
  /** The reasoning, in Vietnamese and English, citing the profile. */
  trace: { vi: string; en: string }[];
}
