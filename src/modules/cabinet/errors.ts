import { defineErrors } from '../../platform/errors/index.js';

/** e-Cabinet codes for bodies, meetings, participants and invitations (papers have theirs in papers.errors.ts). */
export const CabinetErrors = defineErrors({
  CABINET_MEETING_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phiên họp.',
    en: 'Meeting not found.',
  },
  CABINET_BODY_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cơ quan, tổ chức họp.',
    en: 'Meeting body not found.',
  },
  CABINET_SEAT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy vị trí thành viên này.',
    en: 'Seat not found.',
  },
  CABINET_PARTICIPANT_NOT_FOUND: {
    status: 404,
    vi: 'Người này không có trong danh sách dự họp.',
    en: 'This person is not a participant of the meeting.',
  },
  CABINET_PERSON_NOT_FOUND: {
    status: 400,
    vi: 'Không tìm thấy người được chọn.',
    en: 'The person chosen was not found.',
  },
  CABINET_NOT_PREPARER: {
    status: 403,
    vi: 'Chỉ bộ phận chuẩn bị phiên họp được thực hiện thao tác này.',
    en: 'Only the office preparing the meeting may do this.',
  },
  CABINET_NOT_CHAIR_OR_OFFICE: {
    status: 403,
    vi: 'Chỉ chủ trì phiên họp hoặc bộ phận chuẩn bị phiên họp được quyết định việc vắng mặt.',
    en: 'Only the chair or the meeting office may decide on an absence.',
  },
  CABINET_BODY_CODE_DUPLICATE: {
    status: 409,
    vi: 'Mã cơ quan, tổ chức họp này đã được sử dụng.',
    en: 'This body code is already used.',
  },
  CABINET_INPUT_INVALID: {
    status: 400,
    vi: 'Dữ liệu nhập không hợp lệ.',
    en: 'The input is invalid.',
  },
  CABINET_RULES_INVALID: {
    status: 400,
    vi: 'Quy tắc phiên họp không hợp lệ.',
    en: 'The meeting rules are invalid.',
  },
  CABINET_RULE_PROFILE_NOT_FOUND: {
    status: 400,
    vi: 'Không có bộ quy tắc phiên họp với mã này có hiệu lực vào ngày họp.',
    en: 'No rule profile with this code is in force on the meeting day.',
  },
  CABINET_AGENCY_OUT_OF_SCOPE: {
    status: 404,
    vi: 'Không tìm thấy cơ quan.',
    en: 'Agency not found.',
  },
  CABINET_MEETING_TIME_INVALID: {
    status: 400,
    vi: 'Thời gian họp không hợp lệ: giờ kết thúc phải sau giờ bắt đầu.',
    en: 'Invalid meeting time: the end must be after the start.',
  },
  CABINET_MEETING_CHANGED: {
    status: 409,
    vi: 'Phiên họp vừa được người khác sửa. Vui lòng tải lại và thử lại.',
    en: 'The meeting was changed by someone else. Reload and try again.',
  },
  CABINET_MEETING_CLOSED: {
    status: 409,
    vi: 'Phiên họp đã bị huỷ hoặc đã diễn ra, không thể thay đổi.',
    en: 'The meeting is cancelled or over and cannot be changed.',
  },
  CABINET_NO_CHAIR: {
    status: 409,
    vi: 'Cơ quan, tổ chức họp chưa có chủ trì (vị trí chủ trì còn hiệu lực).',
    en: 'The body has no current chair.',
  },
  CABINET_ALREADY_PARTICIPANT: {
    status: 409,
    vi: 'Người này đã có trong danh sách dự họp.',
    en: 'This person is already a participant.',
  },
  CABINET_NOT_A_GUEST: {
    status: 409,
    vi: 'Chỉ khách mời mới có thể bị xoá khỏi danh sách dự họp.',
    en: 'Only guests can be removed from the participants.',
  },
  CABINET_SUBSTITUTE_NOT_FOR_MEMBER: {
    status: 409,
    vi: 'Chỉ thành viên (có quyền biểu quyết) mới có thể cử người dự họp thay.',
    en: 'Only a voting member can have a substitute.',
  },
  CABINET_ATTENDANCE_STATE: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này với trạng thái tham dự hiện tại.',
    en: 'This cannot be done in the current attendance state.',
  },
});
