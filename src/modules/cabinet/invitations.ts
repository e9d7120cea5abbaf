/**
 * Invitations through the notification service: e-mail (with the .ics), SMS and in-app, in the person's
 * language. Keyed per (meeting, revision, person, kind), so pressing "send" twice sends nothing new, while a
 * change to the meeting (a new revision) sends an update the reader's calendar applies over the first one.
 */
import { publicLink } from '../../platform/http/index.js';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { registerTemplate, textToHtml } from '../../platform/notify/index.js';
import type { Platform } from '../../platform/platform.js';
import { findPersonContact } from '../identity/index.js';
import type { CabinetCall } from './bodies.service.js';
import { CabinetErrors } from './errors.js';
import { buildIcs, type IcsEvent } from './ics.js';
import { loadMeetingFor, type MeetingAccess } from './policy.js';
import { meetingDay } from './rules.js';
import { meetings, participants } from './schema.js';

const TZ = 'Asia/Ho_Chi_Minh';

function when(iso: string, locale: 'vi' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TZ,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

const MeetingParams = z.object({
  title: z.string().max(500),
  bodyVi: z.string().max(500),
  bodyEn: z.string().max(500),
  start: z.string().max(40),
  end: z.string().max(40),
  location: z.string().max(500).nullable(),
  onlineUrl: z.string().max(2000).nullable(),
});

export const CabinetTemplates = {
  invite: registerTemplate({
    key: 'cabinet.meeting.invite',
    params: MeetingParams.extend({ update: z.boolean(), papersDueOn: z.string().max(10) }),
    render: (m) => {
      const where = (label: string) => (m.location ? `\n${label}: ${m.location}` : '');
      const online = (label: string) => (m.onlineUrl ? `\n${label}: ${m.onlineUrl}` : '');
      const vi =
        `${m.update ? 'Thông báo thay đổi: ' : ''}${m.bodyVi} trân trọng kính mời dự ${m.title}.\n\n` +
        `Thời gian: ${when(m.start, 'vi')} – ${when(m.end, 'vi')} (giờ Việt Nam)` +
        where('Địa điểm') +
        online('Họp trực tuyến') +
        `\n\nTài liệu phiên họp được gửi trên hệ thống chậm nhất ngày ${m.papersDueOn.split('-').reverse().join('/')}. ` +
        'Vui lòng xác nhận tham dự hoặc báo vắng (có lý do) trên hệ thống CPĐT. Tệp lịch (.ics) đính kèm.';
      const en =
        `${m.update ? 'Updated: ' : ''}${m.bodyEn} invites you to ${m.title}.\n\n` +
        `Time: ${when(m.start, 'en')} – ${when(m.end, 'en')} (Vietnam time)` +
        where('Location') +
        online('Online') +
        `\n\nThe meeting papers are on the system by ${m.papersDueOn} at the latest. ` +
        'Please confirm or report your absence (with a reason) on CPĐT. A calendar file (.ics) is attached.';
      const viSubject = `${m.update ? '[Cập nhật] ' : ''}Giấy mời: ${m.title}`;
      const enSubject = `${m.update ? '[Updated] ' : ''}Invitation: ${m.title}`;
      return {
        vi: {
          subject: viSubject,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: ${viSubject}, ${when(m.start, 'vi')}${m.location ? `, ${m.location}` : ''}. Xác nhận trên hệ thống.`,
        },
        en: {
          subject: enSubject,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: ${enSubject}, ${when(m.start, 'en')}${m.location ? `, ${m.location}` : ''}. Please confirm.`,
        },
      };
    },
  }),
  cancel: registerTemplate({
    key: 'cabinet.meeting.cancel',
    params: MeetingParams.extend({ reason: z.string().max(1000) }),
    render: (m) => {
      const vi = `${m.bodyVi} thông báo huỷ ${m.title} dự kiến lúc ${when(m.start, 'vi')}.\n\nLý do: ${m.reason}`;
      const en = `${m.bodyEn} has cancelled ${m.title}, planned for ${when(m.start, 'en')}.\n\nReason: ${m.reason}`;
      return {
        vi: {
          subject: `Huỷ phiên họp: ${m.title}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: Huỷ ${m.title} (${when(m.start, 'vi')}).`,
        },
        en: {
          subject: `Meeting cancelled: ${m.title}`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: ${m.title} (${when(m.start, 'en')}) is cancelled.`,
        },
      };
    },
  }),
};

/** The meeting's calendar identity: the same for every version, so an update replaces the first invitation. */
export function meetingUid(meetingId: string): string {
  return `cabinet-meeting-${meetingId}@cpdt`;
}

function organizer(p: Platform): { name: string; email: string } | undefined {
  const from = p.config.MAIL_FROM;
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (m) return { name: m[1] || 'CPĐT', email: m[2]! };
  return from.includes('@') ? { name: 'CPĐT', email: from.trim() } : undefined;
}

type Kind = 'request' | 'cancel';

/** Sends one kind of message about the meeting's current revision to every participant; returns how many were new. */
async function sendToAll(tx: Executor, p: Platform, call: CabinetCall, access: MeetingAccess, kind: Kind) {
  const m = access.meeting;
  const rows = await tx.select().from(participants).where(eq(participants.meetingId, m.id));
  const base = {
    title: m.title,
    bodyVi: access.body.nameVi,
    bodyEn: access.body.nameEn ?? access.body.nameVi,
    start: m.plannedStart.toISOString(),
    end: m.plannedEnd.toISOString(),
    location: m.location,
    onlineUrl: m.onlineUrl,
  };
  const link = publicLink(p.config, `/cabinet/meetings/${m.id}`);
  let fresh = 0;
  let duplicates = 0;
  for (const r of rows) {
    const contact = await findPersonContact(tx, r.personId);
    if (!contact) continue;
    const en = contact.locale === 'en';
    const description = [
      en ? base.bodyEn : base.bodyVi,
      m.onlineUrl ? `${en ? 'Online' : 'Họp trực tuyến'}: ${m.onlineUrl}` : null,
      kind === 'cancel' ? `${en ? 'Reason' : 'Lý do'}: ${m.cancelledReason ?? ''}` : null,
      link,
    ]
      .filter(Boolean)
      .join('\n');
    const event: IcsEvent = {
      method: kind === 'cancel' ? 'CANCEL' : 'REQUEST',
      uid: meetingUid(m.id),
      sequence: m.revision,
      stamp: call.now,
      start: m.plannedStart,
      end: m.plannedEnd,
      summary: m.title,
      location: m.location,
      description,
      url: m.onlineUrl,
      organizer: organizer(p),
      attendee: contact.email ? { name: contact.displayName, email: contact.email } : undefined,
    };
    const attachments = [
      {
        filename: kind === 'cancel' ? 'huy-phien-hop.ics' : 'phien-hop.ics',
        contentType: `text/calendar; method=${event.method}; charset=UTF-8`,
        content: Buffer.from(buildIcs(event), 'utf8'),
      },
    ];
    const common = {
      to: { personId: r.personId },
      channels: ['email', 'sms', 'inapp'] as const,
      dedupeKey: `cabinet.meeting:${m.id}:${m.revision}:${r.personId}:${kind}`,
      attachments,
    };
    const sent =
      kind === 'cancel'
        ? await p.notify.send(
            tx,
            {
              ...common,
              template: CabinetTemplates.cancel,
              params: { ...base, reason: m.cancelledReason ?? '' },
            },
            call.audit,
          )
        : await p.notify.send(
            tx,
            {
              ...common,
              template: CabinetTemplates.invite,
              params: { ...base, update: m.invitationsSentAt !== null, papersDueOn: m.papersDueOn },
            },
            call.audit,
          );
    if (sent.some((s) => !s.duplicate)) fresh++;
    else duplicates++;
  }
  return { sent: fresh, alreadySent: duplicates };
}

export interface InvitationResult {
  sent: number;
  alreadySent: number;
  revision: number;
  noticeMet: boolean;
}

/**
 * Sends (or re-sends after a change) the invitation to every participant; draft → invited. Nothing already
 * sent for this revision goes out again; a participant added since receives theirs.
 */
export async function sendInvitations(
  tx: Executor,
  p: Platform,
  call: CabinetCall,
  meetingId: string,
): Promise<InvitationResult> {
  const access = await loadMeetingFor(tx, call.actor, meetingId, 'prepare', call.now);
  const m = access.meeting;
  if (m.status !== 'draft' && m.status !== 'invited')
    throw new AppError(CabinetErrors.CABINET_MEETING_CLOSED);
  // Serialise two clicks on "send" for the same meeting.
  await tx.execute(sql`select id from cabinet_meetings where id = ${m.id} for update`);
  const result = await sendToAll(tx, p, call, access, 'request');
  const [after] = await tx
    .update(meetings)
    .set({ status: 'invited', invitationsSentAt: m.invitationsSentAt ?? call.now, updatedAt: call.now })
    .where(eq(meetings.id, m.id))
    .returning();
  await audit(tx, call.audit, {
    action: 'cabinet.meeting.invite',
    objectType: 'cabinet_meeting',
    objectId: m.id,
    before: { status: m.status, invitationsSentAt: m.invitationsSentAt },
    after: {
      status: after!.status,
      invitationsSentAt: after!.invitationsSentAt,
      revision: m.revision,
      ...result,
    },
  });
  return {
    ...result,
    revision: m.revision,
    noticeMet: meetingDay(after!.invitationsSentAt!) <= m.papersDueOn,
  };
}

/** Cancellation notices (METHOD:CANCEL) to everyone, for a meeting just cancelled. */
export async function sendCancellations(
  tx: Executor,
  p: Platform,
  call: CabinetCall,
  access: MeetingAccess,
): Promise<void> {
  await sendToAll(tx, p, call, access, 'cancel');
}
