import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, auditedWriter } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  addAgendaItem,
  AGENDA_ITEMS_MAX,
  editAgendaItem,
  listAgenda,
  removeAgendaItem,
  reorderAgenda,
} from './agenda.service.js';
import { AGENDA_STATES, CLASSIFICATIONS } from './model.js';
import { meetingVisible, paperActor } from './paper-access.js';
import { PaperSchema } from './papers.routes.js';

const AgendaItemSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  position: z.number().describe('Thứ tự 1, 2, 3… / Position 1, 2, 3…'),
  title: z.string(),
  presenterAgencyId: z.string().nullable().describe('Cơ quan trình / Presenting agency'),
  presenterPersonId: z.string().nullable().describe('Người trình bày / Presenter'),
  plannedMinutes: z.number().nullable().describe('Thời lượng dự kiến (phút) / Time box in minutes'),
  state: z.enum(AGENDA_STATES),
  classification: z.enum(CLASSIFICATIONS),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  spentSeconds: z.number(),
});

/** Field lengths and ranges are checked by the service, so bad input gets a coded error, not a bare 400. */
const ItemFields = {
  title: z.string().max(2000),
  presenterAgencyId: z.string().max(64).nullish(),
  presenterPersonId: z.string().max(64).nullish(),
  plannedMinutes: z.number().int().min(-1_000_000).max(1_000_000).nullish(),
  classification: z.enum(CLASSIFICATIONS).optional(),
};

const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const ItemParams = MeetingParams.extend({
  itemId: z.string().max(64).describe('Mã nội dung chương trình / Agenda item id'),
});

const TAGS = ['cabinet'];

/**
 * The agenda of a meeting: everyone who may read the meeting lists it; the office (or the secretariat) adds,
 * edits, reorders and removes items — the service checks that, and a stranger's meeting is not found.
 */
export async function agendaRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visible = meetingVisible(p);

  const write = auditedWriter(p.db);

  r.get(
    '/api/cabinet/meetings/:meetingId/agenda',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Chương trình phiên họp và tài liệu / The agenda with its papers',
        description:
          'Theo thứ tự; mỗi nội dung kèm tài liệu người hỏi được xem (có cờ gửi muộn). / In order; each item ' +
          'with the papers the caller may see (with the late flag).',
        params: MeetingParams,
        response: {
          200: z.object({
            items: z.array(AgendaItemSchema.extend({ papers: z.array(PaperSchema) })),
            otherPapers: z.array(PaperSchema).describe('Tài liệu chưa gắn nội dung / Papers on no item'),
          }),
        },
      },
    },
    async (request) =>
      p.db.transaction((tx) => listAgenda(tx, paperActor(request, p), request.params.meetingId)),
  );

  r.post(
    '/api/cabinet/meetings/:meetingId/agenda',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Thêm nội dung vào chương trình / Add an agenda item',
        description: 'Thêm vào cuối chương trình. / Added at the end of the agenda.',
        params: MeetingParams,
        body: z.object(ItemFields),
        response: { 201: AgendaItemSchema },
      },
    },
    async (request, reply) => {
      const created = await write(
        request,
        { action: 'cabinet.agenda.add', objectType: 'cabinet_meeting', objectId: request.params.meetingId },
        (tx) => addAgendaItem(tx, paperActor(request, p), request.params.meetingId, request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.put(
    '/api/cabinet/meetings/:meetingId/agenda/order',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Sắp xếp lại chương trình / Reorder the agenda',
        description:
          'Liệt kê mọi nội dung đúng một lần theo thứ tự mới. / List every item exactly once in the new order.',
        params: MeetingParams,
        body: z.object({ itemIds: z.array(z.string().max(64)).max(AGENDA_ITEMS_MAX) }),
        response: { 200: z.object({ items: z.array(AgendaItemSchema) }) },
      },
    },
    async (request) => ({
      items: await write(
        request,
        {
          action: 'cabinet.agenda.reorder',
          objectType: 'cabinet_meeting',
          objectId: request.params.meetingId,
        },
        (tx) => reorderAgenda(tx, paperActor(request, p), request.params.meetingId, request.body.itemIds),
      ),
    }),
  );

  r.patch(
    '/api/cabinet/meetings/:meetingId/agenda/:itemId',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Sửa nội dung chương trình / Edit an agenda item',
        params: ItemParams,
        body: z.object({ ...ItemFields, title: ItemFields.title.optional() }),
        response: { 200: AgendaItemSchema },
      },
    },
    async (request) =>
      write(
        request,
        { action: 'cabinet.agenda.edit', objectType: 'cabinet_agenda_item', objectId: request.params.itemId },
        (tx) =>
          editAgendaItem(
            tx,
            paperActor(request, p),
            request.params.meetingId,
            request.params.itemId,
            request.body,
          ),
      ),
  );

  r.delete(
    '/api/cabinet/meetings/:meetingId/agenda/:itemId',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Xoá nội dung chưa có tài liệu / Remove an agenda item that has no papers',
        params: ItemParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await write(
        request,
        {
          action: 'cabinet.agenda.remove',
          objectType: 'cabinet_agenda_item',
          objectId: request.params.itemId,
        },
        (tx) => removeAgendaItem(tx, paperActor(request, p), request.params.meetingId, request.params.itemId),
      );
      return reply.status(204).send(null);
    },
  );
}
