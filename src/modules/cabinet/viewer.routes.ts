import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { meetingVisible, paperActor } from './paper-access.js';
import {
  ANNOTATION_CONTEXT_MAX,
  ANNOTATION_NOTE_MAX,
  ANNOTATION_QUOTE_MAX,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  updateAnnotation,
} from './viewer.annotations.js';
import { PaperParams, readVersion, VersionParams } from './viewer.copy.js';
import { versionRef, versionTexts } from './viewer.service.js';

const TAGS = ['cabinet'];

const AnnotationParams = PaperParams.extend({
  annotationId: z.string().max(64).describe('Mã ghi chú / Annotation id'),
});

const SelectorSchema = z
  .object({
    exact: z
      .string()
      .min(1)
      .max(ANNOTATION_QUOTE_MAX * 2),
    prefix: z
      .string()
      .max(ANNOTATION_CONTEXT_MAX * 2)
      .default(''),
    suffix: z
      .string()
      .max(ANNOTATION_CONTEXT_MAX * 2)
      .default(''),
    page: z.number().int().min(1).max(100_000).describe('Trang (bắt đầu từ 1) / Page (from 1)'),
  })
  .describe('W3C TextQuoteSelector: đoạn trích và ngữ cảnh / the quote and its context');

const AnchorSchema = z.object({
  page: z.number(),
  start: z.number(),
  end: z.number(),
  match: z
    .enum(['quote', 'exact'])
    .describe('quote: khớp cả ngữ cảnh / with its context; exact: chỉ đoạn trích'),
});

const AnnotationSchema = z.object({
  id: z.string(),
  note: z.string(),
  selector: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string(), page: z.number() }),
  madeOnVersion: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  anchor: AnchorSchema.nullable(),
  orphaned: z
    .boolean()
    .describe('Đoạn trích không còn trong phiên bản này / The quote is gone from this version'),
});

/** The paper viewer: the reader's watermarked copy, the page texts, and the reader's private annotations. */
export async function viewerRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = auditedWriter(p.db);
  const visible = meetingVisible(p);
  const base = '/api/cabinet/meetings/:meetingId/papers/:paperId';

  r.get(
    `${base}/versions/:version/view`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary:
          'Xem tài liệu (PDF đóng dấu tên người đọc) / View a version (PDF watermarked for the reader)',
        description:
          'Mọi trang mang tên người đọc và thời điểm mở; ghi nhận đã đọc. 409 khi bản xem chưa sẵn sàng ' +
          '(đang chuyển đổi, thiếu LibreOffice, lỗi). / Every page carries the reader’s name and the time; ' +
          'recorded as read. 409 while the viewable PDF is not ready (converting, no LibreOffice, failed).',
        params: VersionParams,
        querystring: z.object({ disposition: z.enum(['inline', 'attachment']).default('inline') }),
      },
    },
    async (request, reply) => readVersion(p, request, reply, 'view'),
  );

  r.get(
    `${base}/versions/:version/text`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Văn bản từng trang (để trích dẫn, ghi chú) / Page texts (to quote and annotate)',
        params: VersionParams,
        response: { 200: z.object({ version: z.number(), pages: z.array(z.string()) }) },
      },
    },
    async (request) =>
      p.db.transaction((tx) =>
        versionTexts(
          tx,
          paperActor(request, p),
          request.params.meetingId,
          request.params.paperId,
          versionRef(request.params.version),
        ),
      ),
  );

  r.get(
    `${base}/annotations`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Ghi chú riêng của tôi trên tài liệu / My private annotations on a paper',
        description:
          'Chỉ người viết thấy ghi chú của mình. Gắn lại theo đoạn trích trên phiên bản được hỏi (mặc định ' +
          'mới nhất); không còn đoạn trích: `orphaned`. / Only their author sees them. Re-anchored on the ' +
          'version asked for (the latest by default) by the quoted text; `orphaned` when the quote is gone.',
        params: PaperParams,
        querystring: z.object({ version: z.string().max(64).default('latest') }),
        response: { 200: z.object({ version: z.number(), items: z.array(AnnotationSchema) }) },
      },
    },
    async (request) =>
      p.db.transaction((tx) =>
        listAnnotations(
          tx,
          paperActor(request, p),
          request.params.meetingId,
          request.params.paperId,
          versionRef(request.query.version),
        ),
      ),
  );

  r.post(
    `${base}/annotations`,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Thêm ghi chú riêng / Add a private annotation',
        params: PaperParams,
        body: z.object({
          version: z.number().int().min(1).max(1_000_000).describe('Phiên bản đang xem / Version being read'),
          selector: SelectorSchema,
          note: z.string().max(ANNOTATION_NOTE_MAX * 2),
        }),
        response: { 201: AnnotationSchema },
      },
    },
    async (request, reply) => {
      const created = await write(
        request,
        {
          action: 'cabinet.annotation.create',
          objectType: 'cabinet_paper',
          objectId: request.params.paperId,
        },
        (tx) =>
          createAnnotation(
            tx,
            paperActor(request, p),
            request.params.meetingId,
            request.params.paperId,
            request.body,
          ),
      );
      return reply.status(201).send(created);
    },
  );

  r.patch(
    `${base}/annotations/:annotationId`,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Sửa ghi chú riêng / Edit a private annotation',
        params: AnnotationParams,
        body: z.object({ note: z.string().max(ANNOTATION_NOTE_MAX * 2) }),
        response: { 200: AnnotationSchema },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'cabinet.annotation.update',
          objectType: 'cabinet_annotation',
          objectId: request.params.annotationId,
        },
        (tx) =>
          updateAnnotation(
            tx,
            paperActor(request, p),
            request.params.meetingId,
            request.params.paperId,
            request.params.annotationId,
            request.body,
          ),
      ),
  );

  r.delete(
    `${base}/annotations/:annotationId`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Xoá ghi chú riêng / Delete a private annotation',
        params: AnnotationParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await write(
        request,
        {
          action: 'cabinet.annotation.delete',
          objectType: 'cabinet_annotation',
          objectId: request.params.annotationId,
        },
        (tx) =>
          deleteAnnotation(
            tx,
            paperActor(request, p),
            request.params.meetingId,
            request.params.paperId,
            request.params.annotationId,
          ),
      );
      return reply.status(204).send(null);
    },
  );
}
