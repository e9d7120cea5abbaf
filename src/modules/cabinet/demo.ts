import { and, eq, gte, lt } from 'drizzle-orm';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import {
  dayInVietnam,
  formatJdn,
  jdnFromYmd,
  jdnOfInstant,
  startOfDayInstant,
  ymdFromJdn,
} from '../../platform/calendar/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  GOVERNMENT_OFFICE_CODE,
  Permissions,
  personIdByUsername,
  resolveAgencyCode,
} from '../identity/index.js';
import { addSeat, createBody, seatsOn, type CabinetCall } from './bodies.service.js';
import { seedPastSessions } from './demo.past.js';
import { seedDecisionsDemo } from './demo.decisions.js';
import { seedSessionContent } from './demo.session.js';
import { createMeeting } from './meetings.service.js';
import type { PaperActor } from './paper-access.js';
import type { BodyRole } from './model.js';
import { GOVERNMENT_PROFILE } from './rules.seed.js';
import { bodies, meetings } from './schema.js';

const DEMO_SEATS: readonly {
  username: string;
  role: BodyRole;
  titleVi: string;
  titleEn: string;
  rank: number;
}[] = [
  { username: 'thutuong', role: 'chair', titleVi: 'Thủ tướng Chính phủ', titleEn: 'Prime Minister', rank: 1 },
  {
    username: 'phothutuong',
    role: 'deputy_chair',
    titleVi: 'Phó Thủ tướng Chính phủ',
    titleEn: 'Deputy Prime Minister',
    rank: 10,
  },
  {
    username: 'botruong.tuphap',
    role: 'member',
    titleVi: 'Bộ trưởng Bộ Tư pháp',
    titleEn: 'Minister of Justice',
    rank: 50,
  },
  {
    username: 'admin',
    role: 'office_leader',
    titleVi: 'Văn phòng Chính phủ',
    titleEn: 'Government Office',
    rank: 200,
  },
  {
    username: 'canbo',
    role: 'office_specialist',
    titleVi: 'Chuyên viên Văn phòng Chính phủ',
    titleEn: 'Government Office',
    rank: 210,
  },
];

/**
 * The Government (body CP of the Government Office) with the demo members, and next month's regular session
 * on its first working day, 08:00–11:30 Vietnam time, invitations not yet sent, with its agenda, papers and
 * discussion; last month's session held and followed up, and a baseline session a year before it (so that a
 * newcomer sees a working e-Cabinet at once). Idempotent; needs identity's demo.
 */
export async function seedCabinetDemo(p: Platform): Promise<string[]> {
  const now = p.clock.now();
  return p.db.transaction(async (tx) => {
    const adminId = await personIdByUsername(tx, 'admin');
    const office = (await resolveAgencyCode(tx, GOVERNMENT_OFFICE_CODE).catch(() => null))?.current[0];
    if (!adminId || !office) return ['e-Cabinet: bỏ qua (chưa có dữ liệu mẫu của định danh) / skipped'];
    const call: CabinetCall = {
      actor: {
        personId: adminId,
        agencyId: office.id,
        permissions: new Set([Permissions.allAgencies, Permissions.manageBodies, Permissions.manageMeetings]),
      },
      audit: SYSTEM_CONTEXT,
      now,
    };
    let [body] = await tx.select().from(bodies).where(eq(bodies.code, 'CP'));
    if (!body) {
      const created = await createBody(tx, call, {
        code: 'CP',
        nameVi: 'Chính phủ',
        nameEn: 'The Government',
        kind: 'government',
        agencyId: office.id,
        ruleProfileCode: GOVERNMENT_PROFILE,
      });
      [body] = await tx.select().from(bodies).where(eq(bodies.id, created.id));
    }
    const today = dayInVietnam(now);
    const seated = new Set((await seatsOn(tx, body!.id, today)).map((s) => s.personId));
    for (const s of DEMO_SEATS) {
      const personId = await personIdByUsername(tx, s.username);
      if (!personId || seated.has(personId)) continue;
      await addSeat(tx, call, body!.id, {
        personId,
        role: s.role,
        titleVi: s.titleVi,
        titleEn: s.titleEn,
        rank: s.rank,
        validFrom: today,
      });
    }

    const { year, month } = ymdFromJdn(jdnOfInstant(now));
    const [ny, nm] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const first = jdnFromYmd(ny, nm, 1);
    const next = nm === 12 ? jdnFromYmd(ny + 1, 1, 1) : jdnFromYmd(ny, nm + 1, 1);
    const [existing] = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(
          eq(meetings.bodyId, body!.id),
          gte(meetings.plannedStart, startOfDayInstant(first)),
          lt(meetings.plannedStart, startOfDayInstant(next)),
        ),
      );
    let sessionId = existing?.id;
    if (!sessionId) {
      const calendar = await p.calendar.current(tx);
      let day = first;
      while (!calendar.isWorkingDay(formatJdn(day))) day++;
      const midnight = startOfDayInstant(day).getTime(); // 00:00 in Vietnam
      const created = await createMeeting(tx, p, call, {
        bodyId: body!.id,
        title: `Phiên họp Chính phủ thường kỳ tháng ${nm}/${ny}`,
        kind: 'regular',
        plannedStart: new Date(midnight + 8 * 3600_000).toISOString(),
        plannedEnd: new Date(midnight + 11.5 * 3600_000).toISOString(),
        location: 'Phòng họp Chính phủ, 1 Hoàng Hoa Thám, Hà Nội',
        onlineUrl: null,
      });
      sessionId = created.id;
    }
    const lines = [
      `e-Cabinet: Chính phủ (CP) và phiên họp thường kỳ tháng ${nm}/${ny} / Government body and next month's session`,
    ];
    const actor: PaperActor = { ...call.actor, audit: call.audit, now };
    if (await seedSessionContent(tx, p, actor, sessionId))
      lines.push('e-Cabinet: 5 nội dung, tài liệu và ý kiến thảo luận / agenda, papers and discussion');
    if (await seedPastSessions(tx, p, body!, adminId))
      lines.push(
        'e-Cabinet: phiên họp tháng trước, biên bản, kết luận, nhiệm vụ / last month, minutes, tasks',
      );
    lines.push(...(await seedDecisionsDemo(tx, p, body!, { agencyId: office.id, leaderId: adminId })));
    return lines;
  });
}
