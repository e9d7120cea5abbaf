import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedWriter, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { publishDiscussionChange } from './discussion.access.js';
import { deleteComment, editComment, listComments, postComment } from './discussion.service.js';
import { CLASSIFICATIONS, OPINION_POSITIONS, OPINION_STATES } from './model.js';
import { opinionsSummary, saveOpinion } from './opinions.service.js';
import { meetingVisible, paperActor } from './paper-access.js';

interface CommentOut {
  id: string;
  agendaItemId: string | null;
  paperId: string | null;
  parentId: string | null;
  authorId: string;
  authorName: string | null;
  writtenBy: string | null;
  writtenByName: string | null;
  body: string;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  mayEdit: boolean;
  mayHide: boolean;
  replies: CommentOut[];
}

const CommentFields = {
  id: z.string(),
  agendaItemId: z.string().nullable(),
  paperId: z.string().nullable(),
  parentId: z.string().nullable().describe('Ý kiến được trả lời / The comment replied to'),
  authorId: z.string().describe('Ý kiến của ai (thành viên) / Whose comment it is (the member)'),
  authorName: z.string().nullable(),
  writtenBy: z.string().nullable().describe('Thư ký soạn thay, nếu có / The secretary who wrote it, if any'),
  writtenByName: z.string().nullable(),
  body: z.string().describe('Rỗng khi đã xoá / Empty once deleted'),
  deleted: z.boolean(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  mayEdit: z.boolean().describe('Người hỏi được sửa, xoá / The caller may edit or delete it'),
  mayHide: z.boolean().describe('Người hỏi được ẩn (văn phòng) / The caller may hide it (the office)'),
};
const ReplySchema = z.object({ ...CommentFields, replies: z.array(z.never()) });
const CommentSchema: z.ZodType<CommentOut> = z.object({ ...CommentFields, replies: z.array(ReplySchema) });

const ThreadSchema = z.object({
  agendaItemId: z.string().nullable(),
  paperId: z.string().nullable(),
  closed: z.boolean().describe('Phiên họp đã kết thúc: chỉ đọc / The meeting is over: read only'),
  postAs: z
    .array(z.object({ personId: z.string(), displayName: z.string().nullable(), self: z.boolean() }))
    .describe('Người hỏi được viết với tư cách ai / Whom the caller may write as'),
  items: z.array(CommentSchema),
});

const OpinionSchema = z.object({
  agendaItemId: z.string(),
  memberId: z.string(),
  memberName: z.string().nullable(),
  position: z.enum(OPINION_POSITIONS),
  body: z.string(),
  state: z.enum(OPINION_STATES),
  draftedBy: z.string().describe('Người viết gần nhất (thành viên hoặc thư ký) / Who last wrote it'),
  draftedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
const MemberRefSchema = z.object({ memberId: z.string(), displayName: z.string().nullable() });
const Counts = z.object({
  agree: z.number(),
  agree_with_comments: z.number(),
  disagree: z.number(),
  other: z.number(),
});

const SummarySchema = z.object({
  open: z.boolean().describe('Còn nhận ý kiến (phiên họp chưa bắt đầu) / Opinions still open'),
  writeFor: z.array(MemberRefSchema.extend({ self: z.boolean() })),
  items: z.array(
    z.object({
      agendaItemId: z.string(),
      position: z.number(),
      title: z.string(),
      classification: z.enum(CLASSIFICATIONS),
      classified: z
        .boolean()
        .describe('Nội dung mật: không thảo luận trên hệ thống / Classified: not online'),
      comments: z.number(),
      expected: z.number().describe('Số thành viên biểu quyết / Voting members'),
      counts: Counts.describe('Số ý kiến đã gửi theo lựa chọn / Submitted opinions per position'),
      submitted: z
        .array(OpinionSchema)
        .describe('Ý kiến khác "Đồng ý" trước / Those that differ from "agree" first'),
      notAnswered: z.array(MemberRefSchema),
      mine: z
        .array(OpinionSchema)
        .describe(
          'Của người hỏi và thành viên họ giúp việc, kể cả dự thảo / Own and served members’, drafts too',
        ),
    }),
  ),
});

const MeetingParams = z.object({ meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id') });
const CommentParams = MeetingParams.extend({
  commentId: z.string().max(64).describe('Mã ý kiến / Comment id'),
});
const ItemParams = MeetingParams.extend({
  itemId: z.string().max(64).describe('Mã nội dung chương trình / Agenda item id'),
});
const TargetQuery = z.object({
  agendaItemId: z
    .string()
    .max(64)
    .optional()
    .describe('Luồng của nội dung chương trình / Agenda item thread'),
  paperId: z.string().max(64).optional().describe('Luồng của tài liệu / Paper thread'),
});

const TAGS = ['cabinet'];

/**
 * Discussion threads before the meeting (per agenda item and per paper) and members' opinions in advance, with
 * the summary of what differs. Each write is audited with its change; open pages are told after commit.
 */
export async function discussionRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const visible = meetingVisible(p);
  const write = auditedWriter(p.db);

  r.get(
    '/api/cabinet/meetings/:meetingId/comments',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Luồng thảo luận / A discussion thread',
        description:
          'Đúng một trong agendaItemId, paperId. Tài liệu hạn chế: chỉ người được xem tài liệu; nội dung mật: ' +
          'từ chối. / Exactly one of agendaItemId, paperId. A restricted paper: only its readers; classified: refused.',
        params: MeetingParams,
        querystring: TargetQuery,
        response: { 200: ThreadSchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) =>
        listComments(tx, paperActor(request, p), request.params.meetingId, request.query),
      ),
  );

  r.post(
    '/api/cabinet/meetings/:meetingId/comments',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Viết ý kiến thảo luận / Post a comment',
        description:
          'Thư ký viết thay thành viên mình giúp việc bằng `onBehalfOf`; ý kiến là của thành viên, ghi rõ thư ký ' +
          'soạn thay. Trả lời một cấp. / A secretary writes for their member with `onBehalfOf`: the comment is ' +
          "the member's, marked as written by the secretary. Replies are one level deep.",
        params: MeetingParams,
        body: z.object({
          agendaItemId: z.string().max(64).nullish(),
          paperId: z.string().max(64).nullish(),
          parentId: z.string().max(64).nullish(),
          body: z.string().max(50_000),
          onBehalfOf: z.string().max(64).nullish(),
        }),
        response: { 201: CommentSchema },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      const created = await write(
        request,
        { action: 'cabinet.comment.post', objectType: 'cabinet_meeting', objectId: meetingId },
        (tx) => postComment(tx, paperActor(request, p), meetingId, request.body),
      );
      await publishDiscussionChange(p, { meetingId, ...target(created), what: 'comment' });
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/cabinet/meetings/:meetingId/comments/:commentId',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Sửa ý kiến của mình / Edit one’s comment',
        params: CommentParams,
        body: z.object({ body: z.string().max(50_000) }),
        response: { 200: CommentSchema },
      },
    },
    async (request) => {
      const { meetingId, commentId } = request.params;
      const edited = await write(
        request,
        { action: 'cabinet.comment.edit', objectType: 'cabinet_comment', objectId: commentId },
        (tx) => editComment(tx, paperActor(request, p), meetingId, commentId, request.body),
      );
      await publishDiscussionChange(p, { meetingId, ...target(edited), what: 'comment' });
      return edited;
    },
  );

  r.delete(
    '/api/cabinet/meetings/:meetingId/comments/:commentId',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Xoá ý kiến của mình, hoặc ẩn (văn phòng) / Delete one’s comment, or hide it (the office)',
        params: CommentParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { meetingId, commentId } = request.params;
      const t = await write(
        request,
        { action: 'cabinet.comment.delete', objectType: 'cabinet_comment', objectId: commentId },
        (tx) => deleteComment(tx, paperActor(request, p), meetingId, commentId),
      );
      await publishDiscussionChange(p, { meetingId, ...t, what: 'comment' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/cabinet/meetings/:meetingId/opinions',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Ý kiến các thành viên theo nội dung / Members’ opinions per agenda item',
        description:
          'Số ý kiến theo lựa chọn, ý kiến khác "Đồng ý" trước, ai chưa cho ý kiến (chỉ ý kiến đã gửi); kèm ý ' +
          'kiến (cả dự thảo) của người hỏi và thành viên họ giúp việc. / Counts per position, those that ' +
          "differ from agree first, who has not answered (submitted only); plus the caller's own and served " +
          "members' opinions, drafts included.",
        params: MeetingParams,
        response: { 200: SummarySchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) => opinionsSummary(tx, paperActor(request, p), request.params.meetingId)),
  );

  r.put(
    '/api/cabinet/meetings/:meetingId/opinions/:itemId',
    {
      onRequest: requireActor,
      preValidation: visible,
      schema: {
        tags: TAGS,
        summary: 'Lưu dự thảo hoặc gửi ý kiến / Save a draft or submit an opinion',
        description:
          'Thành viên gửi (`submit: true`) đến khi phiên họp bắt đầu; thư ký chỉ lưu dự thảo cho thành viên ' +
          '(`memberId`), thành viên được báo. `position`: agree, agree_with_comments, disagree, other; nội dung ' +
          'bắt buộc khi không chỉ đồng ý. / The member submits (`submit: true`) until the meeting starts; a ' +
          'secretary only saves a draft for the member (`memberId`), who is notified. Text is required unless ' +
          'the position is a plain agree.',
        params: ItemParams,
        body: z.object({
          memberId: z.string().max(64).nullish(),
          position: z.string().max(64),
          body: z.string().max(50_000).nullish(),
          submit: z.boolean().optional(),
        }),
        response: { 200: OpinionSchema },
      },
    },
    async (request) => {
      const { meetingId, itemId } = request.params;
      const saved = await write(
        request,
        { action: 'cabinet.opinion.save', objectType: 'cabinet_agenda_item', objectId: itemId },
        (tx) => saveOpinion(tx, p, paperActor(request, p), meetingId, itemId, request.body),
      );
      await publishDiscussionChange(p, { meetingId, agendaItemId: itemId, paperId: null, what: 'opinion' });
      return saved;
    },
  );
}

const target = (c: { agendaItemId: string | null; paperId: string | null }) => ({
  agendaItemId: c.agendaItemId,
  paperId: c.paperId,
});
