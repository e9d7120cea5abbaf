import { defineErrors } from '../errors/index.js';

/**
 * Error codes of the calendar data an administrator edits (overrides, yearly decisions). The codes of
 * the pure calendar (invalid date, unsupported year, conflict) are in errors.ts and are raised too.
 */
export const CalendarAdminErrors = defineErrors({
  CALENDAR_REASON_REQUIRED: {
    status: 400,
    vi: 'Cần nêu lý do điều chỉnh ngày làm việc (bằng tiếng Việt).',
    en: 'A reason (in Vietnamese) is required for a working-calendar override.',
  },
  CALENDAR_LEGAL_BASIS_REQUIRED: {
    status: 400,
    vi: 'Cần nêu căn cứ pháp lý (số, ngày của văn bản).',
    en: 'The legal basis (document number and date) is required.',
  },
  CALENDAR_RULE_UNKNOWN: {
    status: 400,
    vi: 'Ngày lễ này không có trong quy định áp dụng cho năm đã chọn.',
    en: 'This holiday is not in the law that governs the chosen year.',
  },
});
