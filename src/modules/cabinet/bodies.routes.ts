import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedTransaction } from '../../platform/audit/index.js';
import { actorOf, auditContext, requireActor, requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { Permissions } from '../identity/index.js';
import { addSeat, createBody, endSeat, getBody, listBodies, type CabinetCall } from './bodies.service.js';
import { BODY_KINDS, BODY_ROLES } from './model.js';
import { LegalBasisSchema, MeetingRulesSchema } from './rules.js';
import { listProfiles } from './rules.seed.js';

const BodyView = z.object({
  id: z.string(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(BODY_KINDS),
  agencyId: z.string(),
  ruleProfileCode: z.string(),
});

const SeatView = z.object({
  id: z.string(),
  personId: z.string(),
  displayName: z.string(),
  role: z.enum(BODY_ROLES),
  titleVi: z.string().nullable(),
  titleEn: z.string().nullable(),
  voting: z.boolean(),
  rank: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

const BodyDetail = BodyView.extend({ seats: z.array(SeatView), mayManage: z.boolean() });

const RuleProfileView = z.object({
  id: z.string(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  rules: MeetingRulesSchema,
  legalBasis: LegalBasisSchema,
});

const IdParam = z.object({ id: z.string().max(64).describe('Mã cơ quan họp / Body id') });
const Day = z.string().max(10).describe('YYYY-MM-DD');

export function cabinetCall(p: Platform, request: FastifyRequest): CabinetCall {
  return { actor: actorOf(request), audit: auditContext(request), now: p.clock.now() };
}

/** Bodies that meet, their seats and the rule profiles they meet under. */
export async function bodiesRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.manageBodies);
  const body = (id: string) => ({ objectType: 'cabinet_body', objectId: id });

  r.get(
    '/api/cabinet/rule-profiles',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Bộ quy tắc phiên họp / Meeting rule profiles',
        response: { 200: z.object({ items: z.array(RuleProfileView) }) },
      },
    },
    async () => ({ items: await listProfiles(p.db) }),
  );

  r.get(
    '/api/cabinet/bodies',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Cơ quan, tổ chức họp / Meeting bodies',
        response: { 200: z.object({ items: z.array(BodyView) }) },
      },
    },
    async (request) => ({ items: await listBodies(p.db, cabinetCall(p, request)) }),
  );

  r.get(
    '/api/cabinet/bodies/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: ['cabinet'],
        summary: 'Cơ quan họp và thành viên hiện tại / A body and its current seats',
        params: IdParam,
        response: { 200: BodyDetail },
      },
    },
    async (request) => getBody(p.db, cabinetCall(p, request), request.params.id),
  );

  r.post(
    '/api/admin/cabinet/bodies',
    {
      onRequest: manage,
      schema: {
        tags: ['cabinet'],
        summary: 'Tạo cơ quan họp / Create a body',
        body: z.object({
          code: z.string().max(100),
          nameVi: z.string().max(1000),
          nameEn: z.string().max(1000).nullish(),
          kind: z.enum(BODY_KINDS),
          agencyId: z.string().max(64),
          ruleProfileCode: z.string().max(100).describe('VN-GOV-39/2022, VN-QD45/2018, …'),
        }),
        response: { 200: BodyDetail },
      },
    },
    async (request) =>
      auditedTransaction(p.db, auditContext(request), { action: 'cabinet.body.create' }, (tx) =>
        createBody(tx, cabinetCall(p, request), request.body),
      ),
  );

  r.post(
    '/api/admin/cabinet/bodies/:id/seats',
    {
      onRequest: manage,
      schema: {
        tags: ['cabinet'],
        summary: 'Thêm thành viên, vị trí / Add a seat',
        params: IdParam,
        body: z.object({
          personId: z.string().max(64),
          role: z.enum(BODY_ROLES),
          voting: z.boolean().optional(),
          titleVi: z.string().max(500).nullish(),
          titleEn: z.string().max(500).nullish(),
          rank: z.number().int().optional(),
          validFrom: Day.optional(),
          validTo: Day.nullish(),
        }),
        response: { 200: BodyDetail },
      },
    },
    async (request) =>
      auditedTransaction(
        p.db,
        auditContext(request),
        { action: 'cabinet.body.seat.add', ...body(request.params.id) },
        (tx) => addSeat(tx, cabinetCall(p, request), request.params.id, request.body),
      ),
  );

  r.post(
    '/api/admin/cabinet/bodies/:id/seats/:seatId/end',
    {
      onRequest: manage,
      schema: {
        tags: ['cabinet'],
        summary: 'Kết thúc vị trí thành viên / End a seat',
        params: IdParam.extend({ seatId: z.string().max(64) }),
        body: z
          .object({ validTo: Day.optional().describe('Ngày cuối (mặc định hôm nay) / Last day') })
          .optional(),
        response: { 200: BodyDetail },
      },
    },
    async (request) =>
      auditedTransaction(
        p.db,
        auditContext(request),
        { action: 'cabinet.body.seat.end', ...body(request.params.id) },
        (tx) =>
          endSeat(
            tx,
            cabinetCall(p, request),
            request.params.id,
            request.params.seatId,
            request.body?.validTo,
          ),
      ),
  );
}
