import { defineErrors } from '../../platform/errors/index.js';

/** Search across meetings and the dashboard of a body's meetings. */
export const InsightErrors = defineErrors({
  CABINET_SEARCH_QUERY_INVALID: {
    status: 400,
    vi: 'Từ khoá tra cứu không hợp lệ: cần từ 1 đến 200 ký tự, có ít nhất một chữ hoặc số.',
    en: 'Invalid search: 1 to 200 characters, with at least one letter or digit.',
  },
  CABINET_DASHBOARD_DATE_INVALID: {
    status: 400,
    vi: 'Ngày không hợp lệ: dùng dạng NNNN-TT-NN (ví dụ 2026-01-31).',
    en: 'Invalid date: use YYYY-MM-DD (e.g. 2026-01-31).',
  },
  CABINET_DASHBOARD_RANGE_INVALID: {
    status: 400,
    vi: 'Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, tối đa 10 năm, và kỳ so sánh cần đủ cả hai ngày.',
    en: 'Invalid period: the start must not be after the end, at most 10 years, and the baseline needs both dates.',
  },
});
