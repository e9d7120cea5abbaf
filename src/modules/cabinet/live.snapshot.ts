/**
 * The state of the live room as everyone sees it, built once per audience: the chair and the office also
 * see the written opinions that absent voting members submitted on the current item.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/index.js';
import { personBriefs } from '../identity/index.js';
import type { LiveSnapshot, LiveView } from './live.schemas.js';
import { secondsBetween } from './live.service.js';
import { computeQuorum } from './participants.service.js';
import { livePoll } from './polls.view.js';
import {
  agendaItems,
  itemSpans,
  meetings,
  opinions,
  participants,
  ruleProfiles,
  speakers,
} from './schema.js';

const STATE_ORDER = { speaking: 0, called: 1, requested: 2, done: 3, withdrawn: 4 } as const;

/** The snapshot for one audience, or null when the meeting is gone. */
export async function buildSnapshot(
  tx: Executor,
  meetingId: string,
  view: LiveView,
  now: Date,
): Promise<LiveSnapshot | null> {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return null;
  const [profile] = await tx
    .select({ rules: ruleProfiles.rules })
    .from(ruleProfiles)
    .where(eq(ruleProfiles.id, meeting.ruleProfileId));
  const rules = profile!.rules;
  const items = await tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
  const open = items.length
    ? await tx
        .select({ agendaItemId: itemSpans.agendaItemId, startedAt: itemSpans.startedAt })
        .from(itemSpans)
        .where(
          and(
            inArray(
              itemSpans.agendaItemId,
              items.map((i) => i.id),
            ),
            isNull(itemSpans.endedAt),
          ),
        )
    : [];
  const openSince = new Map(open.map((s) => [s.agendaItemId, s.startedAt]));
  const turns = await tx.select().from(speakers).where(eq(speakers.meetingId, meetingId));
  const people = await tx.select().from(participants).where(eq(participants.meetingId, meetingId));
  const current = meeting.currentItemId;
  const absentOpinions =
    view === 'chair' && current
      ? await tx
          .select()
          .from(opinions)
          .where(and(eq(opinions.agendaItemId, current), eq(opinions.state, 'submitted')))
      : [];
  const absent = new Set(
    people.filter((p) => p.voting && p.attendance !== 'checked_in').map((p) => p.personId),
  );
  const shownOpinions = absentOpinions.filter((o) => absent.has(o.memberId));

  const names = await personBriefs(tx, [
    ...people.map((p) => p.personId),
    ...turns.map((t) => t.personId),
    ...shownOpinions.map((o) => o.memberId),
  ]);
  const nameOf = (id: string) => names.get(id)?.displayName ?? '';
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  const totals = new Map<string, { seconds: number; speakingSince: Date | null }>();
  for (const t of turns) {
    const total = totals.get(t.personId) ?? { seconds: 0, speakingSince: null };
    total.seconds += t.spentSeconds;
    if (t.state === 'speaking' && t.startedAt) {
      total.seconds += secondsBetween(t.startedAt, now);
      total.speakingSince = t.startedAt;
    }
    totals.set(t.personId, total);
  }

  // Quorum counts who is in the room (or online) now, not who said they would come.
  const quorum = computeQuorum(
    people.map((p) => (p.attendance === 'checked_in' ? p : { ...p, attendance: 'invited' as const })),
    rules,
  );

  return {
    meetingId,
    seq: meeting.liveSeq,
    serverTime: now.toISOString(),
    view,
    meeting: {
      title: meeting.title,
      status: meeting.status,
      chairId: meeting.chairId,
      actualStart: iso(meeting.actualStart),
      actualEnd: iso(meeting.actualEnd),
    },
    currentItemId: current,
    items: items.map((i) => {
      const since = openSince.get(i.id) ?? null;
      return {
        id: i.id,
        position: i.position,
        title: i.title,
        state: i.state,
        plannedMinutes: i.plannedMinutes,
        closedSeconds: i.spentSeconds,
        openSince: iso(since),
        spentSeconds: i.spentSeconds + (since ? secondsBetween(since, now) : 0),
      };
    }),
    speakers: turns
      .filter((t) => t.agendaItemId === current)
      .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.position - b.position)
      .map((t) => ({
        id: t.id,
        personId: t.personId,
        displayName: nameOf(t.personId),
        state: t.state,
        position: t.position,
        limitSeconds: t.limitSeconds,
        requestedAt: t.requestedAt.toISOString(),
        startedAt: iso(t.startedAt),
        endedAt: iso(t.endedAt),
        spentSeconds: t.spentSeconds,
      })),
    speakingTime: [...totals.entries()]
      .filter(([, t]) => t.seconds > 0 || t.speakingSince)
      .map(([personId, t]) => ({
        personId,
        displayName: nameOf(personId),
        seconds: t.seconds,
        speakingSince: iso(t.speakingSince),
      }))
      .sort((a, b) => b.seconds - a.seconds),
    attendance: people
      .map((p) => ({
        personId: p.personId,
        displayName: nameOf(p.personId),
        role: p.role,
        voting: p.voting,
        attendance: p.attendance,
        checkedInAt: iso(p.checkedInAt),
        remote: p.remote,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
    quorum: { ...quorum, numerator: rules.quorum.numerator, denominator: rules.quorum.denominator },
    opinions:
      view === 'chair'
        ? shownOpinions.map((o) => ({
            id: o.id,
            memberId: o.memberId,
            displayName: nameOf(o.memberId),
            position: o.position,
            body: o.body,
            submittedAt: iso(o.submittedAt),
          }))
        : null,
    poll: await livePoll(tx, meetingId, rules),
  };
}

/** The snapshot read in one repeatable-read transaction, so its queries see the same committed state. */
export function readSnapshot(
  db: Db,
  meetingId: string,
  view: LiveView,
  now: Date,
): Promise<LiveSnapshot | null> {
  return db.transaction((tx) => buildSnapshot(tx, meetingId, view, now), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}
