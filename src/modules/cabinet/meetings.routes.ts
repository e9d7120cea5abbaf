import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedTransaction } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { auditContext, requireActor, requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { Permissions } from '../identity/index.js';
import { cabinetCall } from './bodies.routes.js';
import { sendInvitations } from './invitations.js';
import { cancelMeeting, createMeeting, getMeeting, listMeetings, updateMeeting } from './meetings.service.js';
import { ATTENDANCE_STATES, MEETING_KINDS, MEETING_STATUSES, PARTICIPANT_ROLES } from './model.js';
import {
  addGuest,
  decideAbsence,
  nominateSubstitute,
  removeParticipant,
  respond,
} from './participants.service.js';

const BodyRef = z.object({
  id: z.string(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
});

const MeetingSummary = z.object({
  id: z.string(),
  body: BodyRef,
  title: z.string(),
  kind: z.enum(MEETING_KINDS),
  status: z.enum(MEETING_STATUSES),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  location: z.string().nullable(),
  papersDueOn: z.string().describe('Hạn gửi tài liệu / Last day for papers on time'),
  myAttendance: z
    .enum(ATTENDANCE_STATES)
    .nullable()
    .describe('Trả lời giấy mời của người hỏi / The caller’s own answer to the invitation'),
});

const ParticipantView = z.object({
  personId: z.string(),
  displayName: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  voting: z.boolean(),
  substituteFor: z.string().nullable(),
  attendance: z.enum(ATTENDANCE_STATES),
  absenceReason: z.string().nullable(),
  absenceDecidedBy: z.string().nullable(),
  respondedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  remote: z.boolean(),
});

const MeetingView = MeetingSummary.extend({
  ruleProfileId: z.string(),
  onlineUrl: z.string().nullable(),
  chairId: z.string(),
  invitationsSentAt: z.string().nullable(),
  noticeMet: z.boolean().nullable().describe('Giấy mời gửi đúng hạn / Invitations sent in time'),
  revision: z.number(),
  cancelledReason: z.string().nullable(),
  participants: z.array(ParticipantView),
  quorum: z.object({ present: z.number(), seated: z.number(), required: z.number(), reached: z.boolean() }),
  me: z.object({
    role: z.enum(PARTICIPANT_ROLES).nullable(),
    mayPrepare: z.boolean(),
    isChair: z.boolean(),
    onBehalfOf: z.array(z.string()),
  }),
});

const IdParam = z.object({ id: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const PersonParam = IdParam.extend({ personId: z.string().max(64) });
const Instant = z.string().max(40).describe('ISO 8601 có múi giờ, ví dụ 2027-02-15T08:00:00+07:00');

/** Meetings, participants, attendance and invitations. */
export async function meetingsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** A change to a meeting in a transaction with its audit record; a refusal is audited too. */
  const write = <T>(
    request: FastifyRequest,
    action: string,
    id: string | undefined,
    change: (tx: Executor) => Promise<T>,
  ) =>
    auditedTransaction(
      p.db,
      auditContext(request),
      { action, objectType: 'cabinet_meeting', ...(id ? { objectId: id } : {}) },
      change,
    );

  r.get(
    '/api/cabinet/meetings',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Phiên họp của tôi hoặc của cơ quan / My meetings or my office’s',
        querystring: z.object({
          view: z.enum(['mine', 'office']).default('mine'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(MeetingSummary) }) },
      },
    },
    async (request) => ({
      items: await listMeetings(p.db, cabinetCall(p, request), request.query.view, request.query.limit),
    }),
  );

  r.post(
    '/api/admin/cabinet/meetings',
    {
      onRequest: requirePermission(Permissions.manageMeetings),
      schema: {
        tags: ['cabinet'],
        summary: 'Tạo phiên họp / Create a meeting',
        body: z.object({
          bodyId: z.string().max(64),
          title: z.string().max(1000),
          kind: z.enum(MEETING_KINDS),
          plannedStart: Instant,
          plannedEnd: Instant,
          location: z.string().max(1000).nullish(),
          onlineUrl: z.string().max(2000).nullish(),
        }),
        response: { 200: MeetingView },
      },
    },
    async (request) =>
      write(request, 'cabinet.meeting.create', undefined, (tx) =>
        createMeeting(tx, p, cabinetCall(p, request), request.body),
      ),
  );

  r.get(
    '/api/cabinet/meetings/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Phiên họp, thành phần dự họp, túc số / A meeting, its participants and quorum',
        params: IdParam,
        response: { 200: MeetingView },
      },
    },
    async (request) => getMeeting(p.db, cabinetCall(p, request), request.params.id),
  );

  r.patch(
    '/api/cabinet/meetings/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Sửa phiên họp / Edit a meeting',
        params: IdParam,
        body: z.object({
          revision: z.number().int().min(0).describe('Phiên bản đang sửa / Revision being edited'),
          title: z.string().max(1000).optional(),
          kind: z.enum(MEETING_KINDS).optional(),
          plannedStart: Instant.optional(),
          plannedEnd: Instant.optional(),
          location: z.string().max(1000).nullish(),
          onlineUrl: z.string().max(2000).nullish(),
        }),
        response: { 200: MeetingView },
      },
    },
    async (request) =>
      write(request, 'cabinet.meeting.update', request.params.id, (tx) =>
        updateMeeting(tx, p, cabinetCall(p, request), request.params.id, request.body),
      ),
  );

  r.post(
    '/api/cabinet/meetings/:id/cancel',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Huỷ phiên họp / Cancel a meeting',
        params: IdParam,
        body: z.object({ revision: z.number().int().min(0), reason: z.string().max(1000) }),
        response: { 200: MeetingView },
      },
    },
    async (request) =>
      write(request, 'cabinet.meeting.cancel', request.params.id, (tx) =>
        cancelMeeting(tx, p, cabinetCall(p, request), request.params.id, request.body),
      ),
  );

  r.post(
    '/api/cabinet/meetings/:id/invite',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Gửi giấy mời (thư, SMS, trong hệ thống, kèm tệp lịch) / Send invitations',
        params: IdParam,
        response: {
          200: z.object({
            sent: z.number(),
            alreadySent: z.number(),
            revision: z.number(),
            noticeMet: z.boolean(),
          }),
        },
      },
    },
    async (request) =>
      write(request, 'cabinet.meeting.invite', request.params.id, (tx) =>
        sendInvitations(tx, p, cabinetCall(p, request), request.params.id),
      ),
  );

  const view = (request: FastifyRequest, id: string) => getMeeting(p.db, cabinetCall(p, request), id);

  r.post(
    '/api/cabinet/meetings/:id/participants',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Mời khách dự họp / Invite a guest',
        params: IdParam,
        body: z.object({ personId: z.string().max(64), remote: z.boolean().optional() }),
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      await write(request, 'cabinet.meeting.participant.add', request.params.id, (tx) =>
        addGuest(tx, cabinetCall(p, request), request.params.id, request.body),
      );
      return view(request, request.params.id);
    },
  );

  r.delete(
    '/api/cabinet/meetings/:id/participants/:personId',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Bỏ khách mời hoặc người dự thay / Remove a guest or substitute',
        params: PersonParam,
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      await write(request, 'cabinet.meeting.participant.remove', request.params.id, (tx) =>
        removeParticipant(tx, cabinetCall(p, request), request.params.id, request.params.personId),
      );
      return view(request, request.params.id);
    },
  );

  r.post(
    '/api/cabinet/meetings/:id/substitutes',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Cử người dự họp thay / Nominate a substitute',
        params: IdParam,
        body: z.object({
          memberId: z.string().max(64).describe('Thành viên vắng / The member'),
          personId: z.string().max(64).describe('Người dự thay / The substitute'),
        }),
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      await write(request, 'cabinet.meeting.substitute.add', request.params.id, (tx) =>
        nominateSubstitute(tx, cabinetCall(p, request), request.params.id, request.body),
      );
      return view(request, request.params.id);
    },
  );

  r.post(
    '/api/cabinet/meetings/:id/attendance',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Xác nhận tham dự hoặc báo vắng / Confirm or report absence',
        params: IdParam,
        body: z.object({
          answer: z.enum(['confirm', 'absent']),
          reason: z.string().max(1000).optional(),
          personId: z.string().max(64).optional().describe('Thư ký trả lời thay thành viên / For the member'),
        }),
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      await write(request, 'cabinet.meeting.attendance', request.params.id, (tx) =>
        respond(tx, cabinetCall(p, request), request.params.id, request.body),
      );
      return view(request, request.params.id);
    },
  );

  r.post(
    '/api/cabinet/meetings/:id/participants/:personId/absence',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Đồng ý hoặc không đồng ý cho vắng mặt / Approve or refuse an absence',
        params: PersonParam,
        body: z.object({ approve: z.boolean() }),
        response: { 200: MeetingView },
      },
    },
    async (request) => {
      await write(request, 'cabinet.meeting.absence.decide', request.params.id, (tx) =>
        decideAbsence(
          tx,
          cabinetCall(p, request),
          request.params.id,
          request.params.personId,
          request.body.approve,
        ),
      );
      return view(request, request.params.id);
    },
  );
}
