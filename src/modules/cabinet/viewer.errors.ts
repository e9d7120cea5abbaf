import { defineErrors } from '../../platform/errors/index.js';

/** The paper viewer (viewable PDF, watermarked copies, page texts) and private annotations. */
export const ViewerErrors = defineErrors({
  CABINET_PAPER_VIEW_PENDING: {
    status: 409,
    vi: 'Tài liệu đang được chuẩn bị để xem (chuyển sang PDF); vui lòng thử lại sau ít phút.',
    en: 'The paper is being prepared for viewing (converted to PDF); please try again in a few minutes.',
  },
  CABINET_PAPER_VIEW_UNAVAILABLE: {
    status: 409,
    vi: 'Máy chủ chưa có bộ chuyển đổi văn bản (LibreOffice) nên chưa xem được tài liệu DOCX này; bộ phận chuẩn bị phiên họp vẫn tải được bản gốc.',
    en: 'The server has no document converter (LibreOffice) yet, so this DOCX paper cannot be viewed; the meeting office can still download the original.',
  },
  CABINET_PAPER_VIEW_FAILED: {
    status: 409,
    vi: 'Không chuyển được tài liệu sang PDF để xem (tệp có thể bị hỏng); hãy báo bộ phận chuẩn bị phiên họp tải lên lại.',
    en: 'The paper could not be converted to PDF for viewing (the file may be damaged); ask the meeting office to upload it again.',
  },
  CABINET_PAPER_VIEW_STAMP_FAILED: {
    status: 409,
    vi: 'Không đóng dấu được tên người đọc lên tài liệu này nên không thể mở; hãy báo bộ phận chuẩn bị phiên họp tải lên bản PDF khác (không đặt mật khẩu).',
    en: "The reader's name could not be stamped on this paper, so it cannot be opened; ask the meeting office to upload another PDF (without password protection).",
  },
  CABINET_ANNOTATION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy ghi chú.',
    en: 'The annotation was not found.',
  },
  CABINET_ANNOTATION_INVALID: {
    status: 400,
    vi: 'Ghi chú không hợp lệ: cần đoạn trích (tối đa 2000 ký tự), số trang hợp lệ và nội dung ghi chú (tối đa 4000 ký tự).',
    en: 'Invalid annotation: a quote (up to 2000 characters), a valid page and a note (up to 4000 characters) are needed.',
  },
  CABINET_ANNOTATION_QUOTE_NOT_FOUND: {
    status: 400,
    vi: 'Đoạn trích không có trong phiên bản tài liệu này.',
    en: 'The quoted text is not in this version of the paper.',
  },
});
