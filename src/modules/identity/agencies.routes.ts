import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actorOf,
  auditContext,
  requireActor,
  requirePermission,
  auditedWriter,
} from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { AGENCY_CODE_MAX_LENGTH } from './agency-code.js';
import {
  AGENCY_LEGAL_BASIS_MAX,
  AGENCY_LEVELS,
  AGENCY_NAME_MAX,
  AGENCY_SHORT_NAME_MAX,
  MERGE_SOURCES_MAX,
  SUCCESSION_KINDS,
} from './agencies.model.js';
import {
  AGENCY_LIST_LIMIT_MAX,
  createAgency,
  getAgency,
  listAgencies,
  mergeAgencies,
  renameAgency,
  resolveAgencyCode,
  retireAgency,
  type AgencyActor,
} from './agencies.service.js';
import { Permissions } from './policy.js';

const AgencyView = z.object({
  id: z.string(),
  code: z.string(),
  codeStandard: z.boolean().describe('Mã dạng chuẩn NNN.NN.NN.XNN / Code in the standard 13-character form'),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  shortName: z.string().nullable(),
  parentId: z.string().nullable(),
  level: z.enum(AGENCY_LEVELS),
  adminUnitCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable().describe('Ngày cuối cùng tồn tại / Last day the agency existed'),
  retired: z.boolean(),
  legalBasis: z.string().nullable(),
  retiredBasis: z.string().nullable(),
});

const AgencyRef = z.object({
  id: z.string(),
  code: z.string(),
  nameVi: z.string(),
  validTo: z.string().nullable(),
});

const SuccessionView = z.object({
  predecessor: AgencyRef,
  successor: AgencyRef,
  kind: z.enum(SUCCESSION_KINDS),
  date: z.string().describe('Ngày hiệu lực / First day of the successor'),
  legalBasis: z.string().nullable(),
});

/** Codes are checked by the service, so a malformed one gets IDENTITY_AGENCY_CODE_INVALID, not a generic 400. */
const CodeField = z
  .string()
  .max(AGENCY_CODE_MAX_LENGTH * 4)
  .describe('Mã định danh (QĐ 20/2020/QĐ-TTg), ví dụ 000.00.00.G22 / Agency identifier code');
const IdParam = z.object({ id: z.string().max(64).describe('Mã số (UUID) của cơ quan / Agency id') });
const DateField = z
  .string()
  .max(32)
  .describe('Ngày YYYY-MM-DD (mặc định hôm nay) / Effective day (default today)');
const LegalBasis = z
  .string()
  .max(AGENCY_LEGAL_BASIS_MAX)
  .nullish()
  .describe('Căn cứ pháp lý (số, ngày văn bản) / Legal basis');

const NewAgencyBody = z.object({
  code: CodeField,
  nameVi: z.string().max(AGENCY_NAME_MAX),
  nameEn: z.string().max(AGENCY_NAME_MAX).nullish(),
  shortName: z.string().max(AGENCY_SHORT_NAME_MAX).nullish(),
  parentId: z.string().max(64).nullish(),
  level: z.enum(AGENCY_LEVELS),
  adminUnitCode: z.string().max(20).nullish(),
  legalBasis: LegalBasis,
});

/**
 * The agency registry over HTTP: any signed-in person reads it and resolves codes; holders of
 * identity.agencies.manage create, rename, merge and retire agencies.
 */
export async function agenciesRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.manageAgencies);

  const actor = (request: FastifyRequest): AgencyActor => ({
    audit: auditContext(request),
    permissions: actorOf(request).permissions,
    now: p.clock.now(),
  });

  const write = auditedWriter(p.db);

  r.get(
    '/api/agencies',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Tra cứu cơ quan / Search agencies',
        description:
          'Tìm theo tên, tên viết tắt (không phân biệt dấu) hoặc phần đầu của mã định danh. / Search by name ' +
          'or short name (diacritics ignored) or by the beginning of the identifier code.',
        querystring: z.object({
          q: z.string().max(200).optional(),
          level: z.enum(AGENCY_LEVELS).optional(),
          parent: z.string().max(64).optional().describe('Cơ quan cấp trên (id) / Parent agency id'),
          includeRetired: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(AGENCY_LIST_LIMIT_MAX).default(100),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(AgencyView), total: z.number() }) },
      },
    },
    async (request) => {
      const { q, level, parent, includeRetired, limit, offset } = request.query;
      return listAgencies(p.db, {
        q,
        level,
        parentId: parent,
        includeRetired: includeRetired === 'true',
        limit,
        offset,
      });
    },
  );

  r.get(
    '/api/agencies/resolve/:code',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary:
          'Tìm cơ quan hiện hành theo mã định danh (kể cả mã cũ) / Resolve a code to the current agency',
        description:
          'Mã đã thôi sử dụng (đổi tên, sáp nhập) được dẫn đến cơ quan kế thừa. `at`: ngày của văn bản, để ' +
          'chọn cơ quan giữ mã vào ngày đó. / A retired code leads to its successor(s); `at` picks the agency ' +
          'that held the code on that day.',
        params: z.object({ code: CodeField }),
        querystring: z.object({ at: DateField.optional() }),
        response: {
          200: z.object({
            code: z.string(),
            requested: AgencyView,
            current: z.array(AgencyView),
            path: z.array(SuccessionView),
          }),
        },
      },
    },
    async (request) => resolveAgencyCode(p.db, request.params.code, request.query.at),
  );

  r.get(
    '/api/agencies/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Thông tin cơ quan / Agency details',
        params: IdParam,
        response: {
          200: AgencyView.extend({
            parent: AgencyRef.nullable(),
            predecessors: z.array(SuccessionView),
            successors: z.array(SuccessionView),
          }),
        },
      },
    },
    async (request) => getAgency(p.db, request.params.id),
  );

  r.post(
    '/api/admin/agencies',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thêm cơ quan / Create an agency',
        body: NewAgencyBody.extend({
          validFrom: z.string().max(32).nullish().describe('Ngày bắt đầu hoạt động / First day'),
        }),
        response: { 201: AgencyView },
      },
    },
    async (request, reply) => {
      const created = await write(request, { action: 'identity.agency.create', objectType: 'agency' }, (tx) =>
        createAgency(tx, actor(request), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/admin/agencies/:id',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Đổi tên, đổi mã định danh cơ quan / Rename an agency or give it a new code',
        description:
          'Chỉ đổi tên: cập nhật tại chỗ. Đổi mã: bản ghi cũ thôi hiệu lực từ ngày `date` và được liên kết ' +
          'với bản ghi mới, nên mã cũ vẫn tra cứu được. / Names only: updated in place. A new code: the old ' +
          'record ends the day before `date` and links to a new one, so the old code still resolves.',
        params: IdParam,
        body: z.object({
          nameVi: z.string().max(AGENCY_NAME_MAX).optional(),
          nameEn: z.string().max(AGENCY_NAME_MAX).nullish(),
          shortName: z.string().max(AGENCY_SHORT_NAME_MAX).nullish(),
          code: CodeField.optional(),
          date: DateField.optional(),
          legalBasis: LegalBasis,
        }),
        response: { 200: z.object({ agency: AgencyView, previous: AgencyView.nullable() }) },
      },
    },
    async (request) =>
      write(
        request,
        { action: 'identity.agency.rename', objectType: 'agency', objectId: request.params.id },
        (tx) => renameAgency(tx, actor(request), request.params.id, request.body),
      ),
  );

  r.post(
    '/api/admin/agencies/merge',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Hợp nhất, sáp nhập cơ quan / Merge agencies into one',
        description:
          'Các cơ quan trong `sourceIds` thôi hiệu lực từ ngày `date` và được liên kết với cơ quan tiếp nhận ' +
          '(`targetId` có sẵn, hoặc `target` mới); đơn vị trực thuộc chuyển sang cơ quan tiếp nhận. / The ' +
          'agencies in `sourceIds` end the day before `date` and link to the receiving agency (existing ' +
          '`targetId` or a new `target`); their subordinates move to it.',
        body: z.object({
          sourceIds: z.array(z.string().max(64)).max(MERGE_SOURCES_MAX),
          targetId: z.string().max(64).optional(),
          target: NewAgencyBody.optional(),
          date: DateField.optional(),
          legalBasis: LegalBasis,
        }),
        response: { 200: z.object({ agency: AgencyView, merged: z.array(AgencyView) }) },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'identity.agency.merge',
          objectType: 'agency',
          ...(request.body.targetId ? { objectId: request.body.targetId } : {}),
        },
        (tx) => mergeAgencies(tx, actor(request), request.body),
      ),
  );

  r.post(
    '/api/admin/agencies/:id/retire',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Giải thể, chấm dứt hoạt động cơ quan / Retire an agency',
        params: IdParam,
        body: z.object({ date: DateField.optional(), legalBasis: LegalBasis }).optional(),
        response: { 200: AgencyView },
      },
    },
    async (request) =>
      write(
        request,
        { action: 'identity.agency.retire', objectType: 'agency', objectId: request.params.id },
        (tx) => retireAgency(tx, actor(request), request.params.id, request.body ?? {}),
      ),
  );
}
