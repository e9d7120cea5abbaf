import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { ADMIN_UNIT_LEVELS, ADMIN_UNIT_TYPES } from './admin-units.data.js';
import { ADMIN_UNITS_LIMIT_MAX, adminUnitSuccessorsOf, searchAdminUnits } from './admin-units.service.js';

const AdminUnitView = z.object({
  code: z.string(),
  level: z.enum(ADMIN_UNIT_LEVELS),
  type: z.enum(ADMIN_UNIT_TYPES),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  fullNameEn: z.string().nullable(),
  provinceCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable().describe('Ngày cuối cùng tồn tại / Last day the unit existed'),
});

/** The administrative units (provinces, communes/wards; the register before July 2025 as history). */
export async function adminUnitsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admin-units',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Tra cứu đơn vị hành chính / Search administrative units',
        description:
          'Tìm theo tên (không phân biệt dấu: "ba dinh" tìm thấy "Ba Đình") hoặc phần đầu của mã; mặc định ' +
          'chỉ các đơn vị đang có hiệu lực (từ 1/7/2025). / Search by name (diacritics ignored) or the ' +
          'beginning of the code; by default only the units in force (since 1 July 2025).',
        querystring: z.object({
          q: z.string().max(200).optional(),
          province: z.string().max(10).optional().describe('Mã tỉnh, ví dụ 01 / Province code, e.g. 01'),
          level: z.enum(ADMIN_UNIT_LEVELS).optional(),
          includeHistorical: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(ADMIN_UNITS_LIMIT_MAX).default(50),
        }),
        response: { 200: z.object({ items: z.array(AdminUnitView) }) },
      },
    },
    async (request) => {
      const { includeHistorical, ...query } = request.query;
      return {
        items: await searchAdminUnits(p.db, { ...query, includeHistorical: includeHistorical === 'true' }),
      };
    },
  );

  r.get(
    '/api/admin-units/:code/successors',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Đơn vị hành chính kế thừa của một mã cũ / Units in force that took over an old unit',
        description:
          'Mã xã, phường hoặc tỉnh trước ngày 1/7/2025 → đơn vị hiện hành tiếp nhận (có thể nhiều đơn vị ' +
          'khi bị chia tách). / A pre-July-2025 code → the unit(s) in force that took it over.',
        params: z.object({ code: z.string().max(10) }),
        response: {
          200: z.object({
            code: z.string(),
            historical: AdminUnitView.nullable(),
            inForce: z.boolean(),
            successors: z.array(AdminUnitView),
          }),
        },
      },
    },
    async (request) => adminUnitSuccessorsOf(p.db, request.params.code),
  );
}
