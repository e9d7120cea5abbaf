/** Vietnamese strings of the certificates screens (merged into vi.ts under `certificates`). */
export const certificatesVi = {
  title: 'Chứng thư số',
  intro:
    'Chứng thư số (X.509) dùng để ký số văn bản và phiếu biểu quyết. Chỉ chứng thư còn hiệu lực và cho phép ký mới được chấp nhận.',
  listLabel: 'Chứng thư số của tôi',
  empty: 'Bạn chưa đăng ký chứng thư số nào.',
  noName: 'Chứng thư không ghi tên chủ thể',
  status: {
    valid: 'Còn hiệu lực',
    expired: 'Hết hạn',
    not_yet_valid: 'Chưa có hiệu lực',
    revoked: 'Đã thu hồi',
  },
  fields: {
    issuer: 'Tổ chức cấp',
    validity: 'Hiệu lực',
    serial: 'Số hiệu',
    key: 'Khoá',
    fingerprint: 'Dấu vân tay SHA-256',
    revokedAt: 'Thu hồi lúc',
  },
  validity: '{{from}} – {{to}}',
  demoCa: 'CA thử nghiệm',
  demoCaTitle:
    'Do CA thử nghiệm của hệ thống này cấp: chỉ dùng để phát triển, trình diễn, không có giá trị pháp lý.',
  copy: 'Sao chép',
  copied: 'Đã sao chép',
  copyLabel: 'Sao chép dấu vân tay SHA-256 của chứng thư {{name}}',
  revoke: 'Thu hồi',
  revokeLabel: 'Thu hồi chứng thư {{name}}',
  revokeTitle: 'Thu hồi chứng thư số?',
  revokeBody:
    'Chứng thư «{{name}}» sẽ không dùng để ký được nữa. Không thể hoàn tác; các chữ ký đã tạo trước đó vẫn được lưu giữ.',
  revokeConfirm: 'Thu hồi chứng thư',
  cancel: 'Huỷ',
  revoked: 'Đã thu hồi chứng thư số.',
  upload: {
    title: 'Đăng ký chứng thư số',
    intro:
      'Chọn tệp chứng thư (.pem, .crt, .cer) hoặc dán nội dung PEM. Chỉ tải lên chứng thư, không bao giờ tải lên khoá riêng.',
    file: 'Tệp chứng thư',
    filePlaceholder: 'Chọn tệp .pem, .crt hoặc .cer',
    fileHint: 'Nội dung tệp sẽ hiện ở ô bên dưới.',
    readFailed: 'Không đọc được tệp này.',
    pem: 'Nội dung chứng thư (PEM)',
    pemPlaceholder: '-----BEGIN CERTIFICATE-----',
    required: 'Hãy chọn tệp hoặc dán nội dung chứng thư.',
    label: 'Tên gợi nhớ (không bắt buộc)',
    labelPlaceholder: 'Ví dụ: Chứng thư công vụ 2026',
    submit: 'Đăng ký chứng thư',
    registered: 'Đã đăng ký chứng thư số «{{name}}».',
  },
};
