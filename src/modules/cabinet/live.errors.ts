import { defineErrors } from '../../platform/errors/index.js';

/** The live meeting room: running the meeting, attendance on the day and the list of speakers. */
export const LiveErrors = defineErrors({
  CABINET_LIVE_NOT_CHAIR: {
    status: 403,
    vi: 'Chỉ chủ tọa hoặc Văn phòng, thư ký phiên họp mới được điều hành phòng họp.',
    en: 'Only the chair or the office (secretariat) may run the meeting room.',
  },
  CABINET_LIVE_NOT_PARTICIPANT: {
    status: 403,
    vi: 'Chỉ người dự họp mới thực hiện được thao tác này.',
    en: 'Only a participant of the meeting may do this.',
  },
  CABINET_LIVE_WRONG_STATE: {
    status: 409,
    vi: 'Trạng thái phiên họp không cho phép thao tác này.',
    en: 'The meeting is not in a state that allows this.',
  },
  CABINET_LIVE_ITEM_STATE: {
    status: 409,
    vi: 'Trạng thái nội dung chương trình không cho phép thao tác này.',
    en: 'The agenda item is not in a state that allows this.',
  },
  CABINET_LIVE_NO_CURRENT_ITEM: {
    status: 409,
    vi: 'Chưa có nội dung nào đang được thảo luận.',
    en: 'No agenda item is under discussion.',
  },
  CABINET_LIVE_NOT_CHECKED_IN: {
    status: 409,
    vi: 'Cần điểm danh (có mặt hoặc dự trực tuyến) trước khi đăng ký phát biểu.',
    en: 'Check in (in the room or remotely) before asking to speak.',
  },
  CABINET_LIVE_ATTENDANCE_STATE: {
    status: 409,
    vi: 'Tình trạng điểm danh hiện tại không cho phép thao tác này.',
    en: 'The current attendance does not allow this.',
  },
  CABINET_LIVE_ALREADY_REQUESTED: {
    status: 409,
    vi: 'Đã đăng ký phát biểu về nội dung này và đang chờ.',
    en: 'A request to speak on this item is already pending.',
  },
  CABINET_LIVE_SPEAKER_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lượt phát biểu này.',
    en: 'The speaker entry was not found.',
  },
  CABINET_LIVE_SPEAKER_STATE: {
    status: 409,
    vi: 'Trạng thái lượt phát biểu không cho phép thao tác này.',
    en: 'The speaker entry is not in a state that allows this.',
  },
  CABINET_LIVE_ORDER_INVALID: {
    status: 400,
    vi: 'Thứ tự mới phải liệt kê đúng một lần mỗi lượt đang chờ phát biểu của nội dung hiện tại.',
    en: 'The new order must list each waiting speaker of the current item exactly once.',
  },
  CABINET_LIVE_LIMIT_INVALID: {
    status: 400,
    vi: 'Thời gian phát biểu phải từ 10 giây đến 60 phút.',
    en: 'The speaking time limit must be between 10 seconds and 60 minutes.',
  },
});
