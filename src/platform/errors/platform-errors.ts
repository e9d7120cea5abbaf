import { defineErrors } from './registry.js';

/** Codes every module may raise. Module-specific codes live in each module's errors.ts. */
export const PlatformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập.', en: 'You need to sign in.' },
  FORBIDDEN: {
    status: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  MFA_REQUIRED: {
    status: 403,
    vi: 'Cần xác thực thêm bước thứ hai (mã OTP hoặc khoá truy cập) trước khi tiếp tục.',
    en: 'Complete the second sign-in step (one-time code or passkey) before going on.',
  },
  MFA_ENROLMENT_REQUIRED: {
    status: 403,
    vi: 'Tài khoản của bạn bắt buộc dùng xác thực hai bước. Hãy thiết lập ứng dụng OTP hoặc khoá truy cập trước khi tiếp tục.',
    en: 'Your account must use two-step sign-in. Set up an authenticator app or a passkey before going on.',
  },
  NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy đối tượng yêu cầu.',
    en: 'The requested item was not found.',
  },
  CONFLICT: {
    status: 409,
    vi: 'Dữ liệu đã bị thay đổi hoặc đã tồn tại.',
    en: 'The data changed or already exists.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    vi: 'Tệp hoặc dữ liệu quá lớn.',
    en: 'The file or payload is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Loại tệp không được chấp nhận.',
    en: 'This file type is not accepted.',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.',
    en: 'Too many requests, please try again later.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống đang bảo trì hoặc đang dừng, vui lòng thử lại sau.',
    en: 'The service is unavailable, please try again later.',
  },
  INTERNAL: { status: 500, vi: 'Đã xảy ra lỗi hệ thống.', en: 'An internal error occurred.' },
});
