/**
 * How a decision stands under its rule profile — the same function for a poll in the room, a ballot question,
 * and `cpdt verify` re-counting an export offline. Rules as data (model.ts MeetingRules): the pass threshold
 * and its base (for the Government: more than half of ALL members, not of those present or voting), the tie
 * rule (the side the chair — the Prime Minister — voted for prevails), quorum, and for ballots what silence
 * counts as. While open it says passes / fails / cannot pass any more / undecided; at close, the result.
 */
import type { MeetingRules, Outcome, OutcomeResult, RosterEntry } from './model.js';
import { quorumRequired } from './rules.js';

export interface CountedVote {
  personId: string;
  choice: string;
  /** False for a vote recorded on the member's behalf that the member has not yet signed. */
  ratified: boolean;
}

export interface OutcomeInput {
  rules: Pick<MeetingRules, 'quorum' | 'pass' | 'tieBreak' | 'ballotNonResponse'>;
  roster: readonly Pick<RosterEntry, 'personId' | 'chair'>[];
  votes: readonly CountedVote[];
  /** The choice that means "in favour" ('yes' in a poll, 'agree' on a ballot, or the option weighed). */
  favour: string;
  /** The choices that mean "against" ('no'; on a ballot, another opinion or option). */
  against: readonly string[];
  /** Members present (polls: quorum and the 'present' base); null for a ballot, which has no quorum. */
  present: number | null;
  /** Closed: the result is final and, on a ballot, non-replies are counted as the profile says. */
  final: boolean;
  /** A ballot: the profile's non-response policy applies at close. */
  ballot: boolean;
}

function threshold(base: number, pass: MeetingRules['pass']): number {
  const exact = (base * pass.numerator) / pass.denominator;
  return pass.op === '>' ? Math.floor(exact) + 1 : Math.ceil(exact);
}

const LIVE: Partial<Record<OutcomeResult, OutcomeResult>> = {
  passed: 'passing',
  passed_by_tie_break: 'passing',
  rejected: 'failing',
  rejected_by_tie_break: 'failing',
  not_decided: 'undecided',
};

export function evaluateOutcome(input: OutcomeInput): Outcome {
  const { rules, roster, votes, final } = input;
  const onRoster = new Set(roster.map((r) => r.personId));
  const counted = votes.filter((v) => onRoster.has(v.personId));
  const counts: Record<string, number> = {};
  for (const v of counted) counts[v.choice] = (counts[v.choice] ?? 0) + 1;
  const missing = roster.length - counted.length;
  const deemed = final && input.ballot && rules.ballotNonResponse === 'deemed_agree' ? missing : 0;
  // A ballot's non-replies counted as abstentions at close: they stand in a 'cast' base like any abstention.
  const silentAbstain = final && input.ballot && rules.ballotNonResponse === 'abstain' ? missing : 0;
  const unratified = counted.filter((v) => !v.ratified).length;
  const favour = (counts[input.favour] ?? 0) + deemed;
  const against = input.against.reduce((n, c) => n + (counts[c] ?? 0), 0);

  const base =
    rules.pass.base === 'total'
      ? roster.length
      : rules.pass.base === 'present'
        ? (input.present ?? roster.length)
        : counted.length + deemed + silentAbstain;
  const needed = threshold(base, rules.pass);
  const trace: Outcome['trace'] = [
    {
      vi: `Cần ${needed} phiếu tán thành (${rules.pass.op === '>' ? 'quá' : 'ít nhất'} ${rules.pass.numerator}/${rules.pass.denominator} của ${base}${rules.pass.base === 'total' ? ' thành viên' : rules.pass.base === 'present' ? ' người có mặt' : ' phiếu'}).`,
      en: `${needed} votes in favour needed (${rules.pass.op === '>' ? 'more than' : 'at least'} ${rules.pass.numerator}/${rules.pass.denominator} of ${base} ${rules.pass.base === 'total' ? 'members' : rules.pass.base === 'present' ? 'present' : 'votes cast'}).`,
    },
  ];
  if (silentAbstain > 0)
    trace.push({
      vi: `${silentAbstain} thành viên không trả lời được tính là không biểu quyết (phiếu trắng) theo quy chế.`,
      en: `${silentAbstain} members who did not answer count as abstaining under the rules.`,
    });
  if (deemed > 0)
    trace.push({
      vi: `${deemed} thành viên không trả lời được tính là đồng ý theo quy chế.`,
      en: `${deemed} members who did not answer are deemed to agree under the rules.`,
    });

  const quorum = quorumRequired(roster.length, rules);
  let result: OutcomeResult;
  if (input.present !== null && input.present < quorum) {
    trace.push({
      vi: `Chưa đủ số thành viên có mặt (${input.present}/${quorum}).`,
      en: `Not enough members present (${input.present}/${quorum}).`,
    });
    result = final ? 'no_quorum' : 'undecided';
  } else if (favour >= needed) {
    result = 'passed';
  } else if (against >= needed) {
    result = 'rejected';
  } else if (!final && missing > 0) {
    result = favour + missing < needed ? 'cannot_pass' : 'undecided';
  } else if (favour === against && favour > 0 && rules.tieBreak !== 'none') {
    const chair = roster.find((r) => r.chair);
    const chairVote = chair ? counted.find((v) => v.personId === chair.personId)?.choice : undefined;
    if (rules.tieBreak === 'fails') result = 'rejected_by_tie_break';
    else if (chairVote === input.favour) result = 'passed_by_tie_break';
    else if (chairVote !== undefined && input.against.includes(chairVote)) result = 'rejected_by_tie_break';
    else result = 'not_decided';
    trace.push({
      vi: `Số phiếu ngang nhau (${favour}–${against}): ${rules.tieBreak === 'fails' ? 'không thông qua' : 'theo ý kiến người chủ trì đã biểu quyết'}.`,
      en: `Tied (${favour}–${against}): ${rules.tieBreak === 'fails' ? 'not passed' : 'the side the chair voted for prevails'}.`,
    });
  } else {
    result = final ? 'not_decided' : favour + missing < needed ? 'cannot_pass' : 'undecided';
  }
  if (!final) result = LIVE[result] ?? result;
  return { result, final, base, needed, counts, deemed, unratified, missing, trace };
}
