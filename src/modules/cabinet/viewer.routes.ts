import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { contentDisposition, sendStoredFile, type FileStore } from '../../platform/files/index.js';
import { auditedWriter, requireActor } from '../../platform/http/index.js';
import { watermarkPdf } from '../../platform/pdf/index.js';
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
import { ViewerErrors } from './viewer.errors.js';
import { openForReading, versionRef, versionTexts, type Opened } from './viewer.service.js';

const TAGS = ['cabinet'];

const PaperParams = z.object({
  meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id'),
  paperId: z.string().max(64).describe('Mã tài liệu / Paper id'),
});
export const VersionParams = PaperParams.extend({
  // Checked after the meeting and the paper, so a stranger gets 404 whatever they put here.
  version: z.string().max(64).describe('Số phiên bản, hoặc latest / Version number, or latest'),
});
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

/** An opened version and, for a reader, their stamped copy (null: a preparer's original, streamed). */
export interface Copy {
  opened: Opened;
  stamped: Buffer | null;
}

/** The viewable PDF with the reader's name and the time on every page; a coded 409 if it cannot be stamped. */
async function stampedCopy(files: FileStore, opened: Opened, at: Date): Promise<Buffer | null> {
  if (opened.kind === 'original') return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await files.open(opened.sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
  try {
    return Buffer.from(await watermarkPdf(Buffer.concat(chunks), { reader: opened.reader, at }));
  } catch {
    throw new AppError(ViewerErrors.CABINET_PAPER_VIEW_STAMP_FAILED, { version: opened.version });
  }
}

/**
 * Opens a version and makes the reader's copy in the same transaction: the read receipt and its audit record
 * are kept only when the copy was made (a copy that cannot be stamped rolls them back).
 */
export async function openCopy(
  tx: Executor,
  files: FileStore,
  at: Date,
  open: (tx: Executor) => Promise<Opened>,
): Promise<Copy> {
  const opened = await open(tx);
  return { opened, stamped: await stampedCopy(files, opened, at) };
}

/**
 * Sends a reader's copy, never cached (the stamp is theirs and of this moment); or, for a preparer's
 * download, the original file.
 */
export async function sendOpened(
  reply: FastifyReply,
  files: FileStore,
  { opened, stamped }: Copy,
  disposition: 'inline' | 'attachment',
): Promise<FastifyReply> {
  if (opened.kind === 'original') return sendStoredFile(reply, files, opened, disposition);
  if (!stamped) throw new Error('A reader’s copy is sent only once stamped');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-length', String(stamped.length))
    .header('content-disposition', contentDisposition(opened.filename, disposition))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-cpdt-paper-version', String(opened.version))
    .send(stamped);
}

type VersionRequest = FastifyRequest<{
  Params: z.infer<typeof VersionParams>;
  Querystring: { disposition: 'inline' | 'attachment' };
}>;

/** One reading of a version, viewed or downloaded: the copy made and recorded in one transaction, then sent. */
export async function readVersion(
  p: Platform,
  request: VersionRequest,
  reply: FastifyReply,
  mode: 'view' | 'download',
): Promise<FastifyReply> {
  const { meetingId, paperId, version } = request.params;
  const actor = paperActor(request, p);
  const copy = await auditedWriter(p.db)(
    request,
    { action: 'cabinet.paper.read', objectType: 'cabinet_paper', objectId: paperId },
    (tx) =>
      openCopy(tx, p.files, actor.now, (t) =>
        openForReading(t, actor, meetingId, paperId, versionRef(version), mode),
      ),
  );
  return sendOpened(reply, p.files, copy, request.query.disposition);
}

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
