import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { conclusionsRoutes, TaskSchema } from './conclusions.routes.js';
import { TASK_STATES } from './model.js';
import { paperActor } from './paper-access.js';
import { getTask, listTasks, reportTask, TASK_FILTERS, TASK_LIST_VIEWS } from './tasks.service.js';

const TaskDetailSchema = TaskSchema.extend({
  reports: z.array(
    z.object({
      id: z.string(),
      person: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      state: z.enum(TASK_STATES),
      progress: z.number(),
      note: z.string(),
      createdAt: z.string(),
    }),
  ),
  mayReport: z.boolean(),
  mayCancel: z.boolean(),
});

const TaskParams = z.object({ taskId: z.string().max(64).describe('Mã nhiệm vụ / Task id') });
const TAGS = ['cabinet'];

/**
 * Tasks of conclusion notices: the caller's own (mine) and the follow-up board (followers), each task's
 * detail and history, progress reports by assignees. The notice routes live in conclusions.routes.ts.
 */
export async function tasksRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  await conclusionsRoutes(app, p);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = auditedWriter(p.db);

  r.get(
    '/api/cabinet/tasks',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Nhiệm vụ của tôi, bảng theo dõi / My tasks, the follow-up board',
        description:
          'mine: nhiệm vụ giao cho tôi (hoặc người tôi làm thư ký, cơ quan tôi theo dõi); board: người có quyền ' +
          'theo dõi, đôn đốc trong phạm vi cơ quan. Sắp đến hạn: còn tối đa 3 ngày làm việc. / mine: tasks ' +
          'assigned to me (or my principals, my agency); board: follow-up officers within their agency scope. ' +
          'Due soon: at most 3 working days left.',
        querystring: z.object({
          view: z.enum(TASK_LIST_VIEWS).default('mine'),
          filter: z.enum(TASK_FILTERS).default('open'),
        }),
        response: {
          200: z.object({
            items: z.array(TaskSchema),
            counts: z.object({
              open: z.number(),
              due_soon: z.number(),
              overdue: z.number(),
              done: z.number(),
              all: z.number(),
            }),
          }),
        },
      },
    },
    async (request) =>
      p.db.transaction((tx) =>
        listTasks(tx, p, paperActor(request, p), request.query.view, request.query.filter),
      ),
  );

  r.get(
    '/api/cabinet/tasks/:taskId',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Một nhiệm vụ và lịch sử báo cáo / A task and its reports',
        params: TaskParams,
        response: { 200: TaskDetailSchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) => getTask(tx, p, paperActor(request, p), request.params.taskId)),
  );

  r.post(
    '/api/cabinet/tasks/:taskId/reports',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Báo cáo tiến độ nhiệm vụ / Report progress on a task',
        description:
          'Người, cơ quan được giao báo cáo trạng thái và tiến độ; hoàn thành ghi thời điểm hoàn thành; chỉ ' +
          'bộ phận chuẩn bị phiên họp huỷ nhiệm vụ. / The assignee reports state and progress; done records ' +
          'the completion time; only the meeting office cancels.',
        params: TaskParams,
        body: z.object({
          state: z.enum(TASK_STATES),
          progress: z.number().int().min(-1000).max(1000),
          note: z.string().max(20_000).optional(),
        }),
        response: { 201: TaskDetailSchema },
      },
    },
    async (request, reply) => {
      const task = await write(
        request,
        { action: 'cabinet.task.report', objectType: 'cabinet_task', objectId: request.params.taskId },
        (tx) => reportTask(tx, p, paperActor(request, p), request.params.taskId, request.body),
      );
      return reply.status(201).send(task);
    },
  );
}
