import { defineErrors } from '../../platform/errors/index.js';

/** Discussion threads and members' opinions before the meeting. */
export const DiscussionErrors = defineErrors({
  CABINET_DISCUSSION_CLOSED: {
    status: 409,
    vi: 'Phiên họp đã kết thúc hoặc đã bị huỷ; không thể thảo luận thêm.',
    en: 'The meeting is over or cancelled; the discussion is closed.',
  },
  CABINET_DISCUSSION_CLASSIFIED: {
    status: 409,
    vi: 'Nội dung mật (Mật, Tối mật, Tuyệt mật) không được thảo luận, cho ý kiến trên hệ thống; thực hiện theo chế độ bản giấy.',
    en: 'Classified matters (Mật, Tối mật, Tuyệt mật) are not discussed online; they follow the paper procedure.',
  },
  CABINET_DISCUSSION_TARGET_INVALID: {
    status: 400,
    vi: 'Cần chọn đúng một nội dung chương trình hoặc một tài liệu để thảo luận.',
    en: 'Choose exactly one agenda item or one paper to discuss.',
  },
  CABINET_DISCUSSION_NOT_ALLOWED: {
    status: 403,
    vi: 'Chỉ thành viên dự họp, bộ phận chuẩn bị phiên họp và thư ký (soạn thay thành viên) được tham gia thảo luận.',
    en: 'Only participants, the meeting office and secretaries (writing for their member) may take part.',
  },
  CABINET_NOT_ON_BEHALF: {
    status: 403,
    vi: 'Bạn không phải thư ký, trợ lý của thành viên này trong phiên họp.',
    en: 'You do not act for this member in this meeting.',
  },
  CABINET_COMMENT_INVALID: {
    status: 400,
    vi: 'Nội dung ý kiến không hợp lệ: không được để trống, tối đa 5.000 ký tự.',
    en: 'Invalid comment: it must not be empty and may have up to 5,000 characters.',
  },
  CABINET_COMMENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy ý kiến thảo luận.',
    en: 'The comment was not found.',
  },
  CABINET_COMMENT_NOT_YOURS: {
    status: 403,
    vi: 'Chỉ người viết (hoặc thư ký đã soạn thay) được sửa, xoá ý kiến này.',
    en: 'Only its author (or the secretary who wrote it for them) may edit or delete this comment.',
  },
  CABINET_OPINION_INVALID: {
    status: 400,
    vi: 'Ý kiến không hợp lệ: chọn một lựa chọn; nội dung tối đa 5.000 ký tự và bắt buộc khi không chỉ "Đồng ý".',
    en: 'Invalid opinion: choose a position; the text has up to 5,000 characters and is required unless you simply agree.',
  },
  CABINET_OPINION_NOT_MEMBER: {
    status: 403,
    vi: 'Chỉ thành viên có quyền biểu quyết của phiên họp mới cho ý kiến trước phiên họp.',
    en: 'Only voting members of the meeting give opinions in advance.',
  },
  CABINET_OPINION_CLOSED: {
    status: 409,
    vi: 'Phiên họp đã bắt đầu hoặc đã kết thúc; không thể cho ý kiến trước nữa.',
    en: 'The meeting has started or is over; opinions in advance are closed.',
  },
  CABINET_OPINION_SECRETARY_CANNOT_SUBMIT: {
    status: 403,
    vi: 'Thư ký chỉ được soạn dự thảo ý kiến; thành viên tự gửi ý kiến của mình.',
    en: 'A secretary may only draft the opinion; the member submits it.',
  },
  CABINET_OPINION_ALREADY_SUBMITTED: {
    status: 409,
    vi: 'Thành viên đã gửi ý kiến cho nội dung này; thư ký không thể thay bằng bản dự thảo.',
    en: 'The member has already submitted an opinion on this item; a secretary cannot replace it with a draft.',
  },
});
