import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext, requirePermission, auditedWriter } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { OIDC_CLIENT_TYPES } from './oidc-clients.model.js';
import {
  createOidcClient,
  getOidcClient,
  listOidcClients,
  rotateOidcClientSecret,
  updateOidcClient,
  type OidcClientActor,
} from './oidc-clients.service.js';
import { Permissions } from './policy.js';

const ClientView = z.object({
  clientId: z.string(),
  name: z.string(),
  agency: z.object({ id: z.string(), code: z.string(), nameVi: z.string() }).nullable(),
  type: z
    .enum(OIDC_CLIENT_TYPES)
    .describe(
      'confidential: máy chủ giữ khoá bí mật / a server with a secret; public: ứng dụng trình duyệt, di động / browser or mobile app',
    ),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  backchannelLogoutUri: z.string().nullable(),
  machine: z
    .boolean()
    .describe(
      'Ứng dụng máy (client credentials, không có người đăng nhập) / Machine client (client credentials grant)',
    ),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});

const IssuedSecret = z.object({
  client: ClientView,
  clientSecret: z
    .string()
    .nullable()
    .describe('Chỉ hiển thị một lần / Shown once only; null cho ứng dụng công khai / for public clients'),
});

// Loose limits here: the service checks the values and answers with IDENTITY_OIDC_* codes.
const Uri = z.string().max(4000);
const UriList = z.array(Uri).max(50);
const ClientIdParam = z.object({ clientId: z.string().max(100).describe('Mã ứng dụng / Client id') });

/**
 * The registry of systems signing in through CPĐT (OIDC clients): holders of identity.oidc.manage see and
 * manage those of their agencies (all of them with identity.scope.all).
 */
export async function oidcClientsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.manageOidcClients);

  const actor = (request: FastifyRequest): OidcClientActor => {
    const a = actorOf(request);
    return {
      audit: auditContext(request),
      agencyId: a.agencyId,
      permissions: a.permissions,
      now: p.clock.now(),
    };
  };
  const write = auditedWriter(p.db);

  r.get(
    '/api/admin/oidc-clients',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Danh sách ứng dụng liên kết (OIDC) / Connected systems (OIDC clients)',
        response: { 200: z.object({ items: z.array(ClientView) }) },
      },
    },
    async (request) => ({ items: await listOidcClients(p.db, actor(request)) }),
  );

  r.post(
    '/api/admin/oidc-clients',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Đăng ký ứng dụng liên kết / Register a connected system',
        description:
          'Ứng dụng loại confidential nhận khoá bí mật (client secret), chỉ hiển thị một lần. / A confidential ' +
          'client gets a secret, shown once only.',
        body: z.object({
          name: z.string().max(1000),
          agencyId: z
            .string()
            .max(64)
            .nullish()
            .describe('Cơ quan quản lý (mặc định: cơ quan của bạn) / Owning agency (default: yours)'),
          type: z.string().max(40).describe('confidential | public'),
          redirectUris: UriList.optional().describe('Bắt buộc, trừ ứng dụng máy / Required, except machine'),
          postLogoutRedirectUris: UriList.optional(),
          backchannelLogoutUri: Uri.nullish(),
          machine: z
            .boolean()
            .optional()
            .describe(
              'Ứng dụng máy: confidential, không địa chỉ chuyển hướng, chỉ cấp token client_credentials / ' +
                'Machine client: confidential, no redirect URIs, client_credentials grant only',
            ),
        }),
        response: { 201: IssuedSecret },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const issued = await write(
        request,
        { action: 'identity.oidc.client.create', objectType: 'oidc_client' },
        (tx) => createOidcClient(tx, p.secrets, actor(request), body),
      );
      return reply.status(201).header('cache-control', 'no-store').send(issued);
    },
  );

  r.get(
    '/api/admin/oidc-clients/:clientId',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thông tin ứng dụng liên kết / Connected system details',
        params: ClientIdParam,
        response: { 200: ClientView },
      },
    },
    async (request) => getOidcClient(p.db, actor(request), request.params.clientId),
  );

  r.patch(
    '/api/admin/oidc-clients/:clientId',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary:
          'Sửa, tạm ngừng hoặc kích hoạt ứng dụng liên kết / Edit, disable or enable a connected system',
        description:
          'Ứng dụng bị tạm ngừng không thể đăng nhập và mọi token của nó mất hiệu lực. / A disabled client ' +
          'cannot start a sign-in and its tokens stop working.',
        params: ClientIdParam,
        body: z.object({
          name: z.string().max(1000).optional(),
          redirectUris: UriList.optional(),
          postLogoutRedirectUris: UriList.optional(),
          backchannelLogoutUri: Uri.nullish(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: ClientView },
      },
    },
    async (request) =>
      write(
        request,
        {
          action: 'identity.oidc.client.update',
          objectType: 'oidc_client',
          objectId: request.params.clientId,
        },
        (tx) => updateOidcClient(tx, actor(request), request.params.clientId, request.body),
      ),
  );

  r.post(
    '/api/admin/oidc-clients/:clientId/secret',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Cấp lại khoá bí mật / Rotate the client secret',
        description:
          'Khoá cũ hết hiệu lực ngay; khoá mới chỉ hiển thị một lần. / The old secret stops working at once; ' +
          'the new one is shown once only.',
        params: ClientIdParam,
        response: { 200: IssuedSecret },
      },
    },
    async (request, reply) => {
      const issued = await write(
        request,
        {
          action: 'identity.oidc.client.rotateSecret',
          objectType: 'oidc_client',
          objectId: request.params.clientId,
        },
        (tx) => rotateOidcClientSecret(tx, p.secrets, actor(request), request.params.clientId),
      );
      return reply.header('cache-control', 'no-store').send(issued);
    },
  );
}
