import { defineErrors } from '../../platform/errors/index.js';

/** The hub (the axis) and its connected systems. */
export const HubErrors = defineErrors({
  EXCHANGE_AUTH_REQUIRED: {
    status: 401,
    vi: 'Thiếu thông tin xác thực của hệ thống kết nối (systemid và chữ ký HMAC).',
    en: 'The connecting system did not authenticate (systemid and HMAC signature).',
  },
  EXCHANGE_AUTH_INVALID: {
    status: 401,
    vi: 'Xác thực hệ thống kết nối không hợp lệ (mã hệ thống, chữ ký, thời gian hoặc yêu cầu lặp lại).',
    en: 'The connecting system failed authentication (system id, signature, clock or replayed request).',
  },
  EXCHANGE_RATE_LIMITED: {
    status: 429,
    vi: 'Hệ thống gửi quá nhiều gói tin trong một phút; vui lòng gửi lại sau.',
    en: 'The system sent too many envelopes this minute; send again later.',
  },
  EXCHANGE_ENVELOPE_TOO_LARGE: {
    status: 413,
    vi: 'Gói tin vượt quá kích thước cho phép đối với hệ thống này.',
    en: 'The envelope exceeds the size allowed for this system.',
  },
  EXCHANGE_HASH_MISMATCH: {
    status: 400,
    vi: 'Giá trị băm của tệp (hash-file) không khớp với nội dung nhận được.',
    en: 'The file hash (hash-file) does not match the content received.',
  },
  EXCHANGE_SIGNATURE_INVALID: {
    status: 422,
    vi: 'Chữ ký số của gói tin không hợp lệ: gói tin đã bị thay đổi hoặc chữ ký sai.',
    en: 'The envelope signature is not valid: the envelope was changed or the signature is wrong.',
  },
  EXCHANGE_SENDER_NOT_HOSTED: {
    status: 403,
    vi: 'Hệ thống này không được gửi thay cơ quan có mã định danh ở phần người gửi.',
    en: 'This system may not send on behalf of the agency code named as sender.',
  },
  EXCHANGE_NO_ROUTE: {
    status: 422,
    vi: 'Không có cơ quan nhận nào đang kết nối với trục (mã định danh không tồn tại hoặc chưa kết nối).',
    en: 'No recipient is connected to the axis (unknown codes or agencies not connected).',
  },
  EXCHANGE_MESSAGE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy gói tin.',
    en: 'Message not found.',
  },
  EXCHANGE_TRANSPORT_STATUS_INVALID: {
    status: 400,
    vi: 'Trạng thái không hợp lệ; chỉ nhận processing, done hoặc fail.',
    en: 'Invalid status; only processing, done or fail are accepted.',
  },
  EXCHANGE_PARAMETER_MISSING: {
    status: 400,
    vi: 'Thiếu tham số bắt buộc trong phần đã ký của yêu cầu.',
    en: 'A required parameter is missing from the signed part of the request.',
  },
  EXCHANGE_SYSTEM_INVALID: {
    status: 400,
    vi: 'Thông tin hệ thống kết nối không hợp lệ (mã hệ thống, tên, mã định danh cơ quan hoặc giới hạn).',
    en: 'The connected system is not valid (system id, name, agency codes or limits).',
  },
  EXCHANGE_SYSTEM_EXISTS: {
    status: 409,
    vi: 'Mã hệ thống đã tồn tại.',
    en: 'A system with this id already exists.',
  },
  EXCHANGE_AGENCY_ALREADY_HOSTED: {
    status: 409,
    vi: 'Mã định danh cơ quan đã thuộc một hệ thống kết nối khác.',
    en: 'The agency code is already hosted by another connected system.',
  },
  EXCHANGE_DELIVERY_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy lượt chuyển gói tin.',
    en: 'Delivery not found.',
  },
});

/** The agency node: incoming and outgoing documents. */
export const NodeErrors = defineErrors({
  EXCHANGE_NODE_OFF: {
    status: 409,
    vi: 'Hệ thống chưa kết nối trục liên thông (EXCHANGE_HUB_URL, hoặc EXCHANGE_HUB=on): không gửi được văn bản, trạng thái.',
    en: 'This deployment is not connected to an exchange hub (EXCHANGE_HUB_URL, or EXCHANGE_HUB=on): nothing can be sent.',
  },
  EXCHANGE_DOCUMENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy văn bản.',
    en: 'Document not found.',
  },
  EXCHANGE_DOCUMENT_STATE: {
    status: 409,
    vi: 'Không thực hiện được thao tác này ở trạng thái hiện tại của văn bản.',
    en: 'This step is not possible in the document’s current state.',
  },
  EXCHANGE_DOCUMENT_INVALID: {
    status: 400,
    vi: 'Thông tin văn bản không hợp lệ.',
    en: 'The document is not valid.',
  },
  EXCHANGE_NODE_AGENCY_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cơ quan của điểm kết nối trong phạm vi của bạn.',
    en: 'No agency of this node within your scope has this code.',
  },
  EXCHANGE_DOCUMENT_FILE_NOT_PDF: {
    status: 400,
    vi: 'Tệp văn bản phải là tệp PDF (đã ký số).',
    en: 'The document file must be a (signed) PDF.',
  },
  EXCHANGE_DOCUMENT_DUPLICATE: {
    status: 409,
    vi: 'Văn bản cùng cơ quan, ngày ban hành, số và ký hiệu đã được gửi.',
    en: 'A document with this agency, date, number and notation was already sent.',
  },
  EXCHANGE_RECIPIENT_INVALID: {
    status: 400,
    vi: 'Nơi nhận không hợp lệ: phải là mã định danh cơ quan, không trùng lặp và khác cơ quan gửi.',
    en: 'Invalid recipients: agency codes, each once, other than the sender.',
  },
  EXCHANGE_ASSIGNEE_NOT_FOUND: {
    status: 400,
    vi: 'Không tìm thấy người được giao xử lý.',
    en: 'The person to assign was not found.',
  },
  EXCHANGE_STATS_PERIOD_INVALID: {
    status: 400,
    vi: 'Khoảng thời gian thống kê không hợp lệ (từ ngày, đến ngày theo dạng YYYY-MM-DD, tối đa 10 năm).',
    en: 'Invalid statistics period (from and to as YYYY-MM-DD, at most 10 years).',
  },
});
