/**
 * The agency node's documents office over HTTP (docs: the "Node documents" part of the exchange contract):
 * the node's agencies, the incoming and outgoing documents, their steps, composing and recalling, the files
 * and the statistics. Controls on one screen per route: requireActor (or the clerk's permission) → rate
 * limit → zod validation → the use case, which authorises against the document first and writes its audit
 * record in the same transaction as the change (auditedTransaction with the request's audit context: the
 * status envelope is signed between the check and the change, so the use case holds both transactions).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/index.js';
import { sendStoredFile, uploadRoutes } from '../../platform/files/index.js';
import { requireActor, requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { Permissions } from '../identity/index.js';
import { NodeErrors } from './errors.js';
import { composeOutbound, recallOutbound, REASON_MAX } from './node.compose.js';
import {
  DOCUMENT_LIST_MAX,
  DOCUMENT_STATES,
  documentAttachment,
  getDocument,
  type DocumentDetail,
  listDocuments,
} from './node.documents.js';
import { actingAgencies, DOCUMENT_ACTIONS, nodeActor } from './node.policy.js';
import { exchangeStats } from './node.stats.js';
import {
  agreeToChange,
  assigneeCandidates,
  ASSIGNEES_MAX,
  assignDocument,
  completeDocument,
  DEPARTMENT_MAX,
  NOTE_MAX,
  processDocument,
  refuseChange,
  registerDocument,
  rejectDocument,
} from './node.workflow.js';

const TAGS = ['exchange'];
/**
 * Writes are rarer than reads: a clerk registers or sends a few documents a minute, not hundreds. A deployment
 * that raises the general limit (RATE_LIMIT_MAX, default 300) raises these in proportion.
 */
const writeLimits = (generalMax: number) => ({
  write: { rateLimit: { max: Math.max(120, Math.floor(generalMax / 2.5)), timeWindow: 60_000 } },
  compose: { rateLimit: { max: Math.max(30, Math.floor(generalMax / 10)), timeWindow: 60_000 } },
});

const RecipientSchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  statusCode: z.string().nullable(),
  statusAt: z.string().nullable(),
});

export const DocumentSummarySchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  agencyCode: z.string(),
  documentId: z.string(),
  fromCode: z.string(),
  fromName: z.string().nullable(),
  businessDocType: z.string(),
  codeNumber: z.string().nullable(),
  codeNotation: z.string().nullable(),
  subject: z.string(),
  typeName: z.string().nullable(),
  promulgationDate: z.string().nullable(),
  priority: z.number(),
  dueDate: z.string().nullable(),
  state: z.enum(DOCUMENT_STATES),
  incomingNumber: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  recipients: z.array(RecipientSchema),
});

export const DocumentDetailSchema = DocumentSummarySchema.extend({
  agencyName: z.string().nullable(),
  signerName: z.string().nullable(),
  signerPosition: z.string().nullable(),
  department: z.string().nullable(),
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  targetDocumentId: z.string().nullable(),
  changeReason: z.string().nullable(),
  verification: z
    .object({
      envelope: z.enum(['valid', 'absent', 'invalid', 'untrusted']),
      envelopeSigner: z.string().nullable(),
      files: z.array(
        z.object({
          name: z.string(),
          signed: z.boolean(),
          valid: z.boolean(),
          signer: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  attachments: z.array(
    z.object({ position: z.number(), name: z.string(), size: z.number(), mediaType: z.string() }),
  ),
  timeline: z.array(
    z.object({
      agencyCode: z.string(),
      statusCode: z.string(),
      description: z.string().nullable(),
      staff: z.string().nullable(),
      at: z.string(),
      recall: z
        .boolean()
        .describe('Trạng thái về đề nghị thu hồi văn bản / The status answers a recall request'),
    }),
  ),
  actions: z.array(z.enum(DOCUMENT_ACTIONS)),
  sendError: z
    .string()
    .nullable()
    .describe('Lý do trục từ chối gói tin (trạng thái failed) / Why the hub refused the envelope'),
});

const DocParams = z.object({ id: z.string().max(64).describe('Mã văn bản / Document id') });
const Note = z.object({ note: z.string().max(NOTE_MAX).optional() });
const Reason = z.object({ reason: z.string().min(1).max(REASON_MAX).describe('Lý do / Reason') });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export async function nodeRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = writeLimits(p.config.RATE_LIMIT_MAX);

  r.get(
    '/api/exchange/agencies',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Cơ quan của điểm kết nối tôi được làm văn thư / The node agencies I act for',
        description:
          'Văn thư: các cơ quan của điểm kết nối trong phạm vi của mình; người khác: danh sách rỗng. / ' +
          'Clerks: the node agencies within their scope; anyone else: an empty list.',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => ({
      items: await p.db.transaction((tx) => actingAgencies(tx, nodeActor(request, p))),
    }),
  );

  r.get(
    '/api/exchange/documents',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Văn bản đến, văn bản đi / Incoming and outgoing documents',
        description:
          'Mới nhất trước; q tìm không dấu theo trích yếu, số/ký hiệu, cơ quan gửi. Văn thư thấy văn bản của ' +
          'cơ quan mình; người được giao thấy văn bản giao cho mình. / Newest first; q searches subject, ' +
          'number/notation and sender ignoring diacritics. Clerks see their offices’ documents; assignees ' +
          'the documents assigned to them.',
        querystring: z.object({
          direction: z.enum(['inbound', 'outbound']).optional(),
          state: z.enum(DOCUMENT_STATES).optional(),
          q: z.string().max(200).optional(),
          agency: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(DOCUMENT_LIST_MAX).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(DocumentSummarySchema), total: z.number() }) },
      },
    },
    async (request) => p.db.transaction((tx) => listDocuments(tx, nodeActor(request, p), request.query)),
  );

  r.get(
    '/api/exchange/documents/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary:
          'Một văn bản: tệp, nơi nhận, tiến trình, thao tác / A document: files, recipients, timeline, actions',
        params: DocParams,
        response: { 200: DocumentDetailSchema },
      },
    },
    async (request) => p.db.transaction((tx) => getDocument(tx, nodeActor(request, p), request.params.id)),
  );

  r.get(
    '/api/exchange/documents/:id/attachments/:position',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Tải tệp của văn bản / Download a file of a document',
        params: DocParams.extend({ position: z.coerce.number().int().min(0).max(10_000) }),
      },
    },
    async (request, reply) => {
      const file = await p.db.transaction((tx) =>
        documentAttachment(tx, nodeActor(request, p), request.params.id, request.params.position),
      );
      return sendStoredFile(reply, p.files, file);
    },
  );

  r.get(
    '/api/exchange/assignees',
    {
      onRequest: requirePermission(Permissions.manageDocuments),
      schema: {
        tags: TAGS,
        summary: 'Người có thể được giao xử lý văn bản / People a document can be assigned to',
        description:
          'Văn thư: cán bộ của cơ quan mình (hoặc của cơ quan `agency`), q tìm không dấu theo họ tên hoặc ' +
          'chức vụ. / Clerks: the officials of their offices (or of office `agency`); q matches the name or ' +
          'the post ignoring diacritics.',
        querystring: z.object({
          q: z.string().max(200).optional(),
          agency: z.string().max(40).optional().describe('Mã định danh cơ quan / Agency code'),
          limit: z.coerce.number().int().min(1).max(ASSIGNEES_MAX).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                displayName: z.string(),
                position: z.string().nullable(),
                agencyCode: z.string(),
                agencyName: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      items: await p.db.transaction((tx) => assigneeCandidates(tx, nodeActor(request, p), request.query)),
    }),
  );

  const step = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (request: FastifyRequest, id: string, body: z.infer<B>) => Promise<DocumentDetail>,
  ) =>
    r.post(
      `/api/exchange/documents/:id/${path}`,
      {
        onRequest: requireActor,
        config: limits.write,
        schema: { tags: TAGS, summary, params: DocParams, body, response: { 200: DocumentDetailSchema } },
      },
      async (request) => run(request, request.params.id, request.body as z.infer<B>),
    );
  const empty = z.object({}).passthrough().optional();

  step('register', 'Vào sổ văn bản đến (03) / Register an incoming document (03)', empty, (request, id) =>
    registerDocument(p, nodeActor(request, p), id),
  );
  step(
    'assign',
    'Phân công xử lý (04) / Assign for handling (04)',
    z.object({
      department: z.string().max(DEPARTMENT_MAX).optional(),
      assigneeId: z.union([z.string().uuid(), z.literal('')]).optional(),
      note: z.string().max(NOTE_MAX).optional(),
    }),
    (request, id, body) => assignDocument(p, nodeActor(request, p), id, body),
  );
  step('process', 'Đang xử lý (05) / Processing (05)', Note.optional(), (request, id, body) =>
    processDocument(p, nodeActor(request, p), id, body ?? {}),
  );
  step('complete', 'Hoàn thành xử lý (06) / Completed (06)', Note.optional(), (request, id, body) =>
    completeDocument(p, nodeActor(request, p), id, body ?? {}),
  );
  step('reject', 'Từ chối tiếp nhận (02) / Refuse the document (02)', Reason, (request, id, body) =>
    rejectDocument(p, nodeActor(request, p), id, body),
  );
  step(
    'agree',
    'Đồng ý thu hồi, cập nhật, thay thế (15) / Agree to a revocation, update or replacement (15)',
    empty,
    (request, id) => agreeToChange(p, nodeActor(request, p), id),
  );
  step(
    'refuse',
    'Từ chối thu hồi, cập nhật, thay thế (16) / Refuse a revocation, update or replacement (16)',
    Reason,
    (request, id, body) => refuseChange(p, nodeActor(request, p), id, body),
  );
  step('recall', 'Thu hồi văn bản đã gửi / Recall a sent document', Reason, (request, id, body) =>
    recallOutbound(p, nodeActor(request, p), id, body),
  );

  r.get(
    '/api/exchange/stats',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Thống kê văn bản điện tử gửi, nhận / Documents exchanged electronically',
        description:
          'Theo cơ quan của điểm kết nối, trong khoảng ngày (mặc định từ đầu năm đến hôm nay). / Per node ' +
          'agency, in the period (default: from the start of the year to today).',
        querystring: z.object({ from: isoDay.optional(), to: isoDay.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                agencyCode: z.string(),
                name: z.string(),
                level: z.string().nullable(),
                inbound: z.number(),
                outbound: z.number(),
                completed: z.number(),
                onTime: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => p.db.transaction((tx) => exchangeStats(tx, nodeActor(request, p), request.query)),
  );

  await uploadRoutes(app, p.config.FILE_MAX_BYTES, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/exchange/documents',
      {
        onRequest: requirePermission(Permissions.manageDocuments),
        config: limits.compose,
        schema: {
          tags: TAGS,
          summary: 'Soạn và gửi văn bản đi / Compose and send an outgoing document',
          description:
            'multipart/form-data: `document` (JSON: fromCode, codeNumber, codeNotation, typeName, subject, ' +
            'signerName, signerPosition, promulgationPlace, promulgationDate, priority, recipients …) và ' +
            '`file` (PDF đã ký số). / multipart/form-data: `document` (the JSON header) and `file` (the ' +
            'signed PDF).',
          consumes: ['multipart/form-data'],
          response: { 201: DocumentDetailSchema },
        },
      },
      async (request, reply) => {
        const { document, pdf, fileName } = await readComposeParts(request);
        const created = await composeOutbound(p, nodeActor(request, p), document, pdf, { fileName });
        return reply.status(201).send(created);
      },
    );
  });
}

/** The `document` JSON field and the `file` part, in either order. */
async function readComposeParts(
  request: FastifyRequest,
): Promise<{ document: unknown; pdf: Buffer; fileName: string | undefined }> {
  if (!request.isMultipart())
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'file', reason: 'multipart expected' });
  let document: unknown;
  let pdf: Buffer | undefined;
  let fileName: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.fieldname === 'file' && pdf === undefined) {
        pdf = data;
        fileName = part.filename;
      }
    } else if (part.fieldname === 'document') {
      try {
        document = JSON.parse(String(part.value));
      } catch {
        throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'document', reason: 'not JSON' });
      }
    }
  }
  if (document === undefined)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'document', reason: 'required' });
  if (pdf === undefined)
    throw new AppError(NodeErrors.EXCHANGE_DOCUMENT_INVALID, { field: 'file', reason: 'required' });
  return { document, pdf, fileName };
}
