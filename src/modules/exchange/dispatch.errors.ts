import { defineErrors } from '../../platform/errors/index.js';

/** Sending an e-Cabinet conclusion notice or ballot result as an outgoing document (dispatch.ts). */
export const DispatchErrors = defineErrors({
  EXCHANGE_DISPATCH_NOT_ISSUED: {
    status: 409,
    vi: 'Thông báo kết luận chưa được ban hành nên chưa gửi qua trục liên thông được.',
    en: 'The conclusion notice is not issued yet, so it cannot be sent through the exchange axis.',
  },
  EXCHANGE_DISPATCH_NOT_CLOSED: {
    status: 409,
    vi: 'Phiếu lấy ý kiến chưa kết thúc (chưa có báo cáo kết quả đã niêm phong) nên chưa gửi được.',
    en: 'The ballot is not closed (it has no sealed result report yet), so it cannot be sent.',
  },
  EXCHANGE_DISPATCH_AGENCY_NOT_HOSTED: {
    status: 409,
    vi: 'Điểm kết nối này không phục vụ cơ quan gửi (mã định danh không thuộc EXCHANGE_AGENCIES).',
    en: 'This node does not host the sending agency (its code is not among EXCHANGE_AGENCIES).',
  },
  EXCHANGE_DISPATCH_NOT_ISSUER: {
    status: 409,
    vi: 'Cơ quan gửi phải là cơ quan ban hành: cơ quan chủ trì phiên họp hoặc phiếu lấy ý kiến (hoặc đơn vị trực thuộc).',
    en: 'The sending agency must be the issuer: the agency the meeting or ballot belongs to (or one of its units).',
  },
  EXCHANGE_DISPATCH_REFERENCE_INVALID: {
    status: 409,
    vi: 'Số, ký hiệu không theo dạng "số/ký hiệu" (ví dụ 45/TB-VPCP) nên không lập được văn bản đi.',
    en: 'The reference is not in the "number/notation" form (e.g. 45/TB-VPCP), so no outgoing document can be made.',
  },
  EXCHANGE_DISPATCH_ALREADY_SENT: {
    status: 409,
    vi: 'Văn bản này đã được gửi qua trục liên thông với cùng số, ký hiệu và ngày ban hành; không gửi thêm nơi nhận khác được.',
    en: 'This document was already sent through the axis with the same number, notation and date; other recipients cannot be added.',
  },
});
