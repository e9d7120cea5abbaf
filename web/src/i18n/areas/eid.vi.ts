/** Vietnamese strings of the e-ID sign-in (merged into vi.ts under `eid`). */
export const eidVi = {
  signIn: 'Đăng nhập bằng tài khoản định danh điện tử ({{provider}})',
  or: 'hoặc',
  hint: 'Dành cho công dân: xác thực qua ứng dụng định danh điện tử quốc gia, không cần mật khẩu riêng.',
  errorTitle: 'Không đăng nhập được bằng định danh điện tử',
  dismiss: 'Đóng thông báo',
  unknownError: 'Đăng nhập bằng định danh điện tử không thành công. Vui lòng thử lại.',
  /** The server's messages for each code (src/modules/identity/eid.errors.ts): the page fetches nothing. */
  errors: {
    IDENTITY_EID_NOT_CONFIGURED:
      'Đăng nhập bằng tài khoản định danh điện tử chưa được bật trên hệ thống này.',
    IDENTITY_EID_NEXT_INVALID:
      'Địa chỉ trang quay về không hợp lệ: chỉ chấp nhận một đường dẫn trong hệ thống này.',
    IDENTITY_EID_STATE_INVALID:
      'Phiên đăng nhập bằng định danh điện tử không hợp lệ hoặc đã hết hạn. Vui lòng bắt đầu lại.',
    IDENTITY_EID_CANCELLED: 'Bạn đã từ chối hoặc huỷ đăng nhập tại cổng định danh điện tử.',
    IDENTITY_EID_PROVIDER_ERROR:
      'Không kết nối được hoặc nhận phản hồi không hợp lệ từ cổng định danh điện tử. Vui lòng thử lại sau.',
    IDENTITY_EID_CLAIMS_MISSING:
      'Cổng định danh điện tử không cung cấp đủ thông tin (số định danh cá nhân) để đăng nhập.',
    IDENTITY_EID_PERSONAL_ID_INVALID:
      'Số định danh cá nhân nhận từ cổng định danh điện tử không hợp lệ (phải gồm 12 chữ số đúng quy định).',
    IDENTITY_EID_ACCOUNT_DISABLED:
      'Tài khoản gắn với định danh điện tử này đã bị vô hiệu hoá. Vui lòng liên hệ quản trị viên.',
    IDENTITY_EID_OFFICIAL_ACCOUNT:
      'Số định danh này thuộc một tài khoản cán bộ, không được tự liên kết khi đăng nhập bằng định danh điện tử. Hãy đăng nhập bằng tài khoản cán bộ hoặc liên hệ quản trị viên.',
    IDENTITY_EID_ACCOUNT_CONFLICT:
      'Không thể tạo tài khoản công dân vì tên đăng nhập dành cho số định danh này đã được dùng. Vui lòng liên hệ quản trị viên.',
    RATE_LIMITED: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.',
    INTERNAL: 'Đã xảy ra lỗi hệ thống.',
  },
};
