/**
 * evaluateOutcome: the Government's rules (more than half of ALL members, quorum 2/3, the Prime Minister's
 * side on a tie), other bases and tie rules, the live indicator (passes / fails / cannot pass / undecided),
 * unratified votes and the ballot's non-reply policies.
 */
import { describe, expect, it } from 'vitest';
import { evaluateOutcome, type CountedVote, type OutcomeInput } from './decisions.outcome.js';
import type { MeetingRules } from './model.js';

const GOV: OutcomeInput['rules'] = {
  quorum: { numerator: 2, denominator: 3 },
  pass: { op: '>', numerator: 1, denominator: 2, base: 'total' },
  tieBreak: 'chair_prevails',
  ballotNonResponse: 'not_counted',
};

/** n members, the first chairs. */
const roster = (n: number) => Array.from({ length: n }, (_, i) => ({ personId: `p${i}`, chair: i === 0 }));

/** Votes for p0, p1, … in order; `unratified` marks indexes recorded on behalf and not yet signed. */
const cast = (choices: string[], unratified: number[] = []): CountedVote[] =>
  choices.map((choice, i) => ({ personId: `p${i}`, choice, ratified: !unratified.includes(i) }));

function poll(
  n: number,
  choices: string[],
  extra: Omit<Partial<OutcomeInput>, 'rules'> & { rules?: Partial<MeetingRules> } = {},
) {
  const { rules, ...rest } = extra;
  return evaluateOutcome({
    rules: { ...GOV, ...rules },
    roster: roster(n),
    votes: cast(choices),
    favour: 'yes',
    against: ['no'],
    present: n,
    final: true,
    ballot: false,
    ...rest,
  });
}

describe('the Government’s rule: more than half of all members', () => {
  it('needs 14 of 27, whoever is present or votes', () => {
    const yes13 = poll(27, [...Array(13).fill('yes'), ...Array(2).fill('no')], { present: 20 });
    expect(yes13).toMatchObject({ result: 'not_decided', base: 27, needed: 14, missing: 12 });
    expect(poll(27, Array(14).fill('yes'), { present: 18 }).result).toBe('passed');
    expect(poll(27, Array(14).fill('no'), { present: 18 }).result).toBe('rejected');
  });

  it('without quorum (2/3 of 27 = 18) nothing is decided', () => {
    const o = poll(27, Array(17).fill('yes'), { present: 17 });
    expect(o.result).toBe('no_quorum');
    expect(o.trace.at(-1)!.vi).toContain('17/18');
    expect(poll(27, Array(17).fill('yes'), { present: 17, final: false }).result).toBe('undecided');
  });

  it('on a tie the side the chair voted for prevails; a chair who abstained decides nothing', () => {
    expect(poll(4, ['yes', 'no', 'yes', 'no']).result).toBe('passed_by_tie_break');
    expect(poll(4, ['no', 'yes', 'no', 'yes']).result).toBe('rejected_by_tie_break');
    expect(poll(5, ['abstain', 'yes', 'no', 'yes', 'no']).result).toBe('not_decided');
    expect(poll(4, ['yes', 'no', 'yes', 'no'], { rules: { tieBreak: 'fails' } }).result).toBe(
      'rejected_by_tie_break',
    );
    expect(poll(4, ['yes', 'no', 'yes', 'no'], { rules: { tieBreak: 'none' } }).result).toBe('not_decided');
    // The tie rule only settles a tie: 1–1 with one abstention among three.
    expect(poll(3, ['yes', 'no', 'abstain']).result).toBe('passed_by_tie_break');
    expect(poll(3, ['yes', 'no', 'abstain']).trace.at(-1)!.en).toContain('chair');
  });

  it('counts only people on the roster (a substitute’s vote is not a vote)', () => {
    const o = evaluateOutcome({
      rules: GOV,
      roster: roster(3),
      votes: [...cast(['yes']), { personId: 'substitute', choice: 'yes', ratified: true }],
      favour: 'yes',
      against: ['no'],
      present: 3,
      final: true,
      ballot: false,
    });
    expect(o.counts).toEqual({ yes: 1 });
    expect(o.result).toBe('not_decided');
  });
});

describe('live, while open', () => {
  it('says passes / fails / cannot pass any more / undecided', () => {
    expect(poll(5, ['yes', 'yes', 'yes'], { final: false }).result).toBe('passing');
    expect(poll(5, ['no', 'no', 'no'], { final: false }).result).toBe('failing');
    expect(poll(5, ['no', 'no', 'abstain'], { final: false }).result).toBe('cannot_pass');
    expect(poll(5, ['yes', 'no'], { final: false }).result).toBe('undecided');
    expect(poll(4, ['yes', 'no', 'yes', 'no'], { final: false }).result).toBe('passing');
    expect(poll(5, ['yes'], { final: false })).toMatchObject({ final: false, missing: 4, needed: 3 });
  });
});

describe('other bases', () => {
  it('present: more than half of those present', () => {
    expect(
      poll(10, ['yes', 'yes', 'yes', 'yes'], {
        present: 7,
        rules: { pass: { op: '>', numerator: 1, denominator: 2, base: 'present' } },
      }),
    ).toMatchObject({
      result: 'passed',
      base: 7,
      needed: 4,
    });
  });

  it('cast: at least two thirds of the votes cast', () => {
    const rules = { pass: { op: '>=', numerator: 2, denominator: 3, base: 'cast' } } as const;
    expect(poll(10, ['yes', 'yes', 'no'], { rules })).toMatchObject({ result: 'passed', base: 3, needed: 2 });
    expect(poll(10, ['yes', 'no', 'no'], { rules })).toMatchObject({
      result: 'rejected',
      base: 3,
      needed: 2,
    });
  });
});

describe('recorded on behalf', () => {
  it('counts the vote and reports it as unratified', () => {
    const o = evaluateOutcome({
      rules: GOV,
      roster: roster(3),
      votes: cast(['yes', 'yes'], [1]),
      favour: 'yes',
      against: ['no'],
      present: 3,
      final: true,
      ballot: false,
    });
    expect(o).toMatchObject({ result: 'passed', unratified: 1 });
  });
});

describe('ballots: the profile’s policy for non-replies', () => {
  const ballot = (
    policy: MeetingRules['ballotNonResponse'],
    choices: string[],
    base: MeetingRules['pass']['base'] = 'total',
    final = true,
  ) =>
    evaluateOutcome({
      rules: { ...GOV, ballotNonResponse: policy, pass: { op: '>', numerator: 1, denominator: 2, base } },
      roster: roster(5),
      votes: cast(choices),
      favour: 'agree',
      against: ['other_opinion', 'other_option'],
      present: null,
      final,
      ballot: true,
    });

  it('deemed agreement counts silence as agreement at close, not before', () => {
    expect(ballot('deemed_agree', ['agree', 'other_opinion'])).toMatchObject({ result: 'passed', deemed: 3 });
    expect(ballot('deemed_agree', ['agree', 'other_opinion'], 'total', false)).toMatchObject({
      result: 'undecided',
      deemed: 0,
    });
  });

  it('not counted: silence is left out of a cast base; abstain: it counts in the base as an abstention', () => {
    expect(ballot('not_counted', ['agree', 'agree', 'other_opinion'], 'cast')).toMatchObject({
      result: 'passed',
      base: 3,
      needed: 2,
    });
    expect(ballot('abstain', ['agree', 'agree', 'other_opinion'], 'cast')).toMatchObject({
      result: 'not_decided',
      base: 5,
      needed: 3,
    });
  });

  it('a ballot has no quorum', () => {
    expect(ballot('not_counted', ['agree', 'agree', 'agree']).result).toBe('passed');
  });
});
