import { AppError, defineErrors } from '../../platform/errors/index.js';

/** Refusals of a sign-in through the national e-ID; the web page shows the message for `?eidError=CODE`. */
export const EidErrors = defineErrors({
  IDENTITY_EID_NOT_CONFIGURED: {
    status: 404,
    vi: 'Đăng nhập bằng tài khoản định danh điện tử chưa được bật trên hệ thống này.',
    en: 'Sign-in with the national e-ID is not enabled on this system.',
  },
  IDENTITY_EID_NEXT_INVALID: {
    status: 400,
    vi: 'Địa chỉ trang quay về không hợp lệ: chỉ chấp nhận một đường dẫn trong hệ thống này.',
    en: 'The return address is invalid: only a path within this system is accepted.',
  },
  IDENTITY_EID_STATE_INVALID: {
    status: 400,
    vi: 'Phiên đăng nhập bằng định danh điện tử không hợp lệ hoặc đã hết hạn. Vui lòng bắt đầu lại.',
    en: 'The e-ID sign-in attempt is invalid or has expired. Please start again.',
  },
  IDENTITY_EID_CANCELLED: {
    status: 401,
    vi: 'Bạn đã từ chối hoặc huỷ đăng nhập tại cổng định danh điện tử.',
    en: 'You refused or cancelled the sign-in at the e-ID provider.',
  },
  IDENTITY_EID_PROVIDER_ERROR: {
    status: 502,
    vi: 'Không kết nối được hoặc nhận phản hồi không hợp lệ từ cổng định danh điện tử. Vui lòng thử lại sau.',
    en: 'The e-ID provider could not be reached or gave an invalid answer. Please try again later.',
  },
  IDENTITY_EID_CLAIMS_MISSING: {
    status: 502,
    vi: 'Cổng định danh điện tử không cung cấp đủ thông tin (số định danh cá nhân) để đăng nhập.',
    en: 'The e-ID provider did not supply the information needed to sign in (the personal identification number).',
  },
  IDENTITY_EID_PERSONAL_ID_INVALID: {
    status: 422,
    vi: 'Số định danh cá nhân nhận từ cổng định danh điện tử không hợp lệ (phải gồm 12 chữ số đúng quy định).',
    en: 'The personal identification number received from the e-ID provider is invalid (it must be 12 valid digits).',
  },
  IDENTITY_EID_ACCOUNT_DISABLED: {
    status: 403,
    vi: 'Tài khoản gắn với định danh điện tử này đã bị vô hiệu hoá. Vui lòng liên hệ quản trị viên.',
    en: 'The account linked to this e-ID is disabled. Please contact an administrator.',
  },
  IDENTITY_EID_OFFICIAL_ACCOUNT: {
    status: 409,
    vi: 'Số định danh này thuộc một tài khoản cán bộ, không được tự liên kết khi đăng nhập bằng định danh điện tử. Hãy đăng nhập bằng tài khoản cán bộ hoặc liên hệ quản trị viên.',
    en: "This personal ID belongs to an official's account, which is never linked by an e-ID sign-in. Sign in with the official account, or contact an administrator.",
  },
  IDENTITY_EID_ACCOUNT_CONFLICT: {
    status: 409,
    vi: 'Không thể tạo tài khoản công dân vì tên đăng nhập dành cho số định danh này đã được dùng. Vui lòng liên hệ quản trị viên.',
    en: 'The citizen account cannot be created because the username reserved for this personal ID is taken. Please contact an administrator.',
  },
});

export type EidErrorCode = keyof typeof EidErrors;

/** A refusal that concerns a known person: the audit record names them; the answer does not. */
export class EidRefusal extends AppError {
  constructor(
    code: EidErrorCode,
    readonly personId: string,
  ) {
    super(code);
  }
}
