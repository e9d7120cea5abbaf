import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedTransaction, type AuditEntry } from '../audit/index.js';
import type { Executor } from '../db/index.js';
import { auditContext, requireActor, requirePermission } from '../http/index.js';
import type { Platform } from '../platform.js';
import { CALENDAR_TEXT_MAX, DECISION_DAYS_MAX } from './calendar.service.js';

/** Longest count accepted by the working-day endpoints (about ten years of working days). */
const MAX_WORKING_DAYS = 2_600;

const IsoDateParam = z
  .string()
  .max(32)
  .describe('Ngày YYYY-MM-DD (giờ Việt Nam) / Day YYYY-MM-DD (Vietnam time)');

const OverrideView = z.object({
  date: z.string(),
  kind: z.enum(['off', 'work']),
  reasonVi: z.string(),
  reasonEn: z.string().nullable(),
  legalBasis: z.string().nullable(),
});

const DecisionView = z.object({
  year: z.number(),
  ruleId: z.string(),
  daysBefore: z.number(),
  daysAfter: z.number(),
  legalBasis: z.string(),
});

const YearView = z.object({
  year: z.number(),
  /** 0 = Sunday … 6 = Saturday. */
  weeklyRestDays: z.array(z.number()),
  holidays: z.array(
    z.object({
      date: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      legalBasis: z.string(),
      kind: z.enum(['holiday', 'compensatory', 'override']),
    }),
  ),
  overrides: z.array(OverrideView),
  decisions: z.array(DecisionView),
});

const YearParam = z.coerce.number().int().describe('Năm dương lịch / Calendar year');

/**
 * The working calendar over HTTP: any signed-in person reads it and counts working days; administrators
 * holding `permission` enter the Government's swapped days and yearly holiday decisions.
 */
export async function calendarRoutes(app: FastifyInstance, p: Platform, permission: string): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** One admin write: in a transaction with its audit record; a refused one is audited as a failure. */
  async function write<T>(
    request: FastifyRequest,
    entry: Pick<AuditEntry, 'action' | 'objectType' | 'objectId'>,
    change: (tx: Executor) => Promise<T>,
  ): Promise<T> {
    try {
      return await auditedTransaction(p.db, auditContext(request), entry, change);
    } finally {
      // The service already did on write, but a read racing with the transaction may have cached old rows.
      p.calendar.invalidate();
    }
  }

  r.get(
    '/api/calendar/working-days',
    {
      onRequest: requireActor,
      schema: {
        tags: ['calendar'],
        summary: 'Hạn sau n ngày làm việc / Deadline n working days after a day',
        description:
          'Không tính ngày bắt đầu; hạn là cuối ngày làm việc thứ n (23:59:59.999 giờ Việt Nam). ' +
          'n = 0: cuối ngày bắt đầu, hoặc ngày làm việc kế tiếp. / The start day is not counted; the ' +
          'deadline is the end of the n-th working day after it (Vietnam time).',
        querystring: z.object({
          from: IsoDateParam,
          days: z.coerce.number().int().min(0).max(MAX_WORKING_DAYS),
        }),
        response: {
          200: z.object({ date: z.string(), endsAt: z.string().describe('ISO 8601, UTC') }),
        },
      },
    },
    async (request) => {
      const calendar = await p.calendar.current();
      const deadline = calendar.addWorkingDays(request.query.from, request.query.days);
      return { date: deadline.date, endsAt: deadline.endsAt.toISOString() };
    },
  );

  r.get(
    '/api/calendar/between',
    {
      onRequest: requireActor,
      schema: {
        tags: ['calendar'],
        summary: 'Số ngày làm việc giữa hai ngày / Working days between two days',
        description:
          'Đếm các ngày làm việc sau `from`, đến hết `to`; âm khi `to` trước `from`. / Working days ' +
          'after `from` up to and including `to`; negative when `to` is before `from`.',
        querystring: z.object({ from: IsoDateParam, to: IsoDateParam }),
        response: { 200: z.object({ workingDays: z.number() }) },
      },
    },
    async (request) => {
      const calendar = await p.calendar.current();
      return { workingDays: calendar.workingDaysBetween(request.query.from, request.query.to) };
    },
  );

  r.get(
    '/api/calendar/:year',
    {
      onRequest: requireActor,
      schema: {
        tags: ['calendar'],
        summary: 'Lịch nghỉ lễ, Tết và ngày hoán đổi của một năm / Holidays and swapped days of a year',
        params: z.object({ year: YearParam }),
        response: { 200: YearView },
      },
    },
    async (request) => {
      const { year } = request.params;
      const { calendar, overrides, decisions } = await p.calendar.snapshot();
      return {
        year,
        weeklyRestDays: [...p.calendar.weeklyRestDays],
        holidays: calendar.holidaysOf(year).map((h) => ({
          date: h.date,
          nameVi: h.nameVi,
          nameEn: h.nameEn,
          legalBasis: h.legalBasis,
          kind: h.kind,
        })),
        overrides: overrides.filter((o) => o.date.startsWith(`${year}-`)),
        decisions: decisions.filter((d) => d.year === year),
      };
    },
  );

  r.put(
    '/api/admin/calendar/overrides/:date',
    {
      onRequest: requirePermission(permission),
      schema: {
        tags: ['calendar'],
        summary:
          'Đặt ngày nghỉ hoặc ngày làm bù theo văn bản của Chính phủ / Set a day off or make-up working day',
        params: z.object({ date: IsoDateParam }),
        body: z.object({
          kind: z.enum(['off', 'work']).describe('off: nghỉ / day off; work: làm việc / working day'),
          reasonVi: z.string().max(CALENDAR_TEXT_MAX),
          reasonEn: z.string().max(CALENDAR_TEXT_MAX).nullish(),
          legalBasis: z.string().max(CALENDAR_TEXT_MAX).nullish(),
        }),
        response: { 200: OverrideView },
      },
    },
    async (request) => {
      const { date } = request.params;
      return write(
        request,
        { action: 'platform.calendar.override.upsert', objectType: 'calendar_override', objectId: date },
        (tx) => p.calendar.upsertOverride(tx, auditContext(request), { ...request.body, date }),
      );
    },
  );

  r.delete(
    '/api/admin/calendar/overrides/:date',
    {
      onRequest: requirePermission(permission),
      schema: {
        tags: ['calendar'],
        summary: 'Xoá điều chỉnh ngày làm việc / Remove a working-calendar override',
        params: z.object({ date: IsoDateParam }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { date } = request.params;
      await write(
        request,
        { action: 'platform.calendar.override.delete', objectType: 'calendar_override', objectId: date },
        (tx) => p.calendar.deleteOverride(tx, auditContext(request), date),
      );
      return reply.status(204).send(null);
    },
  );

  const DecisionParams = z.object({
    year: YearParam,
    ruleId: z.string().max(100).describe('Mã ngày lễ, ví dụ tet, national-day / Holiday rule id'),
  });

  r.put(
    '/api/admin/calendar/decisions/:year/:ruleId',
    {
      onRequest: requirePermission(permission),
      schema: {
        tags: ['calendar'],
        summary:
          'Đặt các ngày nghỉ Tết, Quốc khánh của năm theo quyết định / Set the yearly days of a holiday',
        description:
          'Số ngày nghỉ trước và sau ngày lễ (Tết: mùng 1 tháng Giêng), thay cho mặc định của quy tắc trong ' +
          'năm đó. / Days off before and after the holiday (Tết: lunar 1/1), replacing the default that year.',
        params: DecisionParams,
        body: z.object({
          daysBefore: z.number().int().min(0).max(DECISION_DAYS_MAX),
          daysAfter: z.number().int().min(0).max(DECISION_DAYS_MAX),
          legalBasis: z.string().max(CALENDAR_TEXT_MAX),
        }),
        response: { 200: DecisionView },
      },
    },
    async (request) => {
      const { year, ruleId } = request.params;
      return write(
        request,
        {
          action: 'platform.calendar.decision.upsert',
          objectType: 'calendar_decision',
          objectId: `${year}/${ruleId}`,
        },
        (tx) => p.calendar.upsertDecision(tx, auditContext(request), { ...request.body, year, ruleId }),
      );
    },
  );

  r.delete(
    '/api/admin/calendar/decisions/:year/:ruleId',
    {
      onRequest: requirePermission(permission),
      schema: {
        tags: ['calendar'],
        summary: 'Xoá quyết định ngày nghỉ của năm / Remove a yearly holiday decision',
        params: DecisionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { year, ruleId } = request.params;
      await write(
        request,
        {
          action: 'platform.calendar.decision.delete',
          objectType: 'calendar_decision',
          objectId: `${year}/${ruleId}`,
        },
        (tx) => p.calendar.deleteDecision(tx, auditContext(request), year, ruleId),
      );
      return reply.status(204).send(null);
    },
  );
}
