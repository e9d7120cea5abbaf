/**
 * Sending e-Cabinet objects through the exchange axis over HTTP (dispatch.ts): an issued conclusion notice or a
 * closed ballot's result report becomes an outgoing document of the agency node. Controls on one screen per
 * route: the documents clerk's permission (onRequest, before anything is read) → rate limit → the cabinet
 * object visible to the caller (preValidation: another agency's notice or ballot answers 404 before the body is
 * even validated) → zod validation → the use case, which authorises again inside its transaction and writes its
 * audit records in the same transactions as what it reads and changes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { Permissions } from '../identity/index.js';
import {
  checkDispatchVisible,
  dispatchBallotResult,
  dispatchConclusion,
  DispatchInputSchema,
  previewDispatch,
  type DispatchKind,
} from './dispatch.js';
import { DocumentDetailSchema } from './node.routes.js';
import { nodeActor } from './node.policy.js';

const TAGS = ['exchange'];

const ResultSchema = z.object({
  created: z
    .boolean()
    .describe(
      'false: đã gửi trước đó tới các nơi nhận này, không gửi lại / false: already sent to these recipients',
    ),
  document: DocumentDetailSchema,
});

const PreviewSchema = z.object({
  kind: z.enum(['conclusion', 'ballot']),
  id: z.string(),
  title: z.string(),
  reference: z.string().nullable(),
  state: z.string(),
  final: z.boolean().describe('Đã ban hành / đã kết thúc: gửi được / Issued or closed: may be sent'),
  header: z
    .object({
      codeNumber: z.string(),
      codeNotation: z.string(),
      typeName: z.string(),
      subject: z.string(),
      promulgationDate: z.string(),
      signerName: z.string().nullable(),
      signerPosition: z.string().nullable(),
    })
    .nullable(),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
  dispatches: z.array(
    z.object({
      id: z.string(),
      documentId: z.string(),
      agencyCode: z.string(),
      state: z.string(),
      createdAt: z.string(),
      recipients: z.array(z.string()),
    }),
  ),
});

const Params = z.object({ id: z.string().max(64).describe('Mã đối tượng / Object id') });

const WHAT: Record<DispatchKind, { path: string; vi: string; en: string }> = {
  conclusion: {
    path: '/api/exchange/dispatch/conclusions/:id',
    vi: 'thông báo kết luận đã ban hành (Thông báo, PDF niêm phong)',
    en: 'an issued conclusion notice (Thông báo, sealed PDF)',
  },
  ballot: {
    path: '/api/exchange/dispatch/ballots/:id',
    vi: 'báo cáo kết quả của phiếu lấy ý kiến đã kết thúc (Báo cáo, PDF đã niêm phong)',
    en: 'the result report of a closed ballot (Báo cáo, the sealed PDF)',
  },
};

/** The dispatch routes; the exchange module registers them beside the node's routes. */
export async function dispatchRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Like composing (node.routes.ts): a clerk sends a few documents a minute, not hundreds.
  const compose = {
    rateLimit: { max: Math.max(30, Math.floor(p.config.RATE_LIMIT_MAX / 10)), timeWindow: 60_000 },
  };
  const clerk = requirePermission(Permissions.manageDocuments);

  for (const kind of ['conclusion', 'ballot'] as const) {
    const what = WHAT[kind];
    const visible = async (request: FastifyRequest): Promise<void> => {
      const { id } = request.params as { id?: string };
      await p.db.transaction((tx) => checkDispatchVisible(tx, nodeActor(request, p), kind, id ?? ''));
    };

    r.get(
      what.path,
      {
        onRequest: clerk,
        schema: {
          tags: TAGS,
          summary: `Xem trước khi gửi ${what.vi} / Before sending ${what.en}`,
          description:
            'Các trường lấy từ đối tượng, cơ quan gửi được chọn, và các văn bản đi đã lập từ nó. / The fields ' +
            'taken from the object, the sending offices to choose from, and the outgoing documents made of it.',
          params: Params,
          response: { 200: PreviewSchema },
        },
      },
      async (request) => previewDispatch(p, nodeActor(request, p), kind, request.params.id),
    );

    r.post(
      what.path,
      {
        onRequest: clerk,
        preValidation: visible,
        config: compose,
        schema: {
          tags: TAGS,
          summary: `Gửi qua trục liên thông ${what.vi} / Send ${what.en} through the exchange axis`,
          description:
            'Cần quyền văn thư và quyền xem đối tượng. Gửi lại tới cùng nơi nhận trả về văn bản đã gửi (200, ' +
            'created false); tới nơi nhận khác bị từ chối (409 EXCHANGE_DISPATCH_ALREADY_SENT). / Needs the ' +
            'clerk’s permission and read access to the object. Sending again to the same recipients answers ' +
            'the document already sent (200, created false); to other recipients, 409.',
          params: Params,
          body: DispatchInputSchema,
          response: { 200: ResultSchema, 201: ResultSchema },
        },
      },
      async (request, reply) => {
        const actor = nodeActor(request, p);
        const result =
          kind === 'conclusion'
            ? await dispatchConclusion(p, actor, request.params.id, request.body)
            : await dispatchBallotResult(p, actor, request.params.id, request.body);
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );
  }
}
