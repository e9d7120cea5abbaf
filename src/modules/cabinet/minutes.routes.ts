import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendStoredFile } from '../../platform/files/index.js';
import { auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { approveMinutes, editMinutes, generateMinutes, getMinutes, minutesPdf } from './minutes.service.js';
import { MINUTES_STATES } from './model.js';
import { meetingVisible, paperActor } from './paper-access.js';

const Person = z.object({ id: z.string(), displayName: z.string() });

const SectionSchema = z.object({
  key: z.string().describe('Mã phần: composition, item:<id>, closing / Section key'),
  heading: z.string(),
  body: z.string(),
});

export const MinutesSchema = z.object({
  meetingId: z.string(),
  state: z.enum(MINUTES_STATES).describe('draft: đang soạn; approved: đã phê duyệt / draft or approved'),
  sections: z.array(SectionSchema),
  revision: z.number().describe('Phiên bản để kiểm tra sửa đồng thời / Concurrency token'),
  generatedAt: z.string(),
  updatedBy: Person.nullable(),
  updatedAt: z.string(),
  approvedBy: Person.nullable(),
  approvedAt: z.string().nullable(),
  pdfSha256: z.string().nullable().describe('SHA-256 của bản PDF đã duyệt / SHA-256 of the approved PDF'),
  mayEdit: z.boolean().describe('Người hỏi được sửa, phê duyệt / The caller may edit and approve'),
});

const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const Revision = z.number().int().min(0).max(1_000_000_000);

const TAGS = ['cabinet'];

/**
 * Minutes of a meeting: generated from what happened once it has ended, edited and approved by the office
 * or the secretariat (who also see the draft), read and downloaded as PDF by participants once approved.
 */
export async function minutesRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visible = meetingVisible(p);
  const write = auditedWriter(p.db);
  const base = '/api/cabinet/meetings/:meetingId/minutes';

  r.get(
    base,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Biên bản phiên họp / The minutes',
        description:
          'Bản nháp chỉ bộ phận chuẩn bị và thư ký xem; người dự họp xem khi đã phê duyệt. / Drafts for the ' +
          'office and the secretariat; participants read approved minutes.',
        params: MeetingParams,
        response: { 200: MinutesSchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) => getMinutes(tx, paperActor(request, p), request.params.meetingId)),
  );

  r.post(
    `${base}/generate`,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Lập (lại) biên bản từ diễn biến phiên họp / Generate (again) from what happened',
        description:
          'Sau khi phiên họp kết thúc; lập lại thay toàn bộ nội dung bản nháp và cần phiên bản đã đọc (thiếu hoặc ' +
          'cũ trả 409). / Once the meeting has ended; regenerating replaces the whole draft and needs the ' +
          'revision read (missing or stale answers 409).',
        params: MeetingParams,
        body: z.object({ revision: Revision.optional() }).optional(),
        response: { 200: MinutesSchema },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'cabinet.minutes.generate',
          objectType: 'cabinet_minutes',
          objectId: request.params.meetingId,
        },
        (tx) => generateMinutes(tx, paperActor(request, p), request.params.meetingId, request.body?.revision),
      ),
  );

  r.patch(
    base,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Sửa các phần của biên bản / Edit sections of the minutes',
        description: 'Theo mã phần; phiên bản cũ trả 409. / By section key; a stale revision answers 409.',
        params: MeetingParams,
        body: z.object({
          revision: Revision,
          sections: z
            .array(
              z.object({
                key: z.string().max(100),
                heading: z.string().max(1000).optional(),
                body: z.string().max(100_000),
              }),
            )
            .max(300),
        }),
        response: { 200: MinutesSchema },
      },
    },
    async (request) =>
      write(
        request,
        { action: 'cabinet.minutes.edit', objectType: 'cabinet_minutes', objectId: request.params.meetingId },
        (tx) =>
          editMinutes(
            tx,
            paperActor(request, p),
            request.params.meetingId,
            request.body.revision,
            request.body.sections,
          ),
      ),
  );

  r.post(
    `${base}/approve`,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Phê duyệt biên bản / Approve the minutes',
        description: 'Khoá nội dung và lập bản PDF. / Freezes the text and renders the PDF.',
        params: MeetingParams,
        body: z.object({ revision: Revision }),
        response: { 200: MinutesSchema },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'cabinet.minutes.approve',
          objectType: 'cabinet_minutes',
          objectId: request.params.meetingId,
        },
        (tx) =>
          approveMinutes(
            tx,
            p.files,
            paperActor(request, p),
            request.params.meetingId,
            request.body.revision,
          ),
      ),
  );

  r.get(
    `${base}/pdf`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Tải biên bản PDF đã phê duyệt / Download the approved minutes as PDF',
        params: MeetingParams,
      },
    },
    async (request, reply) => {
      const file = await p.db.transaction((tx) =>
        minutesPdf(tx, paperActor(request, p), request.params.meetingId),
      );
      return sendStoredFile(reply, p.files, { ...file, mediaType: 'application/pdf' });
    },
  );
}
