import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditFailure } from '../../platform/audit/index.js';
import { isAppError } from '../../platform/errors/index.js';
import { auditContext, auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { liveHub } from './live.hub.js';
import { POLL_KINDS } from './model.js';
import { meetingVisible, paperActor } from './paper-access.js';
import { MeetingRulesSchema } from './rules.js';
import {
  acceptVote,
  closePoll,
  openPoll,
  warmVoters,
  prepareRatification,
  prepareVote,
  ratifyVote,
  settleVotes,
} from './polls.service.js';
import { listPolls, pollDetail } from './polls.view.js';

const TAGS = ['cabinet'];
const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const PollParams = MeetingParams.extend({
  pollId: z.string().max(64).describe('Mã cuộc biểu quyết / Poll id'),
});

const OutcomeSchema = z
  .object({
    result: z.string(),
    final: z.boolean(),
    base: z.number(),
    needed: z.number(),
    counts: z.record(z.string(), z.number()),
    deemed: z.number(),
    unratified: z.number(),
    missing: z.number(),
    trace: z.array(z.object({ vi: z.string(), en: z.string() })),
  })
  .describe('Kết quả theo quy chế / The outcome under the rule profile');

const ChoiceSchema = z.object({ id: z.string(), vi: z.string(), en: z.string() });
const PollSummarySchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  agendaItemId: z.string(),
  question: z.string(),
  kind: z.enum(POLL_KINDS),
  choices: z.array(ChoiceSchema),
  state: z.enum(['open', 'closed', 'cancelled']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  rosterSize: z.number(),
  voted: z.number().describe('Số thành viên đã biểu quyết / Members who have voted'),
  needed: z.number().describe('Số phiếu tán thành cần có / Votes in favour needed'),
  presentCount: z.number(),
  outcome: OutcomeSchema.nullable().describe('Chỉ sau khi kết thúc / Only after close'),
});
const SignedReceipt = z.object({ payload: z.string(), signature: z.string().describe('CMS (DER, base64)') });
const PollDetailSchema = PollSummarySchema.extend({
  agendaItemTitle: z.string(),
  unratified: z.number(),
  rule: z.object({
    code: z.string(),
    name: z.string(),
    rules: MeetingRulesSchema,
    legalBasis: z.array(
      z.object({ instrument: z.string(), articles: z.array(z.string()), verified: z.boolean() }),
    ),
  }),
  rosterHash: z.string(),
  paperHashes: z.array(z.object({ versionId: z.string(), title: z.string(), sha256: z.string() })),
  members: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      title: z.string().nullable(),
      chair: z.boolean(),
      voted: z.boolean(),
      castAt: z.string().nullable(),
      choice: z.string().nullable().describe('Chỉ sau khi kết thúc / Only after close (or one’s own)'),
      recordedBy: z.string().nullable(),
      recordedByName: z.string().nullable(),
      evidence: z.string().nullable(),
      ratified: z.boolean(),
      logSeq: z.number().nullable(),
      receipt: SignedReceipt.nullable(),
    }),
  ),
  mine: z.object({
    onRoster: z.boolean(),
    voted: z.boolean(),
    needsRatification: z.boolean(),
    receipt: SignedReceipt.nullable(),
  }),
  mayRun: z.boolean(),
  mayRecord: z.boolean(),
  checkpoint: z.object({ size: z.number(), headHash: z.string() }).nullable(),
});
const PreparedSchema = z.object({
  payload: z.string().describe('JSON chuẩn tắc sẽ ký / The canonical JSON to sign'),
  payloadSha256: z.string(),
  toBeSigned: z.string().describe('Thuộc tính ký (DER, base64): dữ liệu cần ký / Signed attributes to sign'),
  certificateId: z.string(),
  signingTime: z.string(),
  summary: z.object({ vi: z.array(z.string()), en: z.array(z.string()) }),
});
const SignedBody = z.object({
  payload: z.string().max(64_000),
  toBeSigned: z.string().max(16_000),
  signature: z.string().max(2_000).describe('ECDSA P1363 hoặc DER (base64) / base64'),
  certificateId: z.string().max(64),
});
const ReceiptSchema = z.object({
  pollId: z.string(),
  memberId: z.string(),
  logSeq: z.number().describe('Số biên nhận (vị trí trong nhật ký) / Receipt number (log position)'),
  logHash: z.string(),
  payloadSha256: z.string(),
  payload: z.string(),
  signature: z.string().describe('Dấu của hệ thống (CMS DER, base64) / The system seal'),
});
const ChangeSchema = z.object({ pollId: z.string(), meetingId: z.string(), seq: z.number() });

/**
 * Polls in the meeting room: the chair or the office opens and closes; members prepare and sign their votes;
 * results stay hidden until close.
 */
export async function pollsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const write = auditedWriter(p.db);
  const hub = liveHub(p);
  const visible = meetingVisible(p);
  const base = '/api/cabinet/meetings/:meetingId/polls';
  const entry = (request: FastifyRequest, action: string) => {
    const { pollId, meetingId } = request.params as { pollId?: string; meetingId: string };
    return {
      action: `cabinet.poll.${action}`,
      objectType: pollId ? 'cabinet_poll' : 'cabinet_meeting',
      objectId: pollId ?? meetingId,
    };
  };

  r.get(
    base,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Các cuộc biểu quyết của phiên họp / The meeting’s polls',
        params: MeetingParams,
        response: { 200: z.object({ items: z.array(PollSummarySchema) }) },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      return { items: await p.db.transaction((tx) => listPolls(tx, actor, request.params.meetingId)) };
    },
  );

  r.post(
    base,
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary:
          'Mở biểu quyết về nội dung đang thảo luận (chủ tọa, Văn phòng) / Open a poll (chair, office)',
        params: MeetingParams,
        body: z.object({
          agendaItemId: z
            .string()
            .max(64)
            .nullish()
            .describe('Bỏ trống: nội dung hiện tại / Default: current item'),
          question: z.string().min(1).max(1000),
          kind: z.enum(POLL_KINDS),
          options: z.array(z.string().max(300)).max(20).optional(),
        }),
        response: { 200: ChangeSchema },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      const { voters, ...change } = await write(request, entry(request, 'open'), (tx) =>
        openPoll(tx, p, actor, request.params.meetingId, request.body),
      );
      hub.changed(change.meetingId, change.seq);
      void warmVoters(p, voters);
      return change;
    },
  );

  r.get(
    `${base}/:pollId`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Cuộc biểu quyết: số đã biểu quyết; sau khi kết thúc: kết quả, phiếu, biên nhận / A poll',
        params: PollParams,
        response: { 200: PollDetailSchema },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      return p.db.transaction((tx) => pollDetail(tx, actor, request.params.meetingId, request.params.pollId));
    },
  );

  r.post(
    `${base}/:pollId/ballot`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Chuẩn bị phiếu biểu quyết để ký / Prepare the vote to sign',
        description:
          'Trả về nội dung phiếu (JSON chuẩn tắc) và dữ liệu cần ký. memberId + evidence: Văn phòng ghi nhận thay ' +
          '(chỉ khi quy chế cho phép). / Returns the vote payload and the bytes to sign; memberId + evidence: the ' +
          'office records on behalf (only if the rules allow).',
        params: PollParams,
        body: z.object({
          choice: z.string().max(64),
          memberId: z.string().max(64).nullish(),
          evidence: z.string().max(2000).nullish(),
          certificateId: z.string().max(64).nullish(),
        }),
        response: { 200: PreparedSchema },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      return p.db.transaction((tx) =>
        prepareVote(tx, actor, request.params.meetingId, request.params.pollId, request.body),
      );
    },
  );

  r.post(
    `${base}/:pollId/votes`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary:
          'Gửi phiếu biểu quyết đã ký; trả biên nhận có dấu của hệ thống / Cast a signed vote; sealed receipt',
        params: PollParams,
        body: SignedBody,
        response: { 200: ReceiptSchema },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      // Group commit: verified with no lock, written with the poll's other pending votes; the room hears
      // once per batch. A refusal is audited as a failure, as the other writes are.
      try {
        const cast = await acceptVote(
          p,
          actor,
          request.params.meetingId,
          request.params.pollId,
          request.body,
          () => hub.changed(request.params.meetingId, 0),
        );
        return cast.receipt;
      } catch (e) {
        if (isAppError(e))
          await auditFailure(p.db, auditContext(request), { ...entry(request, 'vote'), detail: e.code });
        throw e;
      }
    },
  );

  r.post(
    `${base}/:pollId/ratification`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary:
          'Chuẩn bị xác nhận phiếu được ghi nhận thay / Prepare the ratification of a vote recorded on behalf',
        params: PollParams,
        body: z.object({ certificateId: z.string().max(64).nullish() }).nullish(),
        response: { 200: PreparedSchema },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      return p.db.transaction((tx) =>
        prepareRatification(tx, actor, request.params.meetingId, request.params.pollId, request.body ?? {}),
      );
    },
  );

  r.post(
    `${base}/:pollId/ratification/sign`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Ký xác nhận phiếu được ghi nhận thay / Sign the ratification',
        params: PollParams,
        body: SignedBody,
        response: { 200: z.object({ logSeq: z.number(), logHash: z.string() }) },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      const done = await write(request, entry(request, 'ratify'), (tx) =>
        ratifyVote(tx, p, actor, request.params.meetingId, request.params.pollId, request.body),
      );
      hub.changed(done.meetingId, 0);
      return { logSeq: done.logSeq, logHash: done.logHash };
    },
  );

  r.post(
    `${base}/:pollId/close`,
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Kết thúc biểu quyết và kiểm phiếu (chủ tọa, Văn phòng) / Close the poll and tally',
        params: PollParams,
        body: z.object({}).nullish(),
        response: { 200: ChangeSchema.extend({ outcome: OutcomeSchema }) },
      },
    },
    async (request) => {
      const actor = paperActor(request, p);
      // Votes verified before the close and still queued are written first (or refused), then the close.
      await settleVotes(p, request.params.pollId);
      const change = await write(request, entry(request, 'close'), (tx) =>
        closePoll(tx, p, actor, request.params.meetingId, request.params.pollId),
      );
      hub.changed(change.meetingId, change.seq);
      return change;
    },
  );
}
