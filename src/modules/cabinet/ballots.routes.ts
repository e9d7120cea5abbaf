import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditFailure, type AuditEntry } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, isAppError, PlatformErrors } from '../../platform/errors/index.js';
import { receiveFile, sendStoredFile, uploadRoutes } from '../../platform/files/index.js';
import { auditContext, auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { openBallot, prepareAnswer, saveDraft, signAnswer } from './ballots.answers.js';
import { BallotErrors } from './ballots.errors.js';
import { closeBallot, resultFor } from './ballots.tally.js';
import {
  addPaper,
  approveBallot,
  BALLOT_LIST_VIEWS,
  ballotBoard,
  cancelBallot,
  checkPaperUpload,
  createBallot,
  extendBallot,
  getBallot,
  listBallots,
  paperFor,
  recallBallot,
  removePaper,
  returnBallot,
  sendBallot,
  submitBallot,
  updateBallot,
} from './ballots.workflow.js';
import { BALLOT_CHOICES, BALLOT_RESPONSE_STATES, BALLOT_STATES } from './model.js';
import { paperActor } from './paper-access.js';
import { PAPER_MEDIA_TYPES } from './papers.service.js';

const TAGS = ['cabinet'];
const Params = z.object({ ballotId: z.string().max(64).describe('Mã phiếu lấy ý kiến / Ballot id') });
const PaperParams = Params.extend({ paperId: z.string().max(64) });
const MemberParams = Params.extend({ personId: z.string().max(64) });

const Person = z.object({ id: z.string(), displayName: z.string() });
const Answer = z.object({
  questionId: z.string().max(64),
  choice: z.enum(BALLOT_CHOICES),
  optionId: z.string().max(64).optional(),
  text: z.string().max(20_000).optional(),
});
const Question = z.object({
  id: z.string(),
  text: z.string(),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
});
const QuestionInput = z.object({
  id: z.string().max(64).optional(),
  text: z.string().max(10_000),
  options: z
    .array(z.object({ id: z.string().max(64).optional(), label: z.string().max(5000) }))
    .max(100)
    .optional(),
});
const Paper = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
const Response = z.object({
  personId: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  state: z.enum(BALLOT_RESPONSE_STATES),
  deliveredAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  draft: z.array(Answer).nullable(),
  draftedBy: Person.nullable(),
  draftedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  answers: z.array(Answer).nullable(),
  receipt: z.object({ payload: z.string(), signature: z.string() }).nullable(),
  mySelf: z.boolean(),
  overdue: z.boolean(),
});
const OutcomeSchema = z.object({
  result: z.string(),
  final: z.boolean(),
  base: z.number(),
  needed: z.number(),
  counts: z.record(z.string(), z.number()),
  deemed: z.number(),
  unratified: z.number(),
  missing: z.number(),
  trace: z.array(z.object({ vi: z.string(), en: z.string() })),
});
const BallotSchema = z.object({
  id: z.string(),
  body: z.object({ id: z.string(), name: z.string() }),
  reference: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  questions: z.array(Question),
  state: z.enum(BALLOT_STATES),
  answerDays: z.number(),
  deadline: z.string().nullable(),
  originalDeadline: z.string().nullable(),
  followUpBy: z.string().nullable(),
  createdBy: Person.nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedBy: Person.nullable(),
  approvedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  recalledReason: z.string().nullable(),
  outcome: z.record(z.string(), OutcomeSchema).nullable(),
  hasResult: z.boolean(),
  revision: z.number(),
  papers: z.array(Paper),
  roster: z
    .array(
      z.object({
        personId: z.string(),
        fullName: z.string(),
        title: z.string().nullable(),
        chair: z.boolean(),
      }),
    )
    .nullable(),
  rosterHash: z.string().nullable(),
  ruleProfile: z
    .object({
      code: z.string(),
      name: z.string(),
      ballotMin: z.number(),
      ballotMax: z.number(),
      ballotNonResponse: z.string(),
      legalBasis: z.array(z.string()),
    })
    .nullable(),
  may: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    send: z.boolean(),
    extend: z.boolean(),
    recall: z.boolean(),
    cancel: z.boolean(),
    close: z.boolean(),
    board: z.boolean(),
  }),
  mine: z.array(Response),
  now: z.string(),
});
const ListItem = z.object({
  id: z.string(),
  reference: z.string().nullable(),
  title: z.string(),
  state: z.enum(BALLOT_STATES),
  body: z.object({ id: z.string(), name: z.string() }),
  deadline: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  answered: z.number(),
  members: z.number(),
  mine: z.array(z.object({ personId: z.string(), state: z.enum(BALLOT_RESPONSE_STATES) })),
});
const BallotBody = z.object({
  title: z.string().max(5000),
  summary: z.string().max(100_000).optional(),
  questions: z.array(QuestionInput).max(200),
  answerDays: z.number().int().min(0).max(100),
  followUpBy: z.string().max(64).nullable().optional(),
});
const Revision = z.object({ revision: z.number().int().min(0) });

/**
 * Written opinion ballots (phiếu lấy ý kiến thành viên): the office drafts, an office leader approves, the
 * office sends, extends, recalls and closes; members (and their secretaries, drafting only) answer; each
 * answer is signed by the member. Every route: auth, the service checks access to the ballot first, zod,
 * audit in the same transaction.
 */
export async function ballotsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = auditedWriter(p.db);
  const entry = (action: string, id: string): Pick<AuditEntry, 'action' | 'objectType' | 'objectId'> => ({
    action,
    objectType: 'cabinet_ballot',
    objectId: id,
  });
  const actor = (request: FastifyRequest) => paperActor(request, p);

  r.get(
    '/api/cabinet/ballots',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Phiếu lấy ý kiến / Written opinion ballots',
        description:
          'office: phiếu của các cơ quan trong phạm vi (Văn phòng); mine: phiếu tôi trả lời hoặc soạn thay (thư ký). / ' +
          'office: ballots of the bodies in scope; mine: ballots I answer or draft for as a secretary.',
        querystring: z.object({ view: z.enum(BALLOT_LIST_VIEWS).default('mine') }),
        response: { 200: z.object({ items: z.array(ListItem), now: z.string() }) },
      },
    },
    async (request) => {
      const caller = actor(request);
      return {
        items: await p.db.transaction((tx) => listBallots(tx, caller, request.query.view)),
        now: caller.now.toISOString(),
      };
    },
  );

  r.post(
    '/api/cabinet/ballots',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Soạn phiếu lấy ý kiến / Draft a ballot',
        body: BallotBody.extend({ bodyId: z.string().max(64) }),
        response: { 201: BallotSchema },
      },
    },
    async (request, reply) => {
      const view = await write(request, entry('cabinet.ballot.create', ''), (tx) =>
        createBallot(tx, p, actor(request), request.body),
      );
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/cabinet/ballots/:ballotId',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Một phiếu lấy ý kiến / A ballot',
        params: Params,
        response: { 200: BallotSchema },
      },
    },
    async (request) => p.db.transaction((tx) => getBallot(tx, actor(request), request.params.ballotId)),
  );

  r.put(
    '/api/cabinet/ballots/:ballotId',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Sửa dự thảo phiếu / Edit a draft ballot',
        params: Params,
        body: BallotBody.extend(Revision.shape),
        response: { 200: BallotSchema },
      },
    },
    async (request) =>
      write(request, entry('cabinet.ballot.edit', request.params.ballotId), (tx) =>
        updateBallot(tx, actor(request), request.params.ballotId, request.body),
      ),
  );

  const step = (
    path: string,
    action: string,
    summary: string,
    body: z.ZodObject<z.ZodRawShape>,
    run: (request: FastifyRequest, tx: Executor, id: string, b: never) => Promise<unknown>,
  ) =>
    r.post(
      `/api/cabinet/ballots/:ballotId/${path}`,
      {
        onRequest: requireActor,
        schema: { tags: TAGS, summary, params: Params, body, response: { 200: BallotSchema } },
      },
      async (request) =>
        write(request, entry(action, request.params.ballotId), (tx) =>
          run(request, tx, request.params.ballotId, request.body as never),
        ) as Promise<z.infer<typeof BallotSchema>>,
    );

  step(
    'submit',
    'cabinet.ballot.submit',
    'Trình duyệt phiếu / Submit for approval',
    Revision,
    (req, tx, id, b: { revision: number }) => submitBallot(tx, actor(req), id, b.revision),
  );
  step(
    'approve',
    'cabinet.ballot.approve',
    'Phê duyệt phiếu / Approve',
    Revision,
    (req, tx, id, b: { revision: number }) => approveBallot(tx, actor(req), id, b.revision),
  );
  step(
    'return',
    'cabinet.ballot.return',
    'Trả lại dự thảo phiếu / Return to draft',
    Revision.extend({ note: z.string().max(2000).default('') }),
    (req, tx, id, b: { revision: number; note: string }) =>
      returnBallot(tx, actor(req), id, b.revision, b.note),
  );
  step(
    'send',
    'cabinet.ballot.send',
    'Gửi phiếu đến thành viên / Send to the members',
    Revision.extend({ reference: z.string().max(1000) }),
    (req, tx, id, b: { revision: number; reference: string }) => sendBallot(tx, p, actor(req), id, b),
  );
  step(
    'extend',
    'cabinet.ballot.extend',
    'Gia hạn trả lời / Extend the deadline',
    Revision.extend({
      deadline: z.string().max(20).describe('YYYY-MM-DD, 17:00 giờ Việt Nam / 17:00 Vietnam time'),
    }),
    (req, tx, id, b: { revision: number; deadline: string }) => extendBallot(tx, p, actor(req), id, b),
  );
  step(
    'recall',
    'cabinet.ballot.recall',
    'Thu hồi phiếu / Recall the ballot',
    Revision.extend({ reason: z.string().max(10_000) }),
    (req, tx, id, b: { revision: number; reason: string }) => recallBallot(tx, p, actor(req), id, b),
  );
  step(
    'cancel',
    'cabinet.ballot.cancel',
    'Huỷ dự thảo phiếu / Cancel an unsent ballot',
    Revision,
    (req, tx, id, b: { revision: number }) => cancelBallot(tx, actor(req), id, b.revision),
  );
  step(
    'close',
    'cabinet.ballot.close',
    'Kết thúc, tổng hợp kết quả / Close and tally',
    Revision,
    (req, tx, id, b: { revision: number }) => closeBallot(tx, p, actor(req), id, b.revision),
  );
  step(
    'opened',
    'cabinet.ballot.open',
    'Thành viên mở phiếu / The member opened it',
    z.object({}),
    (req, tx, id) => openBallot(tx, actor(req), id),
  );

  r.put(
    '/api/cabinet/ballots/:ballotId/responses/:personId/draft',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Lưu dự thảo ý kiến (thành viên hoặc thư ký) / Save a draft answer (member or secretary)',
        params: MemberParams,
        body: z.object({ answers: z.array(Answer).max(200) }),
        response: { 200: BallotSchema },
      },
    },
    async (request) =>
      write(request, entry('cabinet.ballot.draft', request.params.ballotId), (tx) =>
        saveDraft(tx, actor(request), request.params.ballotId, request.params.personId, request.body.answers),
      ),
  );

  r.post(
    '/api/cabinet/ballots/:ballotId/prepare',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Chuẩn bị ký ý kiến / Prepare the answer to sign',
        description:
          'Chỉ thành viên: trả về nội dung ý kiến (JSON chuẩn tắc), mã băm SHA-256 và dữ liệu cần ký. / The member ' +
          'only: the canonical JSON answer, its SHA-256 and the bytes to sign.',
        params: Params,
        body: z.object({ answers: z.array(Answer).max(200), certificateId: z.string().max(64).optional() }),
        response: {
          200: z.object({
            payload: z.string(),
            payloadSha256: z.string(),
            toBeSigned: z.string(),
            certificateId: z.string(),
            signingTime: z.string(),
            summary: z.object({ vi: z.array(z.string()), en: z.array(z.string()) }),
          }),
        },
      },
    },
    async (request) =>
      write(request, entry('cabinet.ballot.prepare', request.params.ballotId), (tx) =>
        prepareAnswer(tx, actor(request), request.params.ballotId, request.body),
      ),
  );

  r.post(
    '/api/cabinet/ballots/:ballotId/answer',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Gửi ý kiến đã ký số / Submit the signed answer',
        params: Params,
        body: z.object({
          payload: z.string().max(200_000),
          toBeSigned: z.string().max(20_000),
          signature: z.string().max(20_000),
          certificateId: z.string().max(64),
        }),
        response: {
          201: z.object({
            payload: z.string(),
            signature: z.string(),
            logSeq: z.number(),
            logHash: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const receipt = await write(request, entry('cabinet.ballot.answer', request.params.ballotId), (tx) =>
        signAnswer(tx, p, actor(request), request.params.ballotId, request.body),
      );
      return reply.status(201).send(receipt);
    },
  );

  r.get(
    '/api/cabinet/ballots/:ballotId/board',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Bảng theo dõi trả lời / The response board',
        params: Params,
        response: { 200: z.object({ items: z.array(Response.extend({ deemed: z.boolean() })) }) },
      },
    },
    async (request) => ({
      items: await p.db.transaction((tx) => ballotBoard(tx, actor(request), request.params.ballotId)),
    }),
  );

  r.get(
    '/api/cabinet/ballots/:ballotId/result',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Báo cáo kết quả (PDF có ký số) / The signed result report (PDF)',
        params: Params,
      },
    },
    async (request, reply) => {
      const file = await p.db.transaction((tx) => resultFor(tx, actor(request), request.params.ballotId));
      return sendStoredFile(reply, p.files, {
        sha256: file.sha256,
        mediaType: 'application/pdf',
        filename: `ket-qua-lay-y-kien-${file.reference.replace(/[^\p{L}\p{N}-]+/gu, '-')}.pdf`,
      });
    },
  );

  r.get(
    '/api/cabinet/ballots/:ballotId/papers/:paperId',
    {
      onRequest: requireActor,
      schema: { tags: TAGS, summary: 'Tài liệu kèm phiếu / A ballot paper', params: PaperParams },
    },
    async (request, reply) => {
      const paper = await p.db.transaction((tx) =>
        paperFor(tx, actor(request), request.params.ballotId, request.params.paperId),
      );
      return sendStoredFile(reply, p.files, {
        sha256: paper.sha256,
        mediaType: paper.mediaType,
        filename: paper.fileName,
      });
    },
  );

  r.delete(
    '/api/cabinet/ballots/:ballotId/papers/:paperId',
    {
      onRequest: requireActor,
      schema: { tags: TAGS, summary: 'Bỏ tài liệu khỏi dự thảo phiếu / Remove a paper', params: PaperParams },
    },
    async (request, reply) => {
      await write(request, entry('cabinet.ballot.paper.remove', request.params.ballotId), (tx) =>
        removePaper(tx, actor(request), request.params.ballotId, request.params.paperId),
      );
      return reply.status(204).send();
    },
  );

  await uploadRoutes(app, p.config.FILE_MAX_BYTES, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/cabinet/ballots/:ballotId/papers',
      {
        onRequest: requireActor,
        schema: {
          tags: TAGS,
          summary: 'Tải lên tài liệu kèm phiếu / Upload a ballot paper',
          description:
            'multipart/form-data, một tệp PDF, DOCX, PNG hoặc JPEG; `title`: tên tài liệu (tờ trình, dự thảo…). / ' +
            'multipart/form-data with one file (PDF, DOCX, PNG or JPEG); `title`: the paper title.',
          consumes: ['multipart/form-data'],
          params: Params,
          querystring: z.object({ title: z.string().max(500).optional() }),
          response: { 201: Paper },
        },
      },
      async (request, reply) => {
        const { ballotId } = request.params;
        const ctx = auditContext(request);
        try {
          await p.db.transaction((tx) => checkPaperUpload(tx, actor(request), ballotId));
          let file;
          try {
            file = await receiveFile(request, p.files, {
              maxBytes: p.config.FILE_MAX_BYTES,
              accept: Object.keys(PAPER_MEDIA_TYPES),
            });
          } catch (e) {
            if (
              e instanceof AppError &&
              e.code === PlatformErrors.UNSUPPORTED_MEDIA_TYPE &&
              e.details?.detected
            )
              throw new AppError(BallotErrors.CABINET_BALLOT_PAPER_FILE_TYPE, e.details);
            throw e;
          }
          const created = await p.db.transaction((tx) =>
            addPaper(tx, actor(request), ballotId, file, request.query.title),
          );
          return reply.status(201).send(created);
        } catch (e) {
          if (isAppError(e))
            await auditFailure(p.db, ctx, { ...entry('cabinet.ballot.paper.add', ballotId), detail: e.code });
          throw e;
        }
      },
    );
  });
}
