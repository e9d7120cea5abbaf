import { defineErrors } from '../../platform/errors/index.js';

/** After the meeting: minutes, the conclusion notice and its tasks. */
export const FollowUpErrors = defineErrors({
  CABINET_MEETING_NOT_ENDED: {
    status: 409,
    vi: 'Phiên họp chưa kết thúc: biên bản và thông báo kết luận chỉ lập sau khi họp xong.',
    en: 'The meeting has not ended: minutes and the conclusion notice come after it.',
  },
  CABINET_MINUTES_NOT_FOUND: {
    status: 404,
    vi: 'Chưa có biên bản phiên họp.',
    en: 'The meeting has no minutes yet.',
  },
  CABINET_MINUTES_CHANGED: {
    status: 409,
    vi: 'Biên bản vừa được người khác sửa. Vui lòng tải lại và thử lại.',
    en: 'The minutes were changed by someone else. Reload and try again.',
  },
  CABINET_MINUTES_APPROVED: {
    status: 409,
    vi: 'Biên bản đã được phê duyệt, không thể sửa hoặc lập lại.',
    en: 'The minutes are approved and can no longer be changed or regenerated.',
  },
  CABINET_MINUTES_NOT_APPROVED: {
    status: 409,
    vi: 'Biên bản chưa được phê duyệt nên chưa có bản PDF.',
    en: 'The minutes are not approved yet, so there is no PDF.',
  },
  CABINET_MINUTES_INVALID: {
    status: 400,
    vi: 'Nội dung biên bản không hợp lệ: mỗi phần phải có trong biên bản, tiêu đề tối đa 300 ký tự, nội dung tối đa 20.000 ký tự.',
    en: 'Invalid minutes: each section must exist, headings up to 300 characters, bodies up to 20,000.',
  },
  CABINET_CONCLUSION_NOT_FOUND: {
    status: 404,
    vi: 'Chưa có thông báo kết luận của phiên họp.',
    en: 'The meeting has no conclusion notice yet.',
  },
  CABINET_CONCLUSION_INVALID: {
    status: 400,
    vi: 'Thông báo kết luận không hợp lệ: cần trích yếu (tối đa 500 ký tự), nội dung tối đa 50.000 ký tự, người theo dõi là người dùng của hệ thống.',
    en: 'Invalid conclusion notice: a title (up to 500 characters), a body up to 50,000, a follow-up officer who is a user.',
  },
  CABINET_CONCLUSION_REFERENCE_REQUIRED: {
    status: 400,
    vi: 'Cần số, ký hiệu của thông báo kết luận (ví dụ 45/TB-VPCP) để ban hành.',
    en: 'The conclusion notice needs its reference number (e.g. 45/TB-VPCP) to be issued.',
  },
  CABINET_CONCLUSION_CHANGED: {
    status: 409,
    vi: 'Thông báo kết luận vừa được người khác sửa. Vui lòng tải lại và thử lại.',
    en: 'The conclusion notice was changed by someone else. Reload and try again.',
  },
  CABINET_CONCLUSION_ISSUED: {
    status: 409,
    vi: 'Thông báo kết luận đã ban hành, không thể sửa.',
    en: 'The conclusion notice is issued and can no longer be changed.',
  },
  CABINET_TASK_INVALID: {
    status: 400,
    vi: 'Nhiệm vụ không hợp lệ: cần tên (tối đa 500 ký tự), cơ quan được giao, hạn là một ngày làm việc không ở quá khứ.',
    en: 'Invalid task: a title (up to 500 characters), an assignee agency, a due date that is a working day not in the past.',
  },
  CABINET_TASK_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy nhiệm vụ.',
    en: 'Task not found.',
  },
  CABINET_TASK_REPORT_INVALID: {
    status: 400,
    vi: 'Báo cáo tiến độ không hợp lệ: trạng thái hợp lệ, tiến độ từ 0 đến 100, ghi chú tối đa 5.000 ký tự.',
    en: 'Invalid progress report: a valid state, progress from 0 to 100, a note up to 5,000 characters.',
  },
  CABINET_TASK_CLOSED: {
    status: 409,
    vi: 'Nhiệm vụ đã huỷ, không thể báo cáo tiếp.',
    en: 'The task is cancelled; no further reports.',
  },
  CABINET_TASK_NOT_ASSIGNEE: {
    status: 403,
    vi: 'Chỉ người, cơ quan được giao nhiệm vụ mới báo cáo tiến độ; chỉ bộ phận chuẩn bị phiên họp mới huỷ nhiệm vụ.',
    en: 'Only the assignee reports progress; only the meeting office cancels a task.',
  },
  CABINET_TASK_BOARD_FORBIDDEN: {
    status: 403,
    vi: 'Chỉ người theo dõi, đôn đốc nhiệm vụ mới xem được bảng theo dõi.',
    en: 'Only follow-up officers see the follow-up board.',
  },
});
