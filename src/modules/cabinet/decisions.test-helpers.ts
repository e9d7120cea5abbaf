/**
 * Fixtures for the evidence tests (export, `cpdt verify`) and the votes benchmark: a body whose seats are the
 * roster, a meeting in progress with its members checked in, and polls opened, voted on with real signatures
 * (test keys with demo-CA certificates) and closed through the polls service — nothing inserted by hand.
 */
import { eq } from 'drizzle-orm';
import { insertRuleProfile } from '../../../test/support/cabinet.js';
import { testSigner, type TestSigner } from '../../../test/support/signing.js';
import type { TestPlatform } from '../../../test/support/platform.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { ensureBuiltinRoles, ensurePerson } from '../identity/index.js';
import { agencies } from '../identity/schema.js';
import { castVote, closePoll, openPoll, prepareVote, warmVoters, type PollActor } from './polls.service.js';
import type { PollKind } from './model.js';
import { agendaItems, bodies, bodyMembers, meetings, participants } from './schema.js';

export interface VotingWorld {
  p: TestPlatform;
  agencyId: string;
  bodyId: string;
  meetingId: string;
  itemId: string;
  /** The chair first, then the members, each with a signing key and a registered certificate. */
  members: { personId: string; signer: TestSigner }[];
  chair: string;
}

/** `n` voting seats (the first chairs), a meeting in progress with all of them checked in, one agenda item. */
export async function votingWorld(p: TestPlatform, n = 3, prefix = 'tv'): Promise<VotingWorld> {
  const now = p.clock.now();
  const [agency] = await p.db
    .insert(agencies)
    .values({
      code: `000.00.00.H${String(10 + (Math.abs(hash(prefix)) % 80)).padStart(2, '0')}`,
      nameVi: `UBND ${prefix}`,
      level: 'province',
    })
    .returning({ id: agencies.id });
  const profileId = await insertRuleProfile(p.db, `EVIDENCE-${prefix}`);
  const [body] = await p.db
    .insert(bodies)
    .values({
      code: `EV-${prefix}`,
      nameVi: `UBND thử ${prefix}`,
      kind: 'province_pc',
      agencyId: agency!.id,
      ruleProfileCode: `EVIDENCE-${prefix}`,
    })
    .returning({ id: bodies.id });
  const ids: string[] = [];
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    for (let i = 0; i < n; i++)
      ids.push(
        await ensurePerson(tx, SYSTEM_CONTEXT, {
          username: `${prefix}-${i + 1}`,
          displayName: i === 0 ? `Chủ tịch ${prefix}` : `Ủy viên ${prefix} ${i + 1}`,
          agencyId: agency!.id,
          roles: ['official'],
        }),
      );
  });
  await p.db.insert(bodyMembers).values(
    ids.map((personId, i) => ({
      bodyId: body!.id,
      personId,
      role: i === 0 ? ('chair' as const) : ('member' as const),
      titleVi: i === 0 ? 'Chủ tịch' : 'Ủy viên',
      voting: true,
      rank: i + 1,
      validFrom: '2020-01-01',
    })),
  );
  const [meeting] = await p.db
    .insert(meetings)
    .values({
      bodyId: body!.id,
      ruleProfileId: profileId,
      title: `Phiên họp thường kỳ (${prefix})`,
      kind: 'regular',
      status: 'in_progress',
      plannedStart: now,
      plannedEnd: new Date(now.getTime() + 3 * 3600_000),
      actualStart: now,
      papersDueOn: '2020-01-01',
      chairId: ids[0]!,
      createdBy: ids[0]!,
    })
    .returning({ id: meetings.id });
  const [item] = await p.db
    .insert(agendaItems)
    .values({ meetingId: meeting!.id, position: 1, title: 'Tờ trình dự thảo Nghị quyết', plannedMinutes: 30 })
    .returning({ id: agendaItems.id });
  await p.db.update(meetings).set({ currentItemId: item!.id }).where(eq(meetings.id, meeting!.id));
  await p.db.insert(participants).values(
    ids.map((personId, i) => ({
      meetingId: meeting!.id,
      personId,
      role: i === 0 ? ('chair' as const) : ('member' as const),
      voting: true,
      attendance: 'checked_in' as const,
      checkedInAt: now,
    })),
  );
  const members = [];
  for (const personId of ids) members.push({ personId, signer: await testSigner(p, personId) });
  return {
    p,
    agencyId: agency!.id,
    bodyId: body!.id,
    meetingId: meeting!.id,
    itemId: item!.id,
    members,
    chair: ids[0]!,
  };
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

export function actorOf(w: VotingWorld, personId: string): PollActor {
  return {
    personId,
    agencyId: w.agencyId,
    permissions: new Set<string>(),
    audit: SYSTEM_CONTEXT,
    now: w.p.clock.now(),
  };
}

export async function openTestPoll(
  w: VotingWorld,
  question = 'Thông qua dự thảo Nghị quyết?',
  kind: PollKind = 'yes_no_abstain',
  options?: string[],
): Promise<string> {
  const r = await w.p.db.transaction((tx) =>
    openPoll(tx, w.p, actorOf(w, w.chair), w.meetingId, { question, kind, options }),
  );
  await warmVoters(w.p, r.voters); // as the route does once the poll is open (there without waiting)
  return r.pollId;
}

/** The member prepares, signs the signed attributes with their key (as a browser does) and casts. */
export async function castTestVote(
  w: VotingWorld,
  pollId: string,
  member: { personId: string; signer: TestSigner },
  choice: string,
) {
  const prepared = await w.p.db.transaction((tx) =>
    prepareVote(tx, actorOf(w, member.personId), w.meetingId, pollId, {
      choice,
      certificateId: member.signer.certificateId,
    }),
  );
  const signature = member.signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64');
  return w.p.db.transaction((tx) =>
    castVote(tx, w.p, actorOf(w, member.personId), w.meetingId, pollId, {
      payload: prepared.payload,
      toBeSigned: prepared.toBeSigned,
      signature,
      certificateId: prepared.certificateId,
    }),
  );
}

export async function closeTestPoll(w: VotingWorld, pollId: string) {
  return w.p.db.transaction((tx) => closePoll(tx, w.p, actorOf(w, w.chair), w.meetingId, pollId));
}

/** A poll opened, voted on by every member with `choices[i]` (null: does not vote) and closed. */
export async function closedTestPoll(w: VotingWorld, choices: (string | null)[]): Promise<string> {
  const pollId = await openTestPoll(w);
  for (const [i, choice] of choices.entries())
    if (choice !== null) await castTestVote(w, pollId, w.members[i]!, choice);
  await closeTestPoll(w, pollId);
  return pollId;
}
