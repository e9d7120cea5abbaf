/**
 * The demo's history: last month's session, held and concluded — actual times, the time spent on each item,
 * the speakers, approved minutes, the issued conclusion notice and three tasks (one overdue, one due within
 * three working days, one done on time) — and the same month's session a year earlier, longer, as the
 * baseline the dashboard compares meeting time with. Rows are inserted directly, once.
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import {
  formatJdn,
  jdnFromYmd,
  jdnOfInstant,
  startOfDayInstant,
  ymdFromJdn,
  type WorkingCalendar,
} from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { personIdByUsername } from '../identity/index.js';
import { agencyIdByCode } from './demo.session.js';
import type { ParticipantRole } from './model.js';
import { GOVERNMENT_PROFILE, profileInForce } from './rules.seed.js';
import {
  agendaItems,
  conclusions,
  itemSpans,
  meetings,
  minutes,
  participants,
  speakers,
  tasks,
  type bodies,
} from './schema.js';

type Body = typeof bodies.$inferSelect;
const MINUTE = 60_000;

function firstWorkingDay(calendar: WorkingCalendar, year: number, month: number): number {
  let day = jdnFromYmd(year, month, 1);
  while (!calendar.isWorkingDay(formatJdn(day))) day++;
  return day;
}

function workingDaysBefore(calendar: WorkingCalendar, from: number, n: number): number {
  let day = from;
  for (let left = n; left > 0;) {
    day--;
    if (calendar.isWorkingDay(formatJdn(day))) left--;
  }
  return day;
}

/** `hh:mm` Vietnam time on a day. */
const at = (jdn: number, hh: number, mm = 0) =>
  new Date(startOfDayInstant(jdn).getTime() + (hh * 60 + mm) * MINUTE);

async function monthHasMeeting(tx: Executor, bodyId: string, year: number, month: number): Promise<boolean> {
  const next = month === 12 ? jdnFromYmd(year + 1, 1, 1) : jdnFromYmd(year, month + 1, 1);
  const [found] = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        gte(meetings.plannedStart, startOfDayInstant(jdnFromYmd(year, month, 1))),
        lt(meetings.plannedStart, startOfDayInstant(next)),
      ),
    );
  return Boolean(found);
}

const PEOPLE: readonly [string, ParticipantRole, boolean][] = [
  ['thutuong', 'chair', true],
  ['phothutuong', 'member', true],
  ['botruong.tuphap', 'member', true],
  ['admin', 'secretariat', false],
  ['canbo', 'secretariat', false],
];

interface HeldMeeting {
  body: Body;
  adminId: string;
  day: number;
  title: string;
  start: Date;
  end: Date;
  calendar: WorkingCalendar;
}

async function insertHeld(tx: Executor, m: HeldMeeting): Promise<string> {
  const profile = await profileInForce(tx, GOVERNMENT_PROFILE, formatJdn(m.day));
  const [row] = await tx
    .insert(meetings)
    .values({
      bodyId: m.body.id,
      ruleProfileId: profile.id,
      title: m.title,
      kind: 'regular',
      status: 'concluded',
      plannedStart: at(m.day, 8),
      plannedEnd: at(m.day, 11, 30),
      actualStart: m.start,
      actualEnd: m.end,
      location: 'Phòng họp Chính phủ, 1 Hoàng Hoa Thám, Hà Nội',
      chairId: (await personIdByUsername(tx, 'thutuong'))!,
      papersDueOn: formatJdn(workingDaysBefore(m.calendar, m.day, profile.rules.deadlines.papersBefore)),
      invitationsSentAt: at(workingDaysBefore(m.calendar, m.day, 7), 9),
      revision: 1,
      createdBy: m.adminId,
      createdAt: at(workingDaysBefore(m.calendar, m.day, 10), 9),
      updatedAt: m.end,
    })
    .returning({ id: meetings.id });
  for (const [username, role, voting] of PEOPLE) {
    const personId = await personIdByUsername(tx, username);
    if (!personId) continue;
    await tx.insert(participants).values({
      meetingId: row!.id,
      personId,
      role,
      voting,
      attendance: 'checked_in',
      respondedAt: at(workingDaysBefore(m.calendar, m.day, 5), 10),
      checkedInAt: new Date(m.start.getTime() - 10 * MINUTE),
    });
  }
  return row!.id;
}

/** Adds last month's concluded session and its follow-up, and the baseline a year earlier; false if there. */
export async function seedPastSessions(
  tx: Executor,
  p: Platform,
  body: Body,
  adminId: string,
): Promise<boolean> {
  const now = p.clock.now();
  const today = jdnOfInstant(now);
  const { year, month } = ymdFromJdn(today);
  const [py, pm] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const calendar = await p.calendar.current(tx);
  let added = false;

  if (!(await monthHasMeeting(tx, body.id, py - 1, pm))) {
    const day = firstWorkingDay(calendar, py - 1, pm);
    await insertHeld(tx, {
      body,
      adminId,
      day,
      calendar,
      title: `Phiên họp Chính phủ thường kỳ tháng ${pm}/${py - 1}`,
      start: at(day, 8),
      end: at(day, 12, 10),
    });
    added = true;
  }
  if (await monthHasMeeting(tx, body.id, py, pm)) return added;

  const day = firstWorkingDay(calendar, py, pm);
  const start = at(day, 8, 5);
  const end = at(day, 10, 58);
  const meetingId = await insertHeld(tx, {
    body,
    adminId,
    day,
    calendar,
    title: `Phiên họp Chính phủ thường kỳ tháng ${pm}/${py}`,
    start,
    end,
  });
  const person = async (u: string) => (await personIdByUsername(tx, u))!;
  const [pmId, deputy, justice, canbo] = [
    await person('thutuong'),
    await person('phothutuong'),
    await person('botruong.tuphap'),
    await person('canbo'),
  ];
  const police = await agencyIdByCode(tx, '000.00.00.G01');
  const finance = await agencyIdByCode(tx, '000.00.00.G12');
  const justiceAgency = await agencyIdByCode(tx, '000.00.00.G15');

  // Three items: [title, agency, planned, minutes spent per span, speakers (person, seconds)].
  const plan: [string, string | null, number, number[], [string, number][]][] = [
    [
      'Dự thảo Nghị định quy định chi tiết một số điều của Luật Dữ liệu',
      police,
      45,
      [38, 14],
      [
        [justice, 420],
        [deputy, 300],
        [pmId, 540],
      ],
    ],
    [
      `Báo cáo tình hình kinh tế - xã hội tháng ${pm === 1 ? 12 : pm - 1}, nhiệm vụ và giải pháp thời gian tới`,
      finance,
      60,
      [55],
      [
        [deputy, 600],
        [justice, 240],
        [pmId, 720],
      ],
    ],
    [
      'Tờ trình về Chương trình xây dựng văn bản quy phạm pháp luật năm tới',
      justiceAgency,
      30,
      [26],
      [
        [justice, 660],
        [pmId, 300],
      ],
    ],
  ];
  let clock = start.getTime() + 12 * MINUTE; // opening
  const itemIds: string[] = [];
  for (const [i, [title, agency, planned, spans, talks]] of plan.entries()) {
    const first = clock;
    const spanRows: { startedAt: Date; endedAt: Date }[] = [];
    for (const minutesSpent of spans) {
      spanRows.push({ startedAt: new Date(clock), endedAt: new Date(clock + minutesSpent * MINUTE) });
      clock += (minutesSpent + 3) * MINUTE;
    }
    const spent = spans.reduce((a, b) => a + b, 0) * 60;
    const [item] = await tx
      .insert(agendaItems)
      .values({
        meetingId,
        position: i + 1,
        title,
        presenterAgencyId: agency,
        presenterPersonId: agency === justiceAgency ? justice : null,
        plannedMinutes: planned,
        state: 'done',
        startedAt: new Date(first),
        endedAt: spanRows[spanRows.length - 1]!.endedAt,
        spentSeconds: spent,
      })
      .returning({ id: agendaItems.id });
    itemIds.push(item!.id);
    await tx.insert(itemSpans).values(spanRows.map((s) => ({ agendaItemId: item!.id, ...s })));
    let talkAt = first + 5 * MINUTE;
    for (const [k, [personId, seconds]] of talks.entries()) {
      await tx.insert(speakers).values({
        meetingId,
        agendaItemId: item!.id,
        personId,
        state: 'done',
        position: k + 1,
        limitSeconds: 600,
        requestedAt: new Date(first),
        startedAt: new Date(talkAt),
        endedAt: new Date(talkAt + seconds * 1000),
        spentSeconds: seconds,
      });
      talkAt += seconds * 1000 + MINUTE;
    }
  }

  const title = `Phiên họp Chính phủ thường kỳ tháng ${pm}/${py}`;
  await tx.insert(minutes).values({
    meetingId,
    state: 'approved',
    sections: [
      {
        key: 'opening',
        heading: 'Thời gian, địa điểm, thành phần',
        body: `${title} khai mạc lúc 08 giờ 05 tại Phòng họp Chính phủ, do Thủ tướng Chính phủ Trần Quốc Bình chủ trì. Dự họp có Phó Thủ tướng Lê Thị Hạnh, Bộ trưởng Bộ Tư pháp Hoàng Văn Dũng và đại diện Văn phòng Chính phủ; số thành viên có mặt bảo đảm điều kiện tiến hành phiên họp.`,
      },
      {
        key: `item-1`,
        heading: '1. Dự thảo Nghị định quy định chi tiết một số điều của Luật Dữ liệu',
        body: 'Bộ Công an trình bày dự thảo Nghị định. Các thành viên Chính phủ thống nhất sự cần thiết ban hành; đề nghị làm rõ trách nhiệm của cơ quan quản lý Cơ sở dữ liệu tổng hợp quốc gia và cơ chế chia sẻ dữ liệu giữa các bộ, ngành. Thủ tướng kết luận giao Bộ Công an tiếp thu, hoàn thiện dự thảo.',
      },
      {
        key: 'item-2',
        heading: '2. Báo cáo tình hình kinh tế - xã hội',
        body: 'Bộ Tài chính báo cáo tình hình kinh tế - xã hội; kinh tế vĩ mô ổn định, lạm phát được kiểm soát. Các thành viên Chính phủ đề nghị tập trung tháo gỡ vướng mắc giải ngân vốn đầu tư công, bảo đảm cung ứng hàng hoá thiết yếu dịp cuối năm.',
      },
      {
        key: 'item-3',
        heading: '3. Chương trình xây dựng văn bản quy phạm pháp luật',
        body: 'Bộ Tư pháp trình Chương trình xây dựng văn bản quy phạm pháp luật năm tới. Chính phủ thống nhất thông qua; giao Bộ Tư pháp hoàn chỉnh, trình Thủ tướng Chính phủ ban hành.',
      },
      {
        key: 'closing',
        heading: 'Kết thúc',
        body: 'Phiên họp kết thúc lúc 10 giờ 58, sớm hơn dự kiến 32 phút nhờ tài liệu được gửi trước và các thành viên gửi ý kiến bằng văn bản trên hệ thống.',
      },
    ],
    revision: 3,
    generatedAt: end,
    updatedBy: adminId,
    updatedAt: at(day + 1, 16),
    approvedBy: adminId,
    approvedAt: at(day + 1, 16),
  });

  const issuedDay = calendar.addWorkingDays(formatJdn(day), 3).date;
  const issued = new Date(`${issuedDay}T15:00:00+07:00`);
  const [conclusion] = await tx
    .insert(conclusions)
    .values({
      meetingId,
      reference: `25/TB-VPCP`,
      title: `Kết luận của Thủ tướng Chính phủ tại ${title}`,
      body: 'Chính phủ thống nhất đánh giá tình hình kinh tế - xã hội tiếp tục chuyển biến tích cực; yêu cầu các bộ, ngành tập trung thực hiện các nhiệm vụ dưới đây, báo cáo kết quả đúng hạn.',
      state: 'issued',
      dueOn: calendar.addWorkingDays(formatJdn(day), 5).date,
      followUpOfficerId: canbo,
      issuedBy: adminId,
      issuedAt: issued,
      createdBy: adminId,
      createdAt: end,
      revision: 2,
    })
    .returning({ id: conclusions.id });

  const overdueOn = workingDaysBefore(calendar, today, 2);
  const doneDue = workingDaysBefore(calendar, today, 1);
  const doneAt = at(workingDaysBefore(calendar, doneDue, 2), 16);
  const task = {
    conclusionId: conclusion!.id,
    meetingId,
    createdBy: adminId,
    createdAt: issued,
  };
  await tx.insert(tasks).values([
    {
      ...task,
      agendaItemId: itemIds[0]!,
      title:
        'Hoàn thiện dự thảo Nghị định quy định chi tiết một số điều của Luật Dữ liệu, trình Thủ tướng ký ban hành',
      detail: 'Tiếp thu ý kiến thành viên Chính phủ tại phiên họp; báo cáo tiếp thu, giải trình.',
      assigneeAgencyId: police ?? body.agencyId,
      dueOn: formatJdn(overdueOn),
      state: 'in_progress',
      progress: 60,
    },
    {
      ...task,
      agendaItemId: itemIds[1]!,
      title: 'Báo cáo Thủ tướng Chính phủ kết quả giải ngân vốn đầu tư công của các dự án trọng điểm',
      assigneeAgencyId: finance ?? body.agencyId,
      dueOn: calendar.addWorkingDays(formatJdn(today), 2).date,
      state: 'open',
      progress: 0,
    },
    {
      ...task,
      agendaItemId: itemIds[2]!,
      title: 'Hoàn chỉnh Chương trình xây dựng văn bản quy phạm pháp luật năm tới, trình Thủ tướng ban hành',
      assigneeAgencyId: justiceAgency ?? body.agencyId,
      assigneePersonId: justice,
      dueOn: formatJdn(doneDue),
      state: 'done',
      progress: 100,
      completedAt: doneAt,
    },
  ]);
  return true;
}
