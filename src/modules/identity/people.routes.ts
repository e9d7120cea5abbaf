import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { businessesRoutes } from './businesses.routes.js';
import { listLockouts, resetPersonMfa, revokePersonSessions, unlockPerson } from './people.account.js';
import { peopleActor, peopleWrite } from './people.http.js';
import { addPost, removePost } from './people.posts.js';
import { relationsRoutes } from './people.relations.routes.js';
import {
  IdParam,
  NewPersonBody,
  PeopleQuery,
  PersonChangeBody,
  PersonDetailView,
  PersonSummaryView,
  PostBody,
} from './people.schemas.js';
import { createPerson, getPerson, listPeople, updatePerson } from './people.service.js';
import { Permissions } from './policy.js';

/**
 * The people register over HTTP, for holders of identity.people.manage, each within their agency scope:
 * people, posts, account help (unlock, reset MFA, end sessions), lockouts; then Government members,
 * delegations and businesses (their own files).
 */
export async function peopleRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.managePeople);
  const actor = (request: FastifyRequest) => peopleActor(request, p);
  const person = (id: string) => ({ objectType: 'person', objectId: id });

  r.get(
    '/api/admin/people',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Danh sách người dùng / List people',
        description:
          'Chỉ những người có chức vụ tại cơ quan trong phạm vi của người hỏi. / Only people with a post in ' +
          "an agency within the caller's scope.",
        querystring: PeopleQuery,
        response: { 200: z.object({ items: z.array(PersonSummaryView), total: z.number() }) },
      },
    },
    async (request) => {
      const { agency, locked, active, ...rest } = request.query;
      return listPeople(p.db, actor(request), {
        ...rest,
        agencyId: agency,
        locked: locked === undefined ? undefined : locked === 'true',
        active: active === undefined ? undefined : active === 'true',
      });
    },
  );

  r.get(
    '/api/admin/people/:id',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thông tin người dùng / Person details',
        params: IdParam,
        response: { 200: PersonDetailView },
      },
    },
    async (request) => getPerson(p.db, actor(request), request.params.id),
  );

  r.post(
    '/api/admin/people',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thêm người dùng (cán bộ, công dân, đại diện doanh nghiệp) / Create a person',
        body: NewPersonBody,
        response: { 201: PersonDetailView },
      },
    },
    async (request, reply) => {
      const created = await peopleWrite(
        p,
        request,
        { action: 'identity.person.create', objectType: 'person' },
        (tx) => createPerson(tx, actor(request), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/admin/people/:id',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Sửa người dùng, vai trò, cơ quan chính / Change a person, their roles or main agency',
        params: IdParam,
        body: PersonChangeBody,
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(p, request, { action: 'identity.person.update', ...person(request.params.id) }, (tx) =>
        updatePerson(tx, actor(request), request.params.id, request.body, p),
      ),
  );

  r.post(
    '/api/admin/people/:id/unlock',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Mở khoá tài khoản / Unlock an account',
        params: IdParam,
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(p, request, { action: 'identity.person.unlock', ...person(request.params.id) }, (tx) =>
        unlockPerson(tx, actor(request), request.params.id),
      ),
  );

  r.post(
    '/api/admin/people/:id/reset-mfa',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Xoá xác thực hai bước để đăng ký lại / Reset two-step sign-in',
        description:
          'Xoá ứng dụng OTP, khoá truy cập và mã khôi phục; lần đăng nhập sau người dùng đăng ký lại. / ' +
          'Deletes the authenticator, passkeys and recovery codes; the person enrols again at next sign-in.',
        params: IdParam,
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(p, request, { action: 'identity.person.resetMfa', ...person(request.params.id) }, (tx) =>
        resetPersonMfa(tx, actor(request), request.params.id),
      ),
  );

  r.post(
    '/api/admin/people/:id/revoke-sessions',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Đăng xuất khỏi mọi thiết bị / End all their sessions',
        params: IdParam,
        response: { 200: z.object({ revoked: z.number() }) },
      },
    },
    async (request) =>
      peopleWrite(
        p,
        request,
        { action: 'identity.person.revokeSessions', ...person(request.params.id) },
        (tx) => revokePersonSessions(tx, actor(request), request.params.id, p),
      ),
  );

  r.post(
    '/api/admin/people/:id/posts',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thêm chức vụ tại cơ quan (hoặc sửa chức vụ) / Add a post or change its position',
        params: IdParam,
        body: PostBody,
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(p, request, { action: 'identity.person.post.add', ...person(request.params.id) }, (tx) =>
        addPost(tx, actor(request), request.params.id, request.body),
      ),
  );

  r.delete(
    '/api/admin/people/:id/posts/:agencyId',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Bỏ chức vụ tại cơ quan / Remove a post',
        params: IdParam.extend({ agencyId: z.string().max(64) }),
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(p, request, { action: 'identity.person.post.remove', ...person(request.params.id) }, (tx) =>
        removePost(tx, actor(request), request.params.id, request.params.agencyId),
      ),
  );

  r.get(
    '/api/admin/lockouts',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Tài khoản đang bị tạm khoá / Locked accounts',
        response: {
          200: z.object({
            items: z.array(
              z.object({ person: PersonSummaryView, lockedUntil: z.string(), failedAttempts: z.number() }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listLockouts(p.db, actor(request)) }),
  );

  await relationsRoutes(app, p);
  await businessesRoutes(app, p);
}
