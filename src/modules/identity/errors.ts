import { defineErrors } from '../../platform/errors/index.js';

export const IdentityErrors = defineErrors({
  IDENTITY_BAD_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  IDENTITY_ACCOUNT_LOCKED: {
    status: 423,
    vi: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau thời điểm mở khoá.',
    en: 'The account is locked after too many failed sign-ins. Try again after the unlock time.',
  },
  IDENTITY_ACCOUNT_DISABLED: {
    status: 403,
    vi: 'Tài khoản đã bị vô hiệu hoá.',
    en: 'The account is disabled.',
  },
  IDENTITY_AGENCY_CODE_INVALID: {
    status: 400,
    vi: 'Mã định danh cơ quan không hợp lệ: dạng chuẩn 000.00.00.G22, hoặc tối đa 35 ký tự gồm chữ số, chữ in hoa và dấu chấm.',
    en: 'The agency identifier code is invalid: standard form 000.00.00.G22, or up to 35 characters of digits, capital letters and dots.',
  },
  IDENTITY_AGENCY_CODE_DUPLICATE: {
    status: 409,
    vi: 'Mã định danh này đang được một cơ quan khác sử dụng.',
    en: 'This identifier code is already used by a current agency.',
  },
  IDENTITY_AGENCY_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy cơ quan.',
    en: 'The agency was not found.',
  },
  IDENTITY_AGENCY_RETIRED: {
    status: 409,
    vi: 'Cơ quan đã giải thể, sáp nhập hoặc đổi mã; không thể thay đổi thêm.',
    en: 'The agency has been retired, merged or given a new code; it cannot be changed any more.',
  },
  IDENTITY_AGENCY_INVALID: {
    status: 400,
    vi: 'Thông tin cơ quan không hợp lệ (tên, cấp hành chính hoặc độ dài trường).',
    en: 'The agency data is invalid (name, level or field length).',
  },
  IDENTITY_AGENCY_UNCHANGED: {
    status: 400,
    vi: 'Không có thay đổi nào so với thông tin hiện tại của cơ quan.',
    en: 'Nothing differs from the agency as it is.',
  },
  IDENTITY_AGENCY_PARENT_INVALID: {
    status: 400,
    vi: 'Cơ quan cấp trên không tồn tại, đã giải thể, hoặc tạo thành vòng lặp.',
    en: 'The parent agency does not exist, is retired, or would make a cycle.',
  },
  IDENTITY_AGENCY_HAS_CHILDREN: {
    status: 409,
    vi: 'Cơ quan còn đơn vị trực thuộc đang hoạt động; hãy sáp nhập hoặc chuyển các đơn vị đó trước.',
    en: 'The agency still has current subordinate agencies; merge or move them first.',
  },
  IDENTITY_AGENCY_MERGE_INVALID: {
    status: 400,
    vi: 'Yêu cầu hợp nhất không hợp lệ: cần ít nhất một cơ quan bị hợp nhất và đúng một cơ quan tiếp nhận khác với chúng.',
    en: 'Invalid merger: give at least one agency to merge and exactly one receiving agency distinct from them.',
  },
  IDENTITY_AGENCY_DATE_INVALID: {
    status: 400,
    vi: 'Ngày hiệu lực không hợp lệ: phải là ngày YYYY-MM-DD, không ở tương lai và sau ngày bắt đầu hoạt động của cơ quan.',
    en: 'Invalid effective date: a YYYY-MM-DD day, not in the future, and after the agency began.',
  },
  IDENTITY_AGENCY_ADMIN_UNIT_INVALID: {
    status: 400,
    vi: 'Mã đơn vị hành chính của cơ quan không có trong danh mục.',
    en: "The agency's administrative unit code is not in the register.",
  },
  IDENTITY_ADMIN_UNIT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy đơn vị hành chính.',
    en: 'The administrative unit was not found.',
  },
});
