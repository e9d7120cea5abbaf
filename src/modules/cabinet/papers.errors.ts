import { defineErrors } from '../../platform/errors/index.js';

/** Agenda items, papers and their versions. Meetings' own codes are in errors.ts. */
export const PaperErrors = defineErrors({
  CABINET_AGENDA_ITEM_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy nội dung này trong chương trình phiên họp.',
    en: 'The agenda item was not found in this meeting.',
  },
  CABINET_AGENDA_ITEM_INVALID: {
    status: 400,
    vi: 'Nội dung chương trình không hợp lệ: cần tên (tối đa 500 ký tự), thời lượng từ 1 đến 600 phút, độ mật hợp lệ.',
    en: 'Invalid agenda item: a title (up to 500 characters), 1 to 600 planned minutes and a valid classification.',
  },
  CABINET_AGENDA_ITEM_HAS_PAPERS: {
    status: 409,
    vi: 'Nội dung chương trình đã có tài liệu kèm theo; hãy gỡ hoặc chuyển tài liệu trước khi xoá.',
    en: 'The agenda item has papers attached; move or remove them before deleting it.',
  },
  CABINET_AGENDA_ITEM_HAS_CONTENT: {
    status: 409,
    vi: 'Không thể chuyển nội dung chương trình sang độ Mật, Tối mật hoặc Tuyệt mật khi đã có tài liệu được tải lên, ý kiến hoặc thảo luận trên hệ thống; hãy tạo nội dung mới với độ mật phù hợp.',
    en: 'An agenda item cannot become Mật, Tối mật or Tuyệt mật once papers have content, or opinions or comments exist online; create a new item with the right classification instead.',
  },
  CABINET_AGENDA_REORDER_INVALID: {
    status: 400,
    vi: 'Thứ tự mới phải liệt kê đúng một lần mỗi nội dung của chương trình phiên họp này.',
    en: "The new order must list each of this meeting's agenda items exactly once.",
  },
  CABINET_PAPER_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy tài liệu.',
    en: 'The paper was not found.',
  },
  CABINET_PAPER_VERSION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phiên bản tài liệu.',
    en: 'The paper version was not found.',
  },
  CABINET_PAPER_INVALID: {
    status: 400,
    vi: 'Thông tin tài liệu không hợp lệ: cần tên (tối đa 500 ký tự), loại và độ mật hợp lệ; ghi chú phát hành bản giấy chỉ dành cho tài liệu mật.',
    en: 'Invalid paper: a title (up to 500 characters), a valid kind and classification; a paper-circulation note only for a classified paper.',
  },
  CABINET_PAPER_RESTRICTED_INVALID: {
    status: 400,
    vi: 'Danh sách người được xem tài liệu chỉ gồm người tham dự phiên họp, và không được để trống.',
    en: 'The people a paper is restricted to must be participants of the meeting, and at least one.',
  },
  CABINET_PAPER_CLASSIFIED_NO_CONTENT: {
    status: 409,
    vi: 'Tài liệu mật (Mật, Tối mật, Tuyệt mật) chỉ phát hành bản giấy; hệ thống không nhận nội dung của tài liệu này.',
    en: 'Classified papers (Mật, Tối mật, Tuyệt mật) circulate on paper only; the system does not accept their content.',
  },
  CABINET_PAPER_ITEM_CLASSIFIED: {
    status: 409,
    vi: 'Nội dung chương trình này là tài liệu mật (Mật, Tối mật, Tuyệt mật): tài liệu kèm theo phải có độ mật ít nhất bằng nội dung và chỉ phát hành bản giấy.',
    en: 'This agenda item is classified (Mật, Tối mật, Tuyệt mật): its papers must be at least as classified as the item and circulate on paper only.',
  },
  CABINET_PAPER_FILE_TYPE: {
    status: 415,
    vi: 'Chỉ nhận tệp PDF, DOCX, PNG hoặc JPEG (nhận biết theo nội dung tệp).',
    en: 'Only PDF, DOCX, PNG or JPEG files are accepted (recognised by their content).',
  },
  CABINET_PAPER_NO_VERSION: {
    status: 404,
    vi: 'Tài liệu chưa có phiên bản nào được tải lên.',
    en: 'No version of this paper has been uploaded yet.',
  },
});
