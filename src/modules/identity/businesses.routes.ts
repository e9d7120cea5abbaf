import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  addRepresentative,
  createBusiness,
  getBusiness,
  listBusinesses,
  removeRepresentative,
} from './businesses.service.js';
import { peopleActor, peopleWrite } from './people.http.js';
import {
  BusinessDetailView,
  BusinessView,
  IdParam,
  NewBusinessBody,
  RepresentativeBody,
} from './people.schemas.js';
import { Permissions } from './policy.js';

/** The business register and its representatives (holders of identity.scope.all). */
export async function businessesRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.managePeople);
  const business = (id: string) => ({ objectType: 'business', objectId: id });

  r.get(
    '/api/admin/businesses',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Danh sách doanh nghiệp / List businesses',
        description: 'Tìm theo tên (không phân biệt dấu) hoặc mã số doanh nghiệp. / Search by name or code.',
        querystring: z.object({
          q: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(BusinessView), total: z.number() }) },
      },
    },
    async (request) => listBusinesses(p.db, peopleActor(request, p), request.query),
  );

  r.get(
    '/api/admin/businesses/:id',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thông tin doanh nghiệp và người đại diện / Business and representatives',
        params: IdParam,
        response: { 200: BusinessDetailView },
      },
    },
    async (request) => getBusiness(p.db, peopleActor(request, p), request.params.id),
  );

  r.post(
    '/api/admin/businesses',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thêm doanh nghiệp / Register a business',
        body: NewBusinessBody,
        response: { 201: BusinessDetailView },
      },
    },
    async (request, reply) => {
      const created = await peopleWrite(
        p,
        request,
        { action: 'identity.business.create', objectType: 'business' },
        (tx) => createBusiness(tx, peopleActor(request, p), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.post(
    '/api/admin/businesses/:id/representatives',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thêm người đại diện (theo pháp luật hoặc được uỷ quyền) / Add a representative',
        params: IdParam,
        body: RepresentativeBody,
        response: { 200: BusinessDetailView },
      },
    },
    async (request) =>
      peopleWrite(
        p,
        request,
        { action: 'identity.business.representative.add', ...business(request.params.id) },
        (tx) => addRepresentative(tx, peopleActor(request, p), request.params.id, request.body),
      ),
  );

  r.delete(
    '/api/admin/businesses/:id/representatives/:personId',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Bỏ người đại diện / Remove a representative',
        params: IdParam.extend({ personId: z.string().max(64) }),
        response: { 200: BusinessDetailView },
      },
    },
    async (request) =>
      peopleWrite(
        p,
        request,
        { action: 'identity.business.representative.remove', ...business(request.params.id) },
        (tx) => removeRepresentative(tx, peopleActor(request, p), request.params.id, request.params.personId),
      ),
  );
}
