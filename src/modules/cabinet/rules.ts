/**
 * Meeting rules as data: the zod check every profile passes before it is stored or used, and the working-day
 * arithmetic the rules drive. The profiles themselves, with their legal basis, are in rules.seed.ts.
 */
import { z } from 'zod';
import {
  dayInVietnam,
  formatJdn,
  jdnOfInstant,
  type WorkingCalendar,
} from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors/index.js';
import { CabinetErrors } from './errors.js';
import type { LegalBasis, MeetingRules } from './model.js';

const fraction = z
  .object({ numerator: z.number().int().min(1).max(100), denominator: z.number().int().min(1).max(100) })
  .refine((f) => f.numerator <= f.denominator, { message: 'numerator must not exceed denominator' });

/** Working days: a notice period of more than two months would be a typo. */
const workingDays = z.number().int().min(0).max(60);

export const MeetingRulesSchema = z
  .object({
    quorum: fraction,
    pass: z
      .object({
        op: z.enum(['>', '>=']),
        numerator: z.number().int().min(1).max(100),
        denominator: z.number().int().min(1).max(100),
        base: z.enum(['total', 'present', 'cast']),
      })
      .refine((f) => f.numerator <= f.denominator, { message: 'numerator must not exceed denominator' }),
    tieBreak: z.enum(['chair_prevails', 'fails', 'none']),
    substituteCanVote: z.boolean(),
    ballotNonResponse: z.enum(['deemed_agree', 'abstain', 'not_counted']),
    proxyCapture: z.enum(['forbidden', 'with_ratification']),
    deadlines: z
      .object({
        papersBefore: workingDays,
        conclusionAfter: workingDays,
        ballotMin: workingDays,
        ballotMax: workingDays,
      })
      .refine((d) => d.ballotMin <= d.ballotMax, { message: 'ballotMin must not exceed ballotMax' }),
  })
  .strict() satisfies z.ZodType<MeetingRules>;

export const LegalBasisSchema = z
  .array(
    z.object({
      instrument: z.string().min(1).max(500),
      articles: z.array(z.string().min(1).max(100)).max(50),
      verified: z.boolean(),
    }),
  )
  .min(1) satisfies z.ZodType<LegalBasis[]>;

/** The rules, checked; CABINET_RULES_INVALID with the issues otherwise. */
export function checkRules(input: unknown): MeetingRules {
  const parsed = MeetingRulesSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(CabinetErrors.CABINET_RULES_INVALID, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  return parsed.data;
}

/** Ceil(seated × fraction): 2/3 of 27 members is 18. */
export function quorumRequired(seated: number, rules: Pick<MeetingRules, 'quorum'>): number {
  return Math.ceil((seated * rules.quorum.numerator) / rules.quorum.denominator);
}

/** The meeting's day in Vietnam (YYYY-MM-DD). */
export function meetingDay(start: Date): string {
  return dayInVietnam(start);
}

/**
 * The last day papers may go out on time: `n` working days before the meeting day, counted back so that
 * calendar.addWorkingDays(result, n) lands on the meeting day (the meeting day itself is not a notice day).
 */
export function papersDueOn(calendar: WorkingCalendar, start: Date, n: number): string {
  let day = jdnOfInstant(start);
  for (let left = n; left > 0;) {
    day--;
    if (calendar.isWorkingDay(formatJdn(day))) left--;
  }
  return formatJdn(day);
}
