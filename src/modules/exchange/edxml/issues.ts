/**
 * The coded findings of edXML parsing and validation. An error means the envelope cannot be processed (refuse
 * it, reply StatusCode 02); a warning means it deviates from QCVN 102 the way real traffic on the national axis
 * does, and is accepted. Tests and callers switch on `code`; people read `vi` (then `en`).
 */
import { defineErrors } from '../../../platform/errors/index.js';

export type IssueSeverity = 'error' | 'warning';

export interface IssueSpec {
  readonly severity: IssueSeverity;
  readonly vi: string;
  readonly en: string;
}

function issues<const T extends Record<string, IssueSpec>>(specs: T): T {
  return specs;
}

export const EDXML_ISSUES = issues({
  // ── errors: the envelope cannot be processed ──
  EDXML_NOT_XML: {
    severity: 'error',
    vi: 'Gói tin không phải XML hợp lệ (sai cú pháp, khai báo DTD, không phải UTF-8 hoặc bị cắt cụt).',
    en: 'The package is not well-formed XML (syntax, DTD, not UTF-8, or truncated).',
  },
  EDXML_ROOT: {
    severity: 'error',
    vi: 'Phần tử gốc không phải edXML trong không gian tên http://www.mic.gov.vn/TBT/QCVN_102_2016.',
    en: 'The root is not edXML in the namespace http://www.mic.gov.vn/TBT/QCVN_102_2016.',
  },
  EDXML_STRUCTURE: {
    severity: 'error',
    vi: 'Thiếu lớp bắt buộc của gói tin (edXMLEnvelope, edXMLHeader hoặc MessageHeader).',
    en: 'A mandatory layer of the package is missing (edXMLEnvelope, edXMLHeader or MessageHeader).',
  },
  EDXML_UNKNOWN_KIND: {
    severity: 'error',
    vi: 'Gói tin không phải văn bản điện tử (edoc) cũng không phải thông điệp trạng thái.',
    en: 'The package is neither a document (edoc) nor a status message.',
  },
  EDXML_REQUIRED_MISSING: {
    severity: 'error',
    vi: 'Thiếu trường bắt buộc để xử lý gói tin.',
    en: 'A field required to process the package is missing or empty.',
  },
  EDXML_AGENCY_CODE_INVALID: {
    severity: 'error',
    vi: 'Mã định danh cơ quan không hợp lệ (chỉ gồm 0–9, A–Z và dấu chấm, tối đa 35 ký tự).',
    en: 'Invalid agency code (only 0–9, A–Z and dots, at most 35 characters).',
  },
  EDXML_DOC_TYPE_INVALID: {
    severity: 'error',
    vi: 'BussinessDocType phải là 0 (mới), 1 (thu hồi), 2 (cập nhật) hoặc 3 (thay thế).',
    en: 'BussinessDocType must be 0 (new), 1 (revocation), 2 (update) or 3 (replacement).',
  },
  EDXML_STATUS_CODE_INVALID: {
    severity: 'error',
    vi: 'StatusCode không thuộc danh mục 01–06, 13, 15, 16.',
    en: 'StatusCode is not one of 01–06, 13, 15, 16.',
  },
  EDXML_DATE_INVALID: {
    severity: 'error',
    vi: 'Ngày ban hành không phải là ngày (định dạng yyyy/MM/dd).',
    en: 'The promulgation date is not a date (format yyyy/MM/dd).',
  },
  EDXML_ATTACHMENT_BASE64: {
    severity: 'error',
    vi: 'Nội dung tệp đính kèm không phải base64 hợp lệ.',
    en: 'The attachment content is not valid base64.',
  },
  EDXML_REFERENCE_NO_ATTACHMENT: {
    severity: 'error',
    vi: 'Tệp được khai báo trong edXMLManifest nhưng không có trong AttachmentEncoded.',
    en: 'A file listed in edXMLManifest is missing from AttachmentEncoded.',
  },
  EDXML_LIMIT: {
    severity: 'error',
    vi: 'Gói tin vượt giới hạn xử lý (độ dài trường, số người nhận, số tệp hoặc số phần tử mở rộng).',
    en: 'The package exceeds a processing limit (field length, recipients, attachments or extension elements).',
  },
  EDXML_SINK_FAILED: {
    severity: 'error',
    vi: 'Không lưu được tệp đính kèm.',
    en: 'The attachment could not be stored.',
  },
  // ── warnings: deviations seen in real traffic, accepted ──
  EDXML_AGENCY_CODE_NOT_STANDARD: {
    severity: 'warning',
    vi: 'Mã định danh không theo dạng NNN.NN.NN.XNN của QCVN 102:2016.',
    en: 'The agency code is not in the NNN.NN.NN.XNN form of QCVN 102:2016.',
  },
  EDXML_AGENCY_CODE_SUSPECT: {
    severity: 'warning',
    vi: 'Mã định danh không hợp lệ ở một trường không dùng để chuyển gói tin.',
    en: 'Invalid agency code in a field not used for routing.',
  },
  EDXML_DOCUMENT_ID_UUID: {
    severity: 'warning',
    vi: 'DocumentId là một UUID thay vì {mã cơ quan},{yyyy/MM/dd},{số}/{ký hiệu}.',
    en: 'DocumentId is a bare UUID instead of {agency code},{yyyy/MM/dd},{number}/{notation}.',
  },
  EDXML_DOCUMENT_ID_FORM: {
    severity: 'warning',
    vi: 'DocumentId không theo dạng {mã cơ quan},{yyyy/MM/dd},{số}/{ký hiệu}.',
    en: 'DocumentId is not in the form {agency code},{yyyy/MM/dd},{number}/{notation}.',
  },
  EDXML_EMPTY_FIELD: {
    severity: 'warning',
    vi: 'Trường để trống hoặc có giá trị "null".',
    en: 'The field is empty or literally "null".',
  },
  EDXML_OPTIONAL_MISSING: {
    severity: 'warning',
    vi: 'Thiếu một khối thông tin mà QCVN 102 quy định.',
    en: 'A block QCVN 102 expects is missing.',
  },
  EDXML_DATE_IMPOSSIBLE: {
    severity: 'warning',
    vi: 'Ngày không tồn tại trong lịch (giữ nguyên giá trị).',
    en: 'The date does not exist in the calendar (value kept as is).',
  },
  EDXML_DATE_FORMAT: {
    severity: 'warning',
    vi: 'Ngày giờ không theo định dạng yyyy/MM/dd (HH:mm:ss).',
    en: 'The date or time is not in the yyyy/MM/dd (HH:mm:ss) format.',
  },
  EDXML_PRIORITY_RANGE: {
    severity: 'warning',
    vi: 'Độ khẩn (Priority) ngoài khoảng 0–4.',
    en: 'Priority is outside 0–4.',
  },
  EDXML_CODE_VALUE: {
    severity: 'warning',
    vi: 'Giá trị mã không thuộc danh mục quy định.',
    en: 'The coded value is not in its code list.',
  },
  EDXML_STATUS_CODE_LEGACY: {
    severity: 'warning',
    vi: 'StatusCode cũ hoặc viết không đủ hai chữ số (14 được hiểu như 15).',
    en: 'Legacy or one-digit StatusCode (14 is read as 15).',
  },
  EDXML_CONTENT_ID_PREFIX: {
    severity: 'warning',
    vi: 'ContentId không có tiền tố "cid:" hoặc khác tiền tố giữa edXMLManifest và AttachmentEncoded.',
    en: 'ContentId lacks the "cid:" prefix, or the prefix differs between edXMLManifest and AttachmentEncoded.',
  },
  EDXML_ATTACHMENT_UNLISTED: {
    severity: 'warning',
    vi: 'Tệp đính kèm không được khai báo trong edXMLManifest.',
    en: 'The attachment is not listed in edXMLManifest.',
  },
  EDXML_ATTACHMENT_NOT_ZIP: {
    severity: 'warning',
    vi: 'Tệp đính kèm không phải tệp nén ZIP như QCVN 102 quy định.',
    en: 'The attachment is not a ZIP archive as QCVN 102 expects.',
  },
  EDXML_ATTACHMENT_EMPTY: {
    severity: 'warning',
    vi: 'Tệp đính kèm không có nội dung.',
    en: 'The attachment has no content.',
  },
  EDXML_BASE64_PADDING: {
    severity: 'warning',
    vi: 'Nội dung base64 thiếu ký tự "=" ở cuối.',
    en: 'The base64 content lacks its "=" padding.',
  },
  EDXML_MISPLACED_ELEMENT: {
    severity: 'warning',
    vi: 'Phần tử không thuộc loại thông điệp này (văn bản hoặc trạng thái); bị bỏ qua.',
    en: 'The element does not belong to this kind of message (document or status); ignored.',
  },
  EDXML_DUPLICATE_ELEMENT: {
    severity: 'warning',
    vi: 'Phần tử lặp lại; bản sau được giữ nguyên nhưng không được sử dụng.',
    en: 'Repeated element; the repetition is kept but not used.',
  },
});

export type EdxmlIssueCode = keyof typeof EDXML_ISSUES;

/** One finding. `element` is a path from MessageHeader or the root, e.g. "MessageHeader/To[2]/OrganId". */
export interface EdxmlIssue {
  code: EdxmlIssueCode;
  element: string;
  value?: string;
  severity: IssueSeverity;
}

/** The Vietnamese and English message of an issue. */
export function issueMessage(code: EdxmlIssueCode): { vi: string; en: string } {
  const spec = EDXML_ISSUES[code];
  return { vi: spec.vi, en: spec.en };
}

/** Coded errors for callers that refuse an envelope (details carry the issues). */
export const EdxmlErrors = defineErrors({
  EXCHANGE_EDXML_INVALID: {
    status: 422,
    vi: 'Gói tin edXML không hợp lệ, không thể xử lý.',
    en: 'The edXML package is invalid and cannot be processed.',
  },
  EXCHANGE_ZIP_INVALID: {
    status: 422,
    vi: 'Tệp nén ZIP của tệp đính kèm bị hỏng hoặc không đọc được.',
    en: 'The ZIP archive of the attachment is corrupt or unreadable.',
  },
  EXCHANGE_ZIP_TOO_LARGE: {
    status: 413,
    vi: 'Tệp đính kèm sau khi giải nén vượt quá kích thước cho phép.',
    en: 'The attachment exceeds the allowed size once decompressed.',
  },
});
