import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError, PlatformErrors } from '../../platform/errors/index.js';
import { requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { peopleActor, peopleWrite } from './people.http.js';
import { Permissions } from './policy.js';
import { KNOWN_PERMISSIONS, ROLE_NAME_MAX } from './roles.model.js';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service.js';

const RoleView = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  requiresMfa: z.boolean().describe('Bắt buộc xác thực hai bước / Second factor required'),
  builtin: z.boolean().describe('Vai trò có sẵn của hệ thống / Built-in role'),
  holders: z.number().describe('Số người đang giữ vai trò / People holding it'),
});

const CodeParam = z.object({ code: z.string().max(64).describe('Mã vai trò / Role code') });
const Name = z.string().max(ROLE_NAME_MAX * 4);
const PermissionList = z.array(z.string().max(100)).max(200);

/** People managers read roles to assign them; only role managers define them. */
async function readRoles(request: FastifyRequest): Promise<void> {
  try {
    await requirePermission(Permissions.manageRoles)(request);
  } catch (e) {
    if (!isAppError(e) || e.code !== PlatformErrors.FORBIDDEN) throw e;
    await requirePermission(Permissions.managePeople)(request);
  }
}

/** Roles and the permissions they grant (identity.roles.manage); the catalogue of known permissions. */
export async function rolesRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.manageRoles);
  const role = (code: string) => ({ objectType: 'role', objectId: code });

  r.get(
    '/api/admin/roles',
    {
      onRequest: readRoles,
      schema: {
        tags: ['identity'],
        summary: 'Danh sách vai trò và quyền / Roles and their permissions',
        response: { 200: z.object({ items: z.array(RoleView) }) },
      },
    },
    async (request) => ({ items: await listRoles(p.db, peopleActor(request, p)) }),
  );

  r.get(
    '/api/admin/permissions',
    {
      onRequest: readRoles,
      schema: {
        tags: ['identity'],
        summary: 'Các quyền có trong hệ thống / Known permissions',
        response: {
          200: z.object({
            items: z.array(z.object({ name: z.string(), area: z.string(), vi: z.string(), en: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: [...KNOWN_PERMISSIONS] }),
  );

  r.post(
    '/api/admin/roles',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thêm vai trò / Create a role',
        body: z.object({
          code: z.string().max(64).describe('a-z, 0-9, _ (2–40 ký tự)'),
          nameVi: Name,
          nameEn: Name,
          permissions: PermissionList.optional(),
          requiresMfa: z.boolean().optional(),
        }),
        response: { 201: RoleView },
      },
    },
    async (request, reply) => {
      const created = await peopleWrite(
        p,
        request,
        { action: 'identity.role.create', ...role(request.body.code) },
        (tx) => createRole(tx, peopleActor(request, p), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/admin/roles/:code',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Sửa tên, quyền, yêu cầu xác thực hai bước của vai trò / Change a role',
        params: CodeParam,
        body: z.object({
          nameVi: Name.optional(),
          nameEn: Name.optional(),
          permissions: PermissionList.optional().describe('Toàn bộ quyền / The full list'),
          requiresMfa: z.boolean().optional(),
        }),
        response: { 200: RoleView },
      },
    },
    async (request) =>
      peopleWrite(p, request, { action: 'identity.role.update', ...role(request.params.code) }, (tx) =>
        updateRole(tx, peopleActor(request, p), request.params.code, request.body),
      ),
  );

  r.delete(
    '/api/admin/roles/:code',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Xoá vai trò (không áp dụng cho vai trò có sẵn hoặc đang được gán) / Delete a role',
        params: CodeParam,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await peopleWrite(p, request, { action: 'identity.role.delete', ...role(request.params.code) }, (tx) =>
        deleteRole(tx, peopleActor(request, p), request.params.code),
      );
      return reply.status(204).send(null);
    },
  );
}
