/**
 * The first draft of the minutes, written from what the live room recorded: who was there and how, each
 * agenda item with its presenter, the time it took against its time box, the speakers in order, the
 * members' written opinions and where the item ended. The secretary edits the text afterwards.
 */
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { getAgency, personBriefs } from '../identity/index.js';
import type { AgendaState, MinutesSection, OpinionPosition } from './model.js';
import type { MeetingAccess, ParticipantRow } from './policy.js';
import { meetingDay } from './rules.js';
import { agendaItems, bodyMembers, opinions, participants, speakers } from './schema.js';

const TZ = 'Asia/Ho_Chi_Minh';

export function vnTime(at: Date): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(at);
}

export function vnDate(at: Date | string): string {
  const iso = typeof at === 'string' ? at : meetingDay(at);
  return iso.split('-').reverse().join('/');
}

/** "12 phút 30 giây", "45 giây". */
export function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (!m) return `${s} giây`;
  return s ? `${m} phút ${s} giây` : `${m} phút`;
}

const POSITION: Record<OpinionPosition, string> = {
  agree: 'Đồng ý',
  agree_with_comments: 'Đồng ý, có ý kiến',
  disagree: 'Không đồng ý',
  other: 'Ý kiến khác',
};

const OUTCOME: Record<AgendaState, string> = {
  done: 'Đã thảo luận xong.',
  deferred: 'Hoãn, chuyển sang phiên họp sau.',
  pending: 'Chưa được đưa ra thảo luận.',
  in_discussion: 'Đang thảo luận khi phiên họp kết thúc.',
};

const PRESENT = new Set(['checked_in', 'left']);

export async function generateSections(tx: Executor, access: MeetingAccess): Promise<MinutesSection[]> {
  const m = access.meeting;
  const day = meetingDay(m.actualStart ?? m.plannedStart);
  const people = await tx.select().from(participants).where(eq(participants.meetingId, m.id));
  const items = await tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, m.id))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
  const turns = await tx
    .select()
    .from(speakers)
    .where(eq(speakers.meetingId, m.id))
    .orderBy(asc(speakers.position), asc(speakers.requestedAt));
  const written = await tx
    .select()
    .from(opinions)
    .where(and(eq(opinions.meetingId, m.id), eq(opinions.state, 'submitted')))
    .orderBy(asc(opinions.submittedAt));
  const seats = await tx
    .select({ personId: bodyMembers.personId, titleVi: bodyMembers.titleVi, rank: bodyMembers.rank })
    .from(bodyMembers)
    .where(
      and(
        eq(bodyMembers.bodyId, access.body.id),
        lte(bodyMembers.validFrom, day),
        or(isNull(bodyMembers.validTo), gte(bodyMembers.validTo, day)),
      ),
    );
  const briefs = await personBriefs(tx, [
    ...people.flatMap((r) => [r.personId, r.substituteFor ?? '']),
    ...items.map((i) => i.presenterPersonId ?? ''),
    ...turns.map((s) => s.personId),
    ...written.map((o) => o.memberId),
  ]);
  const title = new Map(seats.map((s) => [s.personId, s.titleVi]));
  const rank = new Map(seats.map((s) => [s.personId, s.rank]));
  const nameOf = (id: string | null) => (id ? (briefs.get(id)?.displayName ?? '—') : '—');
  const named = (id: string) => {
    const t = title.get(id);
    return t ? `${nameOf(id)}, ${t}` : nameOf(id);
  };
  const ordered = [...people].sort(
    (a, b) =>
      (rank.get(a.personId) ?? 1000) - (rank.get(b.personId) ?? 1000) ||
      nameOf(a.personId).localeCompare(nameOf(b.personId), 'vi'),
  );

  return [
    composition(access, ordered, named),
    ...(await Promise.all(
      items.map(async (item, index) => {
        const lines: string[] = [];
        const agency = item.presenterAgencyId ? await agencyName(tx, item.presenterAgencyId) : null;
        if (agency) lines.push(`Cơ quan trình: ${agency}.`);
        if (item.presenterPersonId) lines.push(`Người trình bày: ${named(item.presenterPersonId)}.`);
        const planned = item.plannedMinutes;
        let time = `Thời gian thảo luận: ${duration(item.spentSeconds)}`;
        if (planned) {
          time += ` (dự kiến ${planned} phút`;
          const over = item.spentSeconds - planned * 60;
          time += over > 0 ? `, vượt ${duration(over)})` : ')';
        }
        lines.push(`${time}.`);
        const spoke = turns.filter((t) => t.agendaItemId === item.id && t.state === 'done');
        if (spoke.length) {
          lines.push('', 'Ý kiến phát biểu:');
          spoke.forEach((t, i) =>
            lines.push(`${i + 1}. ${named(t.personId)} (${duration(t.spentSeconds)}).`),
          );
        }
        const opinionsOf = written.filter((o) => o.agendaItemId === item.id);
        if (opinionsOf.length) {
          lines.push('', 'Ý kiến bằng văn bản của thành viên:');
          for (const o of opinionsOf)
            lines.push(
              `- ${named(o.memberId)}: ${POSITION[o.position]}.${o.body.trim() ? ` ${o.body.trim()}` : ''}`,
            );
        }
        lines.push('', `Kết quả: ${OUTCOME[item.state]}`);
        return { key: `item:${item.id}`, heading: `${index + 1}. ${item.title}`, body: lines.join('\n') };
      }),
    )),
    closing(access),
  ];
}

async function agencyName(tx: Executor, id: string): Promise<string | null> {
  try {
    return (await getAgency(tx, id)).nameVi;
  } catch {
    return null;
  }
}

function composition(
  access: MeetingAccess,
  people: ParticipantRow[],
  named: (id: string) => string,
): MinutesSection {
  const m = access.meeting;
  const start = m.actualStart ?? m.plannedStart;
  const end = m.actualEnd ?? m.plannedEnd;
  const lines = [
    `Thời gian: từ ${vnTime(start)} đến ${vnTime(end)} ngày ${vnDate(start)}.`,
    ...(m.location ? [`Địa điểm: ${m.location}.`] : []),
    `Chủ trì: ${named(m.chairId)}.`,
  ];
  const present = people.filter((r) => PRESENT.has(r.attendance) && r.role !== 'secretariat');
  const list = (heading: string, rows: ParticipantRow[], line: (r: ParticipantRow) => string) => {
    if (!rows.length) return;
    lines.push('', `${heading} (${rows.length}):`);
    for (const r of rows) lines.push(`- ${line(r)}`);
  };
  list(
    'Có mặt tại phòng họp',
    present.filter((r) => !r.remote && r.role !== 'substitute' && r.role !== 'guest'),
    (r) => named(r.personId),
  );
  list(
    'Dự họp trực tuyến',
    present.filter((r) => r.remote && r.role !== 'substitute' && r.role !== 'guest'),
    (r) => named(r.personId),
  );
  list(
    'Dự họp thay',
    present.filter((r) => r.role === 'substitute'),
    (r) =>
      `${named(r.personId)}, dự thay ${r.substituteFor ? named(r.substituteFor) : '—'}${r.remote ? ' (trực tuyến)' : ''}`,
  );
  list(
    'Vắng mặt',
    people.filter((r) => !PRESENT.has(r.attendance) && r.role !== 'secretariat' && r.role !== 'guest'),
    (r) => {
      const reason = r.absenceReason?.trim();
      const kind = r.attendance === 'absence_approved' ? 'vắng có phép' : 'vắng';
      return `${named(r.personId)} (${kind}${reason ? `: ${reason}` : ''})`;
    },
  );
  list(
    'Khách mời',
    present.filter((r) => r.role === 'guest'),
    (r) => named(r.personId),
  );
  list(
    'Thư ký phiên họp',
    people.filter((r) => r.role === 'secretariat'),
    (r) => named(r.personId),
  );
  return { key: 'composition', heading: 'Thành phần và tình hình tham dự', body: lines.join('\n') };
}

function closing(access: MeetingAccess): MinutesSection {
  const m = access.meeting;
  const end = m.actualEnd ?? m.plannedEnd;
  return {
    key: 'closing',
    heading: 'Kết thúc phiên họp',
    body:
      `Phiên họp kết thúc lúc ${vnTime(end)} ngày ${vnDate(end)}.\n` +
      'Biên bản được lập từ diễn biến phiên họp ghi nhận trên hệ thống CPĐT và được thư ký phiên họp ' +
      'hoàn thiện, phê duyệt.',
  };
}
