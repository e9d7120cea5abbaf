import { ruleProfiles } from '../../src/modules/cabinet/schema.js';
import type { Executor } from '../../src/platform/db/index.js';

/**
 * A rule profile for fixtures (tests and benchmarks): the Government's rules — quorum 2/3, more than half of
 * all members, the chair's side on a tie, 3 working days' notice and 5 for the conclusion — under `code`.
 */
export async function insertRuleProfile(db: Executor, code: string): Promise<string> {
  const [profile] = await db
    .insert(ruleProfiles)
    .values({
      code,
      nameVi: `Quy chế thử ${code}`,
      rules: {
        quorum: { numerator: 2, denominator: 3 },
        pass: { op: '>', numerator: 1, denominator: 2, base: 'total' },
        tieBreak: 'chair_prevails',
        substituteCanVote: false,
        ballotNonResponse: 'not_counted',
        proxyCapture: 'forbidden',
        deadlines: { papersBefore: 3, conclusionAfter: 5, ballotMin: 2, ballotMax: 5 },
      },
      legalBasis: [],
      validFrom: '2020-01-01',
    })
    .returning({ id: ruleProfiles.id });
  return profile!.id;
}
