import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { dashboard } from './dashboard.service.js';
import { CLASSIFICATIONS } from './model.js';
import { search, SEARCH_KINDS } from './search.service.js';

const SegmentSchema = z.object({
  text: z.string(),
  hit: z.boolean().describe('Phần khớp từ khoá / The part that matched'),
});

const HitSchema = z.object({
  kind: z
    .enum(SEARCH_KINDS)
    .describe('Phiên họp, nội dung chương trình, tài liệu, biên bản / Kind of result'),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingStart: z.string(),
  agendaItemId: z.string().nullable(),
  paperId: z.string().nullable(),
  page: z.number().nullable().describe('Trang khớp đầu tiên của bản mới nhất / First matching page'),
  title: z.array(SegmentSchema),
  reference: z.string().nullable(),
  classification: z.enum(CLASSIFICATIONS).nullable(),
  paperOnly: z.boolean().describe('Tài liệu mật: chỉ có thông tin mô tả / Classified: metadata only'),
  snippet: z.array(SegmentSchema).nullable().describe('Đoạn trích có từ khoá / Excerpt around the match'),
  rank: z.number(),
});

const PeriodSchema = z.object({ from: z.string(), to: z.string() });
const MeetingFiguresSchema = z.object({
  held: z.number(),
  timed: z.number(),
  totalMinutes: z.number(),
  averageMinutes: z.number().nullable(),
});

const DashboardSchema = z.object({
  body: z.object({ id: z.string(), code: z.string(), nameVi: z.string(), nameEn: z.string().nullable() }),
  period: PeriodSchema,
  baselinePeriod: PeriodSchema,
  meetings: MeetingFiguresSchema,
  baseline: MeetingFiguresSchema.describe('Kỳ so sánh / The baseline period'),
  items: z.object({
    timed: z.number(),
    averageRatio: z.number().nullable().describe('Thời gian thực tế ÷ dự kiến / Spent ÷ time box'),
    over: z.number().describe('Số nội dung vượt thời lượng / Items over their time box'),
    list: z.array(
      z.object({
        meetingId: z.string(),
        meetingTitle: z.string(),
        agendaItemId: z.string(),
        title: z.string(),
        plannedMinutes: z.number(),
        spentMinutes: z.number(),
      }),
    ),
  }),
  papers: z.object({
    total: z.number(),
    onTime: z.number(),
    late: z.number(),
    onTimeShare: z.number().nullable(),
  }),
  tasks: z.object({
    total: z.number(),
    doneOnTime: z.number(),
    doneLate: z.number(),
    overdue: z.number(),
    open: z.number(),
    onTimeShare: z.number().nullable(),
  }),
  reduction: z.object({
    percent: z
      .number()
      .nullable()
      .describe('Thời gian họp bình quân giảm (%) / Average meeting time cut (%)'),
    target: z.number(),
    met: z.boolean().nullable(),
  }),
});

const TAGS = ['cabinet'];
const date = (vi: string, en: string) => z.string().max(40).optional().describe(`${vi} (YYYY-MM-DD) / ${en}`);

/** Search across what the caller may read, and the dashboard of a body's meetings. Both only read. */
export async function searchRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/cabinet/search',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Tra cứu phiên họp, tài liệu, biên bản / Search meetings, papers and minutes',
        description:
          'Không phân biệt dấu ("chinh phu" tìm thấy "Chính phủ"). Chỉ gồm những gì người hỏi được xem; tài ' +
          'liệu mật chỉ khớp theo tên và số hiệu, không bao giờ theo nội dung. / Accent-insensitive. Only what ' +
          'the caller may read; a classified paper matches on its title and reference, never on content.',
        querystring: z.object({
          q: z.string().max(1000).describe('Từ khoá / Words to find'),
          limit: z.coerce.number().int().min(1).max(50).optional().describe('Tối đa / At most (20)'),
        }),
        response: {
          200: z.object({
            query: z.string(),
            items: z.array(HitSchema),
            counts: z.object({
              meeting: z.number(),
              agenda_item: z.number(),
              paper: z.number(),
              minutes: z.number(),
            }),
          }),
        },
      },
    },
    async (request) => p.db.transaction((tx) => search(tx, actorOf(request), p.clock.now(), request.query)),
  );

  r.get(
    '/api/cabinet/dashboard',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary: 'Thống kê phiên họp của một cơ quan / Meeting statistics of a body',
        description:
          'Cho văn phòng và thành viên của cơ quan. Mặc định: từ đầu năm nay đến hôm nay, so với cả năm trước; ' +
          'mục tiêu giảm 30% thời gian họp. / For the office and the members of the body. Default: this year ' +
          'to date against last year; the target is a 30% cut in meeting time.',
        querystring: z.object({
          bodyId: z.string().max(64).describe('Mã cơ quan họp / Body id'),
          from: date('Từ ngày', 'From'),
          to: date('Đến ngày', 'To'),
          baselineFrom: date('Kỳ so sánh từ ngày', 'Baseline from'),
          baselineTo: date('Kỳ so sánh đến ngày', 'Baseline to'),
        }),
        response: { 200: DashboardSchema },
      },
    },
    async (request) =>
      p.db.transaction((tx) => dashboard(tx, actorOf(request), p.clock.now(), request.query)),
  );
}
