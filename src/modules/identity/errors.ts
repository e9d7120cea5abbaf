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
});
