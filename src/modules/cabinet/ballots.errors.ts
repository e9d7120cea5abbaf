import { defineErrors } from '../../platform/errors/index.js';

/** Written opinion ballots (phiếu lấy ý kiến): drafting, approval, sending, answers, reminders, close. */
export const BallotErrors = defineErrors({
  CABINET_BALLOT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phiếu lấy ý kiến.',
    en: 'Ballot not found.',
  },
  CABINET_BALLOT_FORBIDDEN: {
    status: 403,
    vi: 'Chỉ Văn phòng của cơ quan (người có quyền chuẩn bị phiếu lấy ý kiến) mới thực hiện được thao tác này.',
    en: "Only the body's office (with the permission to prepare ballots) may do this.",
  },
  CABINET_BALLOT_INVALID: {
    status: 400,
    vi: 'Phiếu lấy ý kiến không hợp lệ: cần tiêu đề (tối đa 500 ký tự), ít nhất một câu hỏi (tối đa 50), mỗi phương án khác có nội dung; thời hạn trả lời nằm trong khoảng quy chế cho phép.',
    en: 'Invalid ballot: a title (up to 500 characters), at least one question (up to 50), every alternative labelled; an answer period within what the rules allow.',
  },
  CABINET_BALLOT_CHANGED: {
    status: 409,
    vi: 'Phiếu lấy ý kiến vừa được người khác thay đổi. Vui lòng tải lại và thử lại.',
    en: 'The ballot was changed by someone else. Reload and try again.',
  },
  CABINET_BALLOT_WRONG_STATE: {
    status: 409,
    vi: 'Phiếu lấy ý kiến đang ở trạng thái không cho phép thao tác này.',
    en: 'The ballot is not in a state that allows this.',
  },
  CABINET_BALLOT_SELF_APPROVAL: {
    status: 403,
    vi: 'Người soạn phiếu không tự phê duyệt được; cần lãnh đạo Văn phòng khác phê duyệt.',
    en: 'The drafter cannot approve their own ballot; another office leader must approve it.',
  },
  CABINET_BALLOT_NOT_APPROVER: {
    status: 403,
    vi: 'Chỉ lãnh đạo Văn phòng (người có quyền phê duyệt phiếu lấy ý kiến) mới phê duyệt hoặc trả lại được.',
    en: 'Only an office leader (with the permission to approve ballots) may approve or return it.',
  },
  CABINET_BALLOT_REFERENCE_REQUIRED: {
    status: 400,
    vi: 'Cần số, ký hiệu của phiếu (ví dụ 12/PLYK-VPCP) để gửi.',
    en: 'The ballot needs its reference number (e.g. 12/PLYK-VPCP) to be sent.',
  },
  CABINET_BALLOT_NO_MEMBERS: {
    status: 409,
    vi: 'Cơ quan không có thành viên biểu quyết vào ngày gửi; không gửi được phiếu.',
    en: 'The body has no voting members on the day of sending; the ballot cannot be sent.',
  },
  CABINET_BALLOT_DEADLINE_INVALID: {
    status: 400,
    vi: 'Hạn mới phải là một ngày làm việc sau hạn hiện tại.',
    en: 'The new deadline must be a working day after the current one.',
  },
  CABINET_BALLOT_REASON_REQUIRED: {
    status: 400,
    vi: 'Cần nêu lý do thu hồi phiếu (tối đa 2.000 ký tự).',
    en: 'A reason for recalling the ballot is needed (up to 2,000 characters).',
  },
  CABINET_BALLOT_NOT_DUE: {
    status: 409,
    vi: 'Chưa hết hạn trả lời và còn thành viên chưa ký ý kiến; chưa thể kết thúc phiếu.',
    en: 'The deadline has not passed and some members have not signed; the ballot cannot be closed yet.',
  },
  CABINET_BALLOT_NOT_ON_ROSTER: {
    status: 403,
    vi: 'Bạn không có tên trong danh sách thành viên được lấy ý kiến.',
    en: 'You are not on the list of members asked for their opinion.',
  },
  CABINET_BALLOT_SECRETARY_CANNOT_SIGN: {
    status: 403,
    vi: 'Thư ký chỉ soạn thay ý kiến; chỉ thành viên mới ký số ý kiến của mình.',
    en: 'A secretary may only draft the answer; only the member signs it.',
  },
  CABINET_BALLOT_OVERDUE: {
    status: 409,
    vi: 'Đã hết hạn trả lời phiếu lấy ý kiến.',
    en: 'The deadline for answering the ballot has passed.',
  },
  CABINET_BALLOT_ALREADY_ANSWERED: {
    status: 409,
    vi: 'Thành viên đã ký ý kiến cho phiếu này; ý kiến đã ký không sửa được.',
    en: 'The member has already signed an answer to this ballot; a signed answer cannot change.',
  },
  CABINET_BALLOT_ANSWER_INVALID: {
    status: 400,
    vi: 'Ý kiến không hợp lệ: trả lời mỗi câu hỏi đúng một lần; "Ý kiến khác" cần nội dung (tối đa 5.000 ký tự); "Phương án khác" chọn một phương án của câu hỏi.',
    en: 'Invalid answer: each question answered once; "Other opinion" needs text (up to 5,000 characters); "Other option" picks one of the question\'s options.',
  },
  CABINET_BALLOT_PAYLOAD_INVALID: {
    status: 400,
    vi: 'Nội dung ký không khớp với phiếu, thành viên, danh sách hoặc tài liệu của phiếu.',
    en: 'The signed content does not match the ballot, the member, the roster or the papers.',
  },
  CABINET_BALLOT_PAPER_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy tài liệu của phiếu lấy ý kiến.',
    en: 'Ballot paper not found.',
  },
  CABINET_BALLOT_PAPER_FILE_TYPE: {
    status: 415,
    vi: 'Tài liệu kèm phiếu phải là tệp PDF, DOCX, PNG hoặc JPEG.',
    en: 'Ballot papers must be PDF, DOCX, PNG or JPEG files.',
  },
  CABINET_BALLOT_NO_RESULT: {
    status: 409,
    vi: 'Phiếu chưa kết thúc nên chưa có báo cáo kết quả.',
    en: 'The ballot is not closed, so there is no result report yet.',
  },
});
