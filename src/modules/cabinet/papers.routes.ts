import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditFailure } from '../../platform/audit/index.js';
import { AppError, isAppError, PlatformErrors } from '../../platform/errors/index.js';
import { receiveFile, uploadRoutes, type ReceivedFile } from '../../platform/files/index.js';
import { auditContext, requireActor, auditedWriter } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { CLASSIFICATIONS, PAPER_KINDS, VIEW_STATES } from './model.js';
import { meetingVisible, paperActor } from './paper-access.js';
import { PaperErrors } from './papers.errors.js';
import {
  addVersion,
  checkUpload,
  createPaper,
  getPaper,
  listPapers,
  PAPER_MEDIA_TYPES,
  paperReadReceipts,
} from './papers.service.js';
import { readVersion, VersionParams } from './viewer.copy.js';

export const PaperVersionSchema = z.object({
  id: z.string(),
  version: z.number().describe('Số phiên bản 1, 2, 3… / Version number'),
  sha256: z.string().describe('SHA-256 của tệp / SHA-256 of the file'),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  late: z.boolean().describe('Gửi sau hạn gửi tài liệu / Arrived after the papers-due day'),
  note: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  viewState: z
    .enum(VIEW_STATES)
    .describe(
      'Bản xem PDF: pending đang chuẩn bị, ready sẵn sàng, failed lỗi, unavailable thiếu LibreOffice / ' +
        'The viewable PDF: pending, ready, failed, unavailable (no LibreOffice)',
    ),
});

export const PaperSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string().nullable(),
  title: z.string(),
  kind: z.enum(PAPER_KINDS),
  classification: z.enum(CLASSIFICATIONS),
  paperOnly: z
    .boolean()
    .describe('Tài liệu mật, chỉ phát hành bản giấy / Classified: circulates on paper only'),
  reference: z.string().nullable(),
  paperCirculationNote: z.string().nullable(),
  restrictedTo: z.array(z.string()).nullable(),
  createdAt: z.string(),
  versions: z.array(PaperVersionSchema),
  latestVersion: PaperVersionSchema.nullable(),
  late: z.boolean(),
});

const ReaderSchema = z.object({
  personId: z.string(),
  displayName: z.string().nullable(),
  expected: z.boolean(),
  lastVersionRead: z.number().nullable(),
  firstReadAt: z.string().nullable(),
  lastReadAt: z.string().nullable(),
  downloads: z.number(),
});

const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const PaperParams = MeetingParams.extend({ paperId: z.string().max(64).describe('Mã tài liệu / Paper id') });

const TAGS = ['cabinet'];

/** Papers of a meeting, their versions (multipart upload), reading them, and the office's read receipts. */
export async function papersRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visible = meetingVisible(p);

  const write = auditedWriter(p.db);

  r.get(
    '/api/cabinet/meetings/:meetingId/papers',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Tài liệu phiên họp / Papers of a meeting',
        description:
          'Chỉ gồm tài liệu người hỏi được xem; tài liệu mật chỉ có thông tin mô tả. / Only the papers the ' +
          'caller may see; classified ones as a metadata stub.',
        params: MeetingParams,
        response: { 200: z.object({ items: z.array(PaperSchema) }) },
      },
    },
    async (request) => ({
      items: await p.db.transaction((tx) => listPapers(tx, paperActor(request, p), request.params.meetingId)),
    }),
  );

  r.post(
    '/api/cabinet/meetings/:meetingId/papers',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Thêm tài liệu / Add a paper',
        description:
          'Tài liệu Mật, Tối mật, Tuyệt mật chỉ có thông tin mô tả và ghi chú phát hành bản giấy; không nhận ' +
          'nội dung. `restrictedTo` null: mọi người dự họp được xem. / A classified paper is a stub with a ' +
          'paper-circulation note and never takes content. `restrictedTo` null: every participant may read it.',
        params: MeetingParams,
        body: z.object({
          title: z.string().max(2000),
          kind: z.enum(PAPER_KINDS),
          classification: z.enum(CLASSIFICATIONS),
          reference: z.string().max(400).nullish(),
          agendaItemId: z.string().max(64).nullish(),
          paperCirculationNote: z.string().max(8000).nullish(),
          restrictedTo: z.array(z.string().max(64)).max(1000).nullish(),
        }),
        response: { 201: PaperSchema },
      },
    },
    async (request, reply) => {
      const created = await write(
        request,
        { action: 'cabinet.paper.create', objectType: 'cabinet_meeting', objectId: request.params.meetingId },
        (tx) => createPaper(tx, paperActor(request, p), request.params.meetingId, request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/cabinet/meetings/:meetingId/papers/:paperId',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Tài liệu và các phiên bản / A paper with its versions',
        params: PaperParams,
        response: { 200: PaperSchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) =>
        getPaper(tx, paperActor(request, p), request.params.meetingId, request.params.paperId),
      ),
  );

  r.get(
    '/api/cabinet/meetings/:meetingId/papers/:paperId/receipts',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Ai đã đọc, ai chưa đọc tài liệu / Who has read the paper and who has not',
        description:
          'Dành cho bộ phận chuẩn bị phiên họp; tính theo phiên bản mới nhất. / For the meeting office; ' +
          'about the latest version.',
        params: PaperParams,
        response: {
          200: z.object({
            paperId: z.string(),
            latestVersion: z.number().nullable(),
            read: z.array(ReaderSchema),
            notRead: z.array(ReaderSchema),
          }),
        },
      },
    },
    async (request) =>
      p.db.transaction((tx) =>
        paperReadReceipts(tx, paperActor(request, p), request.params.meetingId, request.params.paperId),
      ),
  );

  r.get(
    '/api/cabinet/meetings/:meetingId/papers/:paperId/versions/:version/file',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Tải tài liệu (ghi nhận đã đọc) / Download a version (recorded as read)',
        description:
          'Người đọc nhận bản PDF đóng dấu tên mình trên mọi trang (409 khi bản xem chưa sẵn sàng); chỉ bộ ' +
          'phận chuẩn bị phiên họp (văn phòng, thư ký phiên họp) nhận tệp gốc. / Readers get the PDF with ' +
          'their name on every page (409 while it is not ready); only the meeting office and secretariat get ' +
          'the original file.',
        params: VersionParams,
        querystring: z.object({ disposition: z.enum(['inline', 'attachment']).default('attachment') }),
      },
    },
    async (request, reply) => readVersion(p, request, reply, 'download'),
  );

  await uploadRoutes(app, p.config.FILE_MAX_BYTES, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/cabinet/meetings/:meetingId/papers/:paperId/versions',
      {
        onRequest: requireActor,
        schema: {
          tags: TAGS,
          summary: 'Tải lên phiên bản mới của tài liệu / Upload a new version of a paper',
          description:
            'multipart/form-data, một tệp PDF, DOCX, PNG hoặc JPEG, nhận biết theo nội dung; `note`: ghi chú ' +
            'tuỳ chọn. Tài liệu mật bị từ chối trước khi đọc tệp. / multipart/form-data with one file (PDF, ' +
            'DOCX, PNG or JPEG, recognised by content); `note`: optional. A classified paper is refused ' +
            'before the file is read.',
          consumes: ['multipart/form-data'],
          params: PaperParams,
          querystring: z.object({
            note: z.string().max(2000).optional().describe('Ghi chú phiên bản / Version note'),
          }),
          response: { 201: PaperVersionSchema },
        },
      },
      async (request, reply) => {
        const { meetingId, paperId } = request.params;
        const ctx = auditContext(request);
        const entry = {
          action: 'cabinet.paper.version.upload',
          objectType: 'cabinet_paper',
          objectId: paperId,
        };
        try {
          // Refuse before reading a byte: a classified paper's content must never reach the file store.
          await p.db.transaction((tx) => checkUpload(tx, paperActor(request, p), meetingId, paperId));
          const file = await receivePaperFile(request, p);
          const created = await p.db.transaction((tx) =>
            addVersion(tx, p.jobs, paperActor(request, p), meetingId, paperId, file, request.query.note),
          );
          return reply.status(201).send(created);
        } catch (e) {
          if (isAppError(e)) await auditFailure(p.db, ctx, { ...entry, detail: e.code });
          throw e;
        }
      },
    );
  });
}

/** The file streamed into the store, typed by content; another type gets the paper's own code. */
async function receivePaperFile(request: FastifyRequest, p: Platform): Promise<ReceivedFile> {
  try {
    return await receiveFile(request, p.files, {
      maxBytes: p.config.FILE_MAX_BYTES,
      accept: Object.keys(PAPER_MEDIA_TYPES),
    });
  } catch (e) {
    if (e instanceof AppError && e.code === PlatformErrors.UNSUPPORTED_MEDIA_TYPE && e.details?.detected)
      throw new AppError(PaperErrors.CABINET_PAPER_FILE_TYPE, e.details);
    throw e;
  }
}
