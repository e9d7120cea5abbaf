import { defineErrors } from '../../platform/errors/index.js';

export const MfaErrors = defineErrors({
  IDENTITY_MFA_CODE_INVALID: {
    status: 401,
    vi: 'Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trên ứng dụng xác thực.',
    en: 'The code is wrong or has expired. Enter the current code from your authenticator app.',
  },
  IDENTITY_MFA_NOT_PENDING: {
    status: 409,
    vi: 'Phiên đăng nhập này không chờ xác thực bước thứ hai.',
    en: 'This session is not waiting for a second sign-in step.',
  },
  IDENTITY_MFA_VERIFY_FIRST: {
    status: 403,
    vi: 'Hãy xác thực bằng yếu tố đã đăng ký trước khi thêm yếu tố mới.',
    en: 'Prove an enrolled second factor before adding another.',
  },
  IDENTITY_MFA_TOTP_EXISTS: {
    status: 409,
    vi: 'Tài khoản đã có ứng dụng xác thực. Gỡ ứng dụng cũ trước khi đăng ký ứng dụng mới.',
    en: 'An authenticator app is already set up. Remove it before setting up another.',
  },
  IDENTITY_MFA_TOTP_NOT_STARTED: {
    status: 409,
    vi: 'Chưa bắt đầu thiết lập ứng dụng xác thực, hoặc đã thiết lập xong.',
    en: 'Authenticator set-up has not been started, or is already complete.',
  },
  IDENTITY_MFA_LAST_FACTOR: {
    status: 409,
    vi: 'Tài khoản bắt buộc xác thực hai bước: không thể gỡ yếu tố xác thực cuối cùng.',
    en: 'Your account must use two-step sign-in: the last second factor cannot be removed.',
  },
  IDENTITY_MFA_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy yếu tố xác thực.',
    en: 'The second factor was not found.',
  },
  IDENTITY_PASSKEY_CHALLENGE_INVALID: {
    status: 400,
    vi: 'Yêu cầu xác thực bằng khoá truy cập đã hết hạn hoặc đã được dùng. Hãy thử lại.',
    en: 'The passkey request has expired or was already used. Try again.',
  },
  IDENTITY_PASSKEY_INVALID: {
    status: 401,
    vi: 'Không xác minh được khoá truy cập.',
    en: 'The passkey could not be verified.',
  },
  IDENTITY_PASSWORD_CURRENT_WRONG: {
    status: 400,
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  IDENTITY_PASSWORD_UNCHANGED: {
    status: 400,
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  IDENTITY_SESSION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy phiên đăng nhập.',
    en: 'The session was not found.',
  },
});
