import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { createDelegation, revokeDelegation } from './delegations.service.js';
import { addMemberTerm, endMemberTerm } from './members.service.js';
import { peopleActor, peopleWrite } from './people.http.js';
import {
  DelegationBody,
  DelegationView,
  IdParam,
  MemberTermBody,
  PersonDetailView,
} from './people.schemas.js';
import { Permissions } from './policy.js';

/** Government members' terms and secretaries' delegations. */
export async function relationsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission(Permissions.managePeople);

  r.post(
    '/api/admin/people/:id/member-terms',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Bổ nhiệm Thành viên Chính phủ (nhiệm kỳ) / Appoint a Government member',
        description:
          'Chỉ người có phạm vi toàn hệ thống. Người được bổ nhiệm nhận vai trò `member` (bắt buộc xác thực hai ' +
          'bước). / Holders of identity.scope.all only; the person gets the `member` role (MFA required).',
        params: IdParam,
        body: MemberTermBody,
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(
        p,
        request,
        { action: 'identity.member.add', objectType: 'person', objectId: request.params.id },
        (tx) => addMemberTerm(tx, peopleActor(request, p), request.params.id, request.body),
      ),
  );

  r.post(
    '/api/admin/people/:id/member-terms/:termId/end',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Kết thúc nhiệm kỳ (giữ lại lịch sử) / End a term (kept in history)',
        params: IdParam.extend({ termId: z.string().max(64) }),
        body: z
          .object({ validTo: z.string().max(32).nullish().describe('Ngày cuối nhiệm kỳ (mặc định hôm nay)') })
          .optional(),
        response: { 200: PersonDetailView },
      },
    },
    async (request) =>
      peopleWrite(
        p,
        request,
        { action: 'identity.member.end', objectType: 'person', objectId: request.params.id },
        (tx) =>
          endMemberTerm(
            tx,
            peopleActor(request, p),
            request.params.id,
            request.params.termId,
            request.body ?? {},
          ),
      ),
  );

  r.post(
    '/api/admin/delegations',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Giao thư ký làm việc thay mặt (không ký thay) / Make someone act on behalf of a principal',
        body: DelegationBody,
        response: { 201: DelegationView },
      },
    },
    async (request, reply) => {
      const created = await peopleWrite(
        p,
        request,
        { action: 'identity.delegation.create', objectType: 'delegation' },
        (tx) => createDelegation(tx, peopleActor(request, p), request.body),
      );
      return reply.status(201).send(created);
    },
  );

  r.post(
    '/api/admin/delegations/:id/revoke',
    {
      onRequest: manage,
      schema: {
        tags: ['identity'],
        summary: 'Thu hồi uỷ quyền / Revoke a delegation',
        params: IdParam,
        response: { 200: DelegationView },
      },
    },
    async (request) =>
      peopleWrite(
        p,
        request,
        { action: 'identity.delegation.revoke', objectType: 'delegation', objectId: request.params.id },
        (tx) => revokeDelegation(tx, peopleActor(request, p), request.params.id),
      ),
  );
}
