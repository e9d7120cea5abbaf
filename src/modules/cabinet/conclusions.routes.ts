import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { addTask, getConclusion, issueConclusion, putConclusion } from './conclusions.service.js';
import { CONCLUSION_STATES, TASK_STATES } from './model.js';
import { meetingVisible, paperActor } from './paper-access.js';

const Person = z.object({ id: z.string(), displayName: z.string() });

export const TaskSchema = z.object({
  id: z.string(),
  conclusionId: z.string(),
  meeting: z.object({ id: z.string(), title: z.string() }),
  conclusion: z.object({ reference: z.string().nullable(), state: z.enum(CONCLUSION_STATES) }),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  assigneeAgency: z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string().nullable() }),
  assigneePerson: Person.nullable(),
  dueOn: z.string().describe('Hạn hoàn thành YYYY-MM-DD / Due day'),
  state: z.enum(TASK_STATES),
  progress: z.number().describe('Tiến độ 0–100 / Progress 0–100'),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  standing: z
    .enum(['on_time', 'due_soon', 'overdue', 'done', 'cancelled'])
    .describe('Trong hạn, sắp đến hạn, quá hạn… / On time, due soon, overdue…'),
  workingDaysLeft: z
    .number()
    .describe('Số ngày làm việc còn lại, âm khi quá hạn / Working days left, negative when overdue'),
});

const ConclusionSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  reference: z.string().nullable().describe('Số, ký hiệu, ví dụ 45/TB-VPCP / Reference number'),
  title: z.string(),
  body: z.string(),
  state: z.enum(CONCLUSION_STATES),
  dueOn: z.string(),
  workingDaysLeft: z.number(),
  followUpOfficer: Person.nullable(),
  issuedBy: Person.nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  revision: z.number(),
  tasks: z.array(TaskSchema),
});

const ConclusionPageSchema = z.object({
  dueOn: z.string().nullable().describe('Hạn ban hành thông báo / Notice due day'),
  workingDaysLeft: z.number().nullable().describe('Ngày làm việc còn lại (âm: trễ) / Working days left'),
  mayEdit: z.boolean().describe('Được soạn, sửa, ban hành / May draft, edit and issue'),
  mayAssign: z.boolean().describe('Được giao thêm nhiệm vụ / May add tasks'),
  conclusion: ConclusionSchema.nullable(),
});

const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const Revision = z.number().int().min(0).max(1_000_000_000);
const TAGS = ['cabinet'];

/**
 * The conclusion notice of a meeting and the tasks it assigns: drafted, completed and issued by the office
 * or the secretariat once the meeting has ended; read by participants once issued.
 */
export async function conclusionsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visible = meetingVisible(p);
  const write = auditedWriter(p.db);
  const base = '/api/cabinet/meetings/:meetingId/conclusion';

  r.get(
    base,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Thông báo kết luận và nhiệm vụ / The conclusion notice and its tasks',
        description:
          'Kèm hạn ban hành và số ngày làm việc còn lại; bản nháp chỉ bộ phận chuẩn bị xem. / With the due ' +
          'day and working days left; drafts for the office only.',
        params: MeetingParams,
        response: { 200: ConclusionPageSchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) => getConclusion(tx, p, paperActor(request, p), request.params.meetingId)),
  );

  r.put(
    base,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Soạn, sửa thông báo kết luận / Draft or edit the conclusion notice',
        description:
          'Lần đầu tạo bản nháp (hạn tính theo ngày làm việc); sau đó sửa theo phiên bản. / Creates the ' +
          'draft (due day in working days), then edits it against its revision.',
        params: MeetingParams,
        body: z.object({
          title: z.string().max(2000),
          body: z.string().max(200_000).optional(),
          followUpOfficerId: z.string().max(64).nullable().optional(),
          revision: Revision.optional(),
        }),
        response: { 200: ConclusionSchema },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'cabinet.conclusion.put',
          objectType: 'cabinet_meeting',
          objectId: request.params.meetingId,
        },
        (tx) => putConclusion(tx, p, paperActor(request, p), request.params.meetingId, request.body),
      ),
  );

  r.post(
    `${base}/issue`,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Ban hành thông báo kết luận / Issue the conclusion notice',
        description:
          'Cần số, ký hiệu; báo người dự họp và người được giao nhiệm vụ; phiên họp chuyển sang đã kết luận. ' +
          'Cần phiên bản đã đọc (thiếu hoặc cũ trả 409). / Needs the reference; tells participants and ' +
          'assignees; the meeting becomes concluded. Needs the revision read (missing or stale answers 409).',
        params: MeetingParams,
        body: z.object({ reference: z.string().max(1000), revision: Revision.optional() }),
        response: { 200: ConclusionSchema },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'cabinet.conclusion.issue',
          objectType: 'cabinet_meeting',
          objectId: request.params.meetingId,
        },
        (tx) => issueConclusion(tx, p, paperActor(request, p), request.params.meetingId, request.body),
      ),
  );

  r.post(
    `${base}/tasks`,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Giao nhiệm vụ trong thông báo kết luận / Add a task to the notice',
        description:
          'Cơ quan được giao bắt buộc; hạn là ngày làm việc, không ở quá khứ. / The assignee agency is ' +
          'required; the due day is a working day, not in the past.',
        params: MeetingParams,
        body: z.object({
          title: z.string().max(2000),
          detail: z.string().max(20_000).optional(),
          assigneeAgencyId: z.string().max(64),
          assigneePersonId: z.string().max(64).nullable().optional(),
          agendaItemId: z.string().max(64).nullable().optional(),
          dueOn: z.string().max(20).describe('YYYY-MM-DD'),
        }),
        response: { 201: TaskSchema },
      },
    },
    async (request, reply) => {
      const task = await write(
        request,
        { action: 'cabinet.task.create', objectType: 'cabinet_meeting', objectId: request.params.meetingId },
        (tx) => addTask(tx, p, paperActor(request, p), request.params.meetingId, request.body),
      );
      return reply.status(201).send(task);
    },
  );
}
