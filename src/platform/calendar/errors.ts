import { defineErrors } from '../errors/index.js';

/**
 * Error codes of the working-day calendar. Callers (admin routes for overrides, deadline services)
 * pass them through; the person reads the Vietnamese message looked up from the code.
 */
export const CalendarErrors = defineErrors({
  CALENDAR_DATE_INVALID: {
    status: 400,
    vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD, ngày phải tồn tại).',
    en: 'The date is invalid (format YYYY-MM-DD, the day must exist).',
  },
  CALENDAR_LUNAR_DATE_INVALID: {
    status: 400,
    vi: 'Ngày âm lịch không tồn tại.',
    en: 'This lunar date does not exist.',
  },
  CALENDAR_YEAR_UNSUPPORTED: {
    status: 400,
    vi: 'Năm nằm ngoài phạm vi lịch được hỗ trợ.',
    en: 'The year is outside the supported calendar range.',
  },
  CALENDAR_OVERRIDE_CONFLICT: {
    status: 409,
    vi: 'Một ngày chỉ được có một điều chỉnh lịch làm việc.',
    en: 'A day can have only one working-calendar override.',
  },
  CALENDAR_ARGUMENT_INVALID: {
    status: 400,
    vi: 'Tham số lịch làm việc không hợp lệ.',
    en: 'A working-calendar argument is invalid.',
  },
});
