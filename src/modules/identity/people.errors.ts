import { defineErrors } from '../../platform/errors/index.js';

/** Coded errors of the people register, roles, Government members, delegations and businesses. */
export const PeopleErrors = defineErrors({
  IDENTITY_PERSON_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy người dùng.',
    en: 'The person was not found.',
  },
  IDENTITY_PERSON_INVALID: {
    status: 400,
    vi: 'Thông tin người dùng không hợp lệ (tên hiển thị, thư điện tử, ngôn ngữ hoặc độ dài trường).',
    en: 'The person data is invalid (display name, e-mail, language or field length).',
  },
  IDENTITY_PERSON_USERNAME_INVALID: {
    status: 400,
    vi: 'Tên đăng nhập phải dài 3–64 ký tự, gồm chữ thường không dấu, chữ số và các dấu . _ -',
    en: 'The username must be 3–64 characters of lowercase letters, digits and . _ -',
  },
  IDENTITY_PERSON_USERNAME_DUPLICATE: {
    status: 409,
    vi: 'Tên đăng nhập này đã được sử dụng.',
    en: 'This username is already taken.',
  },
  IDENTITY_PERSON_PHONE_INVALID: {
    status: 400,
    vi: 'Số điện thoại không hợp lệ: cần số di động Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678.',
    en: 'The phone number is invalid: give a Vietnamese mobile number, e.g. 0912 345 678 or +84 912 345 678.',
  },
  IDENTITY_PERSON_PASSWORD_WEAK: {
    status: 400,
    vi: 'Mật khẩu phải có ít nhất 10 ký tự và không được chứa tên đăng nhập.',
    en: 'The password must have at least 10 characters and must not contain the username.',
  },
  IDENTITY_PERSON_DATE_INVALID: {
    status: 400,
    vi: 'Ngày không hợp lệ: cần dạng YYYY-MM-DD, ngày kết thúc không trước ngày bắt đầu.',
    en: 'Invalid date: use YYYY-MM-DD, and an end no earlier than the start.',
  },
  IDENTITY_PERSON_KIND_MISMATCH: {
    status: 400,
    vi: 'Thao tác này không áp dụng cho loại người dùng này (cán bộ, công dân hoặc đại diện doanh nghiệp).',
    en: 'This does not apply to this kind of person (official, citizen or business representative).',
  },
  IDENTITY_PERSON_OUTSIDE_SCOPE: {
    status: 403,
    vi: 'Bạn chỉ được quản lý người dùng và chức vụ thuộc cơ quan mình và các đơn vị trực thuộc.',
    en: 'You may only manage people and posts in your agency and the agencies below it.',
  },
  IDENTITY_PERSON_MORE_PRIVILEGED: {
    status: 403,
    vi: 'Người dùng này có những quyền mà bạn không có; bạn không thể thay đổi tài khoản của họ.',
    en: 'This person holds permissions you do not hold; you cannot change their account.',
  },
  IDENTITY_PERSON_SELF: {
    status: 403,
    vi: 'Bạn không thể tự khoá tài khoản hoặc tự thay đổi vai trò của mình.',
    en: 'You cannot disable your own account or change your own roles.',
  },
  IDENTITY_PERSON_MAIN_AGENCY_INVALID: {
    status: 400,
    vi: 'Cơ quan chính phải là một trong các cơ quan mà người dùng đang giữ chức vụ.',
    en: "The main agency must be one of the person's posts.",
  },
  IDENTITY_PERSON_POST_NOT_FOUND: {
    status: 404,
    vi: 'Người dùng không giữ chức vụ tại cơ quan này.',
    en: 'The person holds no post at this agency.',
  },
  IDENTITY_PERSON_MEMBER_SCOPE: {
    status: 403,
    vi: 'Chỉ quản trị viên toàn hệ thống mới được bổ nhiệm hoặc kết thúc nhiệm kỳ Thành viên Chính phủ.',
    en: 'Only administrators of every agency may appoint Government members or end their terms.',
  },
  IDENTITY_PERSON_MEMBER_INVALID: {
    status: 400,
    vi: 'Nhiệm kỳ không hợp lệ: Bộ trưởng, Thủ trưởng cơ quan ngang bộ cần cơ quan; Thủ tướng, Phó Thủ tướng thì không.',
    en: 'Invalid term: ministers and heads of agencies need an agency; the Prime Minister and deputies do not.',
  },
  IDENTITY_PERSON_MEMBER_OVERLAP: {
    status: 409,
    vi: 'Nhiệm kỳ trùng thời gian với một nhiệm kỳ khác cùng chức vụ (hoặc với Thủ tướng đương nhiệm).',
    en: 'The term overlaps another term in the same office (or that of the serving Prime Minister).',
  },
  IDENTITY_PERSON_MEMBER_TERM_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy nhiệm kỳ.',
    en: 'The term was not found.',
  },
  IDENTITY_PERSONAL_ID_INVALID: {
    status: 400,
    vi: 'Số định danh cá nhân không hợp lệ: cần đủ 12 chữ số, mã tỉnh và năm sinh đúng.',
    en: 'The personal identification number is invalid: it needs 12 digits with a valid province code and birth year.',
  },
  IDENTITY_PERSONAL_ID_DUPLICATE: {
    status: 409,
    vi: 'Số định danh cá nhân này đã có trong hệ thống.',
    en: 'This personal identification number is already registered.',
  },
  IDENTITY_ROLE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy vai trò.',
    en: 'The role was not found.',
  },
  IDENTITY_ROLE_INVALID: {
    status: 400,
    vi: 'Vai trò không hợp lệ: mã gồm 2–40 ký tự chữ thường không dấu, chữ số, dấu gạch dưới; cần tên tiếng Việt và tiếng Anh.',
    en: 'Invalid role: a code of 2–40 lowercase letters, digits and underscores; Vietnamese and English names are required.',
  },
  IDENTITY_ROLE_DUPLICATE: {
    status: 409,
    vi: 'Mã vai trò này đã tồn tại.',
    en: 'This role code already exists.',
  },
  IDENTITY_ROLE_PERMISSION_UNKNOWN: {
    status: 400,
    vi: 'Quyền không tồn tại trong hệ thống.',
    en: 'Unknown permission.',
  },
  IDENTITY_ROLE_ESCALATION: {
    status: 403,
    vi: 'Bạn không thể cấp hoặc thu hồi những quyền mà chính bạn không có.',
    en: 'You cannot grant or withdraw permissions you do not hold yourself.',
  },
  IDENTITY_ROLE_BUILTIN: {
    status: 409,
    vi: 'Không thể xoá vai trò có sẵn của hệ thống, cũng không thể bỏ các quyền mặc định của nó.',
    en: 'A built-in role cannot be deleted, nor lose the permissions it comes with.',
  },
  IDENTITY_ROLE_IN_USE: {
    status: 409,
    vi: 'Vai trò vẫn đang được gán cho người dùng; hãy thu hồi trước khi xoá.',
    en: 'The role is still held by people; take it from them before deleting it.',
  },
  IDENTITY_DELEGATION_INVALID: {
    status: 400,
    vi: 'Uỷ quyền không hợp lệ: người uỷ quyền và thư ký phải là hai cán bộ khác nhau.',
    en: 'Invalid delegation: the principal and the delegate must be two different officials.',
  },
  IDENTITY_DELEGATION_DUPLICATE: {
    status: 409,
    vi: 'Thư ký này đã được uỷ quyền cho cùng người trong khoảng thời gian đó.',
    en: 'This delegate already acts for the same principal during that period.',
  },
  IDENTITY_DELEGATION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy uỷ quyền.',
    en: 'The delegation was not found.',
  },
  IDENTITY_BUSINESS_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy doanh nghiệp.',
    en: 'The business was not found.',
  },
  IDENTITY_BUSINESS_INVALID: {
    status: 400,
    vi: 'Thông tin doanh nghiệp không hợp lệ (tên, địa chỉ hoặc vai trò người đại diện).',
    en: 'The business data is invalid (name, address or representative role).',
  },
  IDENTITY_BUSINESS_DUPLICATE: {
    status: 409,
    vi: 'Mã số doanh nghiệp này đã có trong hệ thống.',
    en: 'This enterprise code is already registered.',
  },
  IDENTITY_BUSINESS_SCOPE: {
    status: 403,
    vi: 'Chỉ quản trị viên toàn hệ thống mới được thay đổi danh mục doanh nghiệp.',
    en: 'Only administrators of every agency may change the business register.',
  },
  IDENTITY_BUSINESS_REPRESENTATIVE_NOT_FOUND: {
    status: 404,
    vi: 'Người này không phải người đại diện của doanh nghiệp.',
    en: 'This person does not represent the business.',
  },
  IDENTITY_ENTERPRISE_CODE_INVALID: {
    status: 400,
    vi: 'Mã số doanh nghiệp không hợp lệ: 10 chữ số (đơn vị phụ thuộc thêm -NNN), chữ số kiểm tra phải đúng.',
    en: 'The enterprise code is invalid: 10 digits (a branch adds -NNN) with a correct check digit.',
  },
});
