import { defineErrors } from '../../platform/errors/index.js';

/** Polls in the meeting room and the members' signed votes. */
export const PollErrors = defineErrors({
  CABINET_POLL_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cuộc biểu quyết.',
    en: 'Poll not found.',
  },
  CABINET_POLL_NOT_CHAIR: {
    status: 403,
    vi: 'Chỉ chủ tọa hoặc Văn phòng mới được mở hoặc kết thúc biểu quyết.',
    en: 'Only the chair or the office may open or close a poll.',
  },
  CABINET_POLL_MEETING_NOT_IN_PROGRESS: {
    status: 409,
    vi: 'Chỉ biểu quyết được khi phiên họp đang diễn ra.',
    en: 'Polls are held only while the meeting is in progress.',
  },
  CABINET_POLL_NO_ITEM: {
    status: 409,
    vi: 'Chưa chọn nội dung chương trình để biểu quyết (chưa có nội dung nào đang được thảo luận).',
    en: 'No agenda item to vote on (none is under discussion and none was named).',
  },
  CABINET_POLL_ALREADY_OPEN: {
    status: 409,
    vi: 'Đang có một cuộc biểu quyết chưa kết thúc trong phiên họp này.',
    en: 'Another poll of this meeting is still open.',
  },
  CABINET_POLL_INVALID: {
    status: 400,
    vi: 'Nội dung biểu quyết không hợp lệ (câu hỏi, loại biểu quyết hoặc các phương án).',
    en: 'The poll is not valid (question, kind or options).',
  },
  CABINET_POLL_NO_ROSTER: {
    status: 409,
    vi: 'Cơ quan chưa có thành viên có quyền biểu quyết vào ngày này.',
    en: 'The body has no voting members on this day.',
  },
  CABINET_POLL_CLOSED: {
    status: 409,
    vi: 'Cuộc biểu quyết đã kết thúc.',
    en: 'The poll is closed.',
  },
  CABINET_VOTE_PAYLOAD_INVALID: {
    status: 400,
    vi: 'Nội dung phiếu biểu quyết đã ký không đúng với cuộc biểu quyết này.',
    en: 'The signed vote does not match this poll.',
  },
  CABINET_VOTE_NOT_ON_ROSTER: {
    status: 403,
    vi: 'Người này không có trong danh sách thành viên có quyền biểu quyết (người dự họp thay không biểu quyết).',
    en: 'This person is not on the roster of voters (substitutes do not vote).',
  },
  CABINET_VOTE_DUPLICATE: {
    status: 409,
    vi: 'Thành viên đã biểu quyết trong cuộc biểu quyết này.',
    en: 'The member has already voted in this poll.',
  },
  CABINET_VOTE_PROXY_FORBIDDEN: {
    status: 403,
    vi: 'Quy chế không cho phép ghi nhận biểu quyết thay thành viên.',
    en: 'The rules do not allow recording a vote on a member’s behalf.',
  },
  CABINET_VOTE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phiếu biểu quyết.',
    en: 'Vote not found.',
  },
  CABINET_VOTE_ALREADY_RATIFIED: {
    status: 409,
    vi: 'Phiếu biểu quyết này đã do chính thành viên xác nhận hoặc ký.',
    en: 'This vote is already the member’s own or already ratified.',
  },
});
