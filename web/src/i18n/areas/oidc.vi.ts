/** Vietnamese strings of the oidc screens (merged into vi.ts under `oidc`). */
export const oidcVi = {
  title: 'Ứng dụng liên kết',
  intro:
    'Các hệ thống của cơ quan đăng nhập qua CPĐT theo chuẩn OpenID Connect: người dùng chỉ cần một tài khoản CPĐT. Đăng ký hệ thống, cấp khoá bí mật và tạm ngừng khi cần.',
  discovery: 'Địa chỉ cấu hình (discovery) để khai báo trong các hệ thống:',
  cancel: 'Huỷ',
  createdAt: 'Đăng ký lúc {{time}}',
  create: {
    open: 'Đăng ký ứng dụng',
    title: 'Đăng ký ứng dụng liên kết',
    submit: 'Đăng ký',
    done: 'Đã đăng ký “{{name}}”.',
  },
  edit: {
    open: 'Sửa',
    openFor: 'Sửa {{name}}',
    title: 'Sửa “{{name}}”',
    submit: 'Lưu thay đổi',
    done: 'Đã lưu “{{name}}”.',
  },
  fields: {
    name: 'Tên hệ thống',
    nameHint: 'Tên người dùng thấy, ví dụ: Hệ thống quản lý văn bản và điều hành.',
    agency: 'Cơ quan quản lý',
    agencyOwn: 'Ứng dụng thuộc cơ quan bạn đang làm việc.',
    type: 'Loại ứng dụng',
    clientId: 'Mã ứng dụng (client_id)',
    redirectUris: 'Địa chỉ chuyển hướng sau đăng nhập (redirect URI)',
    redirectUrisHint:
      'Mỗi dòng một địa chỉ, đúng như hệ thống gửi lên. Bắt buộc https; http chỉ dùng cho localhost hoặc 127.0.0.1.',
    postLogoutRedirectUris: 'Địa chỉ quay về sau đăng xuất (không bắt buộc)',
    postLogoutHint: 'Mỗi dòng một địa chỉ.',
    backchannelLogoutUri: 'Địa chỉ nhận thông báo đăng xuất (back-channel, không bắt buộc)',
    backchannelHint: 'CPĐT gửi logout_token tới địa chỉ này khi người dùng đăng xuất.',
  },
  type: {
    confidentialShort: 'Máy chủ',
    publicShort: 'Công khai',
    confidential: 'Máy chủ (có khoá bí mật)',
    confidentialHint: 'Hệ thống chạy trên máy chủ của cơ quan, giữ được khoá bí mật.',
    public: 'Trình duyệt hoặc di động (công khai)',
    publicHint:
      'Ứng dụng chạy trong trình duyệt hoặc trên điện thoại: không có khoá bí mật, bắt buộc dùng PKCE.',
    machineShort: 'Ứng dụng máy',
    machine: 'Ứng dụng máy (không có người đăng nhập)',
    machineHint:
      'Một hệ thống tự gọi CPĐT bằng token client_credentials, ví dụ hệ thống quản lý văn bản kết nối trục liên thông; không có địa chỉ chuyển hướng.',
  },
  status: {
    active: 'Đang hoạt động',
    disabled: 'Tạm ngừng',
  },
  list: {
    label: 'Danh sách ứng dụng liên kết',
    empty: 'Chưa có ứng dụng nào được đăng ký.',
    name: 'Tên, mã ứng dụng',
    agency: 'Cơ quan',
    type: 'Loại',
    redirectUris: 'Địa chỉ chuyển hướng',
    status: 'Trạng thái',
    actions: 'Thao tác',
    noAgency: 'Chưa gán cơ quan',
  },
  secret: {
    title: 'Khoá bí mật của “{{name}}”',
    warning:
      'Sao chép khoá bí mật vào cấu hình của hệ thống ngay bây giờ. Khoá chỉ hiển thị một lần: CPĐT không lưu bản đọc được. Nếu làm mất, hãy cấp lại khoá mới.',
    clientSecret: 'Khoá bí mật (client_secret)',
    stored: 'Tôi đã lưu khoá bí mật',
    done: 'Xong',
    publicNote: 'Ứng dụng công khai không có khoá bí mật: hệ thống dùng mã ứng dụng và PKCE.',
    authMethod: 'Xác thực tại token endpoint bằng HTTP Basic (client_secret_basic).',
  },
  rotate: {
    open: 'Cấp lại khoá',
    openFor: 'Cấp lại khoá bí mật cho {{name}}',
    confirmTitle: 'Cấp lại khoá bí mật cho “{{name}}”?',
    confirmBody:
      'Khoá cũ hết hiệu lực ngay: hệ thống đang dùng khoá cũ sẽ không đăng nhập được cho đến khi được cập nhật khoá mới.',
    confirm: 'Cấp khoá mới',
  },
  disable: {
    open: 'Tạm ngừng',
    openFor: 'Tạm ngừng {{name}}',
    confirmTitle: 'Tạm ngừng “{{name}}”?',
    confirmBody:
      'Người dùng không đăng nhập được vào hệ thống này qua CPĐT nữa và các token đã cấp mất hiệu lực. Có thể kích hoạt lại sau.',
    confirm: 'Tạm ngừng',
    done: 'Đã tạm ngừng “{{name}}”.',
  },
  enable: {
    open: 'Kích hoạt lại',
    openFor: 'Kích hoạt lại {{name}}',
    done: 'Đã kích hoạt lại “{{name}}”.',
  },
};
