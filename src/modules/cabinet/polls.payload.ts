/**
 * What a member signs in a poll: the vote and the ratification of a vote recorded on their behalf, as
 * canonical JSON (RFC 8785) with exactly the keys of docs/signatures.md, and the checks the server makes on
 * what comes back signed. The receipt, close statement and checkpoint the system seals are here too.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { DecisionOption, Outcome, PaperHash, PollKind } from './model.js';
import { PollErrors } from './polls.errors.js';

export interface VotePayload {
  type: 'cpdt.vote';
  poll: string;
  question: string;
  member: string;
  memberName: string;
  choice: string;
  choiceLabel: string;
  rosterHash: string;
  papers: PaperHash[];
  castAt: string;
  nonce: string;
  recordedBy?: string;
  evidence?: string;
}

export interface RatificationPayload {
  type: 'cpdt.ratification';
  poll: string;
  member: string;
  votePayloadSha256: string;
  ratifiedAt: string;
  nonce: string;
}

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));
const PaperHashSchema = z.object({ versionId: z.string(), title: z.string(), sha256: z.string() }).strict();

const VoteSchema = z
  .object({
    type: z.literal('cpdt.vote'),
    poll: z.string(),
    question: z.string(),
    member: z.string(),
    memberName: z.string(),
    choice: z.string(),
    choiceLabel: z.string(),
    rosterHash: hex(64),
    papers: z.array(PaperHashSchema),
    castAt: z.string().datetime(),
    nonce: hex(32),
    recordedBy: z.string().optional(),
    evidence: z.string().min(1).max(2000).optional(),
  })
  .strict();

const RatificationSchema = z
  .object({
    type: z.literal('cpdt.ratification'),
    poll: z.string(),
    member: z.string(),
    votePayloadSha256: hex(64),
    ratifiedAt: z.string().datetime(),
    nonce: hex(32),
  })
  .strict();

/** How far a signed instant in a payload may be from the server's clock when it arrives. */
export const PAYLOAD_TIME_TOLERANCE_MS = 10 * 60_000;

const invalid = (reason: string) => new AppError(PollErrors.CABINET_VOTE_PAYLOAD_INVALID, { reason });

/** The payload parsed and checked to be canonical JSON of the right shape (CABINET_VOTE_PAYLOAD_INVALID). */
function parseCanonical<T>(payload: string, schema: z.ZodType<T>, at: Date, timeField: keyof T): T {
  if (typeof payload !== 'string' || payload.length > 64_000) throw invalid('size');
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    throw invalid('json');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid('shape');
  if (canonicalJson(parsed.data) !== payload) throw invalid('not_canonical');
  const when = Date.parse(parsed.data[timeField] as string);
  if (!Number.isFinite(when) || Math.abs(when - at.getTime()) > PAYLOAD_TIME_TOLERANCE_MS)
    throw invalid('time');
  return parsed.data;
}

export function parseVote(payload: string, at: Date): VotePayload {
  return parseCanonical(payload, VoteSchema as z.ZodType<VotePayload>, at, 'castAt');
}

export function parseRatification(payload: string, at: Date): RatificationPayload {
  return parseCanonical(payload, RatificationSchema as z.ZodType<RatificationPayload>, at, 'ratifiedAt');
}

export const nonce = (): string => crypto.randomBytes(16).toString('hex');

/** Yes / no / abstain as the Government's minutes name them. */
export const CHOICE_LABELS: Record<string, { vi: string; en: string }> = {
  yes: { vi: 'Tán thành', en: 'In favour' },
  no: { vi: 'Không tán thành', en: 'Against' },
  abstain: { vi: 'Không biểu quyết', en: 'Abstain' },
};

/** The choices of a poll, with their labels (an option's label is the same in both languages). */
export function choicesOf(
  kind: PollKind,
  options: readonly DecisionOption[],
): { id: string; vi: string; en: string }[] {
  if (kind === 'yes_no_abstain')
    return Object.entries(CHOICE_LABELS).map(([id, l]) => ({ id, vi: l.vi, en: l.en }));
  return options.map((o) => ({ id: o.id, vi: o.label, en: o.label }));
}

export function samePapers(a: readonly PaperHash[], b: readonly PaperHash[]): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export interface ReceiptPayload {
  type: 'cpdt.receipt';
  poll: string;
  member: string;
  payloadSha256: string;
  logSeq: number;
  logHash: string;
  receivedAt: string;
}

export interface CloseStatement {
  type: 'cpdt.close';
  decision: { kind: 'poll'; id: string };
  closedAt: string;
  closedBy: string;
  outcome: Outcome;
}

export interface CheckpointStatement {
  type: 'cpdt.checkpoint';
  decision: { kind: 'poll' | 'ballot'; id: string };
  size: number;
  head: string;
  at: string;
  outcome: unknown;
}
