/**
 * Reminders and overdue warnings for open ballots, to each member who has not signed and to their secretaries
 * (e-mail, SMS, in-app):
 *  - h48, h24, h4: 48, 24 and 4 hours before the deadline;
 *  - overdue: once the deadline has passed;
 *  - overdue_escalated: a working day after the deadline, also to the follow-up officer (or the drafter).
 * Only the stage reached is sent (a member first found 3 hours before the deadline gets h4 only, not h48
 * and h24 as well). Each (ballot, member, stage, deadline) is sent once: its cabinet_ballot_alerts row is
 * inserted (on conflict, nothing) in the same transaction as the messages. An extension moves the deadline, so
 * the reminders start again for the new one.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { dayInVietnam, type WorkingCalendar } from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/platform.js';
import { notifyMember } from './ballots.notify.js';
import { deadlineOn } from './ballots.workflow.js';
import type { BallotAlert } from './model.js';
import { ballotAlerts, ballotResponses, ballots, bodies } from './schema.js';

export const BALLOT_ALERTS_QUEUE = 'cabinet.ballots.alerts';
export const BALLOT_ALERTS_EVERY_MS = 15 * 60_000;

const HOUR = 3600_000;

/** When a ballot's overdue warning escalates: 17:00 on the working day after the deadline's day. */
export function escalationAt(calendar: WorkingCalendar, deadline: Date): Date {
  return deadlineOn(calendar.addWorkingDays(dayInVietnam(deadline), 1).date);
}

/** The stage reached at `now` for a ballot due at `deadline`, or null while the deadline is far. */
export function ballotStage(calendar: WorkingCalendar, deadline: Date, now: Date): BallotAlert | null {
  if (now >= escalationAt(calendar, deadline)) return 'overdue_escalated';
  if (now >= deadline) return 'overdue';
  const left = deadline.getTime() - now.getTime();
  if (left <= 4 * HOUR) return 'h4';
  if (left <= 24 * HOUR) return 'h24';
  if (left <= 48 * HOUR) return 'h48';
  return null;
}

export interface BallotAlertRun {
  checked: number;
  alerts: number;
  messages: number;
}

/** One pass over the open ballots (the job's handler; tests call it directly). */
export async function runBallotAlerts(p: Platform): Promise<BallotAlertRun> {
  const now = p.clock.now();
  const calendar = await p.calendar.current();
  const open = await p.db
    .select({ id: ballots.id, deadline: ballots.deadline })
    .from(ballots)
    .where(and(eq(ballots.state, 'open'), isNotNull(ballots.deadline)));
  const run: BallotAlertRun = { checked: open.length, alerts: 0, messages: 0 };
  for (const { id, deadline } of open) {
    const stage = ballotStage(calendar, deadline!, now);
    if (!stage) continue;
    // One short transaction per ballot: a failure on one does not hold back the others.
    const sent = await p.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ ballot: ballots, body: bodies })
        .from(ballots)
        .innerJoin(bodies, eq(bodies.id, ballots.bodyId))
        .where(eq(ballots.id, id))
        .for('update', { of: ballots });
      // Closed, recalled or extended between the scan and now: the next pass decides.
      if (!row || row.ballot.state !== 'open' || row.ballot.deadline?.getTime() !== deadline!.getTime())
        return null;
      const waiting = await tx
        .select({ personId: ballotResponses.personId })
        .from(ballotResponses)
        .where(and(eq(ballotResponses.ballotId, id), inArray(ballotResponses.state, ['pending', 'drafted'])));
      let alerts = 0;
      let messages = 0;
      const told: string[] = [];
      for (const { personId } of waiting) {
        const [claimed] = await tx
          .insert(ballotAlerts)
          .values({ ballotId: id, personId, kind: stage, deadline: deadline!, sentAt: now })
          .onConflictDoNothing()
          .returning();
        if (!claimed) continue;
        const extra = stage === 'overdue_escalated' ? [row.ballot.followUpBy ?? row.ballot.createdBy] : [];
        messages += await notifyMember(tx, p, SYSTEM_CONTEXT, row.ballot, row.body.nameVi, personId, stage, {
          extra,
          round: deadline!.toISOString(),
        });
        alerts++;
        told.push(personId);
      }
      if (alerts)
        await audit(tx, SYSTEM_CONTEXT, {
          action: 'cabinet.ballot.alert',
          objectType: 'cabinet_ballot',
          objectId: id,
          after: { kind: stage, deadline: deadline!.toISOString(), members: told, messages },
        });
      return { alerts, messages };
    });
    if (sent) {
      run.alerts += sent.alerts;
      run.messages += sent.messages;
    }
  }
  return run;
}

export function registerBallotJobs(p: Platform): void {
  p.jobs.register(BALLOT_ALERTS_QUEUE, async () => {
    await runBallotAlerts(p);
  });
  p.jobs.every(BALLOT_ALERTS_QUEUE, BALLOT_ALERTS_EVERY_MS);
}
