import { agenciesVi } from './areas/agencies.vi.js';
import { peopleVi } from './areas/people.vi.js';
import { oidcVi } from './areas/oidc.vi.js';
import { certificatesVi } from './areas/certificates.vi.js';
import { eidVi } from './areas/eid.vi.js';
import { mfaVi } from './areas/mfa.vi.js';
import { cabinetVi } from './areas/cabinet.vi.js';
import { cabinetPapersVi } from './areas/cabinetPapers.vi.js';
import { cabinetViewerVi } from './areas/cabinetViewer.vi.js';
import { cabinetDiscussionVi } from './areas/cabinetDiscussion.vi.js';
import { cabinetLiveVi } from './areas/cabinetLive.vi.js';
import { cabinetFollowUpVi } from './areas/cabinetFollowUp.vi.js';
import { cabinetInsightsVi } from './areas/cabinetInsights.vi.js';
import { signingVi } from './areas/signing.vi.js';
import { cabinetBallotsVi } from './areas/cabinetBallots.vi.js';
import { cabinetPollsVi } from './areas/cabinetPolls.vi.js';
import { exchangeVi } from './areas/exchange.vi.js';
import type { Shape } from './shape.js';
/**
 * Vietnamese, the source language: every UI string lives here first. `en.ts` must have the same shape
 * (the type below makes a missing or extra key a compile error). Plural keys carry `_one`/`_other`
 * because English needs both; Vietnamese uses the same text for each.
 */
export const vi = {
  app: {
    name: 'CPĐT',
    fullName: 'Nền tảng Chính phủ điện tử',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    pageTitle: '{{page}} — CPĐT',
    loading: 'Đang tải…',
    retry: 'Thử lại',
    close: 'Đóng',
    all: 'Tất cả',
    backHome: 'Về trang chủ',
    copy: 'Sao chép',
    copied: 'Đã sao chép',
    copyLabel: 'Sao chép {{what}}',
  },
  nav: {
    label: 'Điều hướng chính',
    openMenu: 'Mở menu điều hướng',
    closeMenu: 'Đóng menu điều hướng',
    home: 'Trang chủ',
    cabinet: 'Họp Chính phủ',
    cabinetBallots: 'Phiếu lấy ý kiến',
    cabinetTasks: 'Nhiệm vụ được giao',
    cabinetSearch: 'Tra cứu phiên họp',
    cabinetDashboard: 'Thống kê phiên họp',
    exchange: 'Liên thông văn bản',
    exchangeHub: 'Trục liên thông',
    portal: 'Dịch vụ công',
    admin: 'Quản trị',
    outbox: 'Hộp thư đi',
    jobs: 'Công việc nền',
    agencies: 'Cơ quan',
    people: 'Người dùng',
    roles: 'Vai trò',
    oidcClients: 'Ứng dụng liên kết',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt (VI)',
    en: 'English (EN)',
  },
  user: {
    actFor: 'Làm việc cho cơ quan',
    profile: 'Hồ sơ và bảo mật',
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    menu: 'Tài khoản của {{name}}',
    signedInAs: 'Đang đăng nhập: {{name}}',
  },
  notifications: {
    label: 'Thông báo',
    labelUnread_one: 'Thông báo, {{count}} chưa đọc',
    labelUnread_other: 'Thông báo, {{count}} chưa đọc',
    empty: 'Chưa có thông báo nào.',
    markRead: 'Đánh dấu đã đọc',
    unreadTag: 'Chưa đọc',
  },
  signIn: {
    title: 'Đăng nhập',
    intro: 'Đăng nhập bằng tài khoản cán bộ được cơ quan cấp.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    showPassword: 'Hiện hoặc ẩn mật khẩu',
    submit: 'Đăng nhập',
    remainingAttempts_one: 'Còn {{count}} lần thử trước khi tài khoản bị tạm khoá.',
    remainingAttempts_other: 'Còn {{count}} lần thử trước khi tài khoản bị tạm khoá.',
    lockPolicy: 'Sau 5 lần nhập sai liên tiếp, tài khoản bị tạm khoá 15 phút.',
    lockedUntil: 'Tài khoản sẽ được mở khoá lúc {{time}}.',
  },
  home: {
    title: 'Trang chủ',
    welcome: 'Chào mừng đến với CPĐT',
    greeting: 'Xin chào, {{name}}',
    intro:
      'Nền tảng Chính phủ điện tử dùng chung: họp Chính phủ không giấy, liên thông văn bản điện tử và dịch vụ công trực tuyến.',
    modules: 'Các phân hệ',
    open: 'Mở {{module}}',
    underConstruction: 'Đang xây dựng',
    available: 'Đang hoạt động',
    health: 'Tình trạng hệ thống',
    healthOk: 'Hoạt động bình thường',
    healthDegraded: 'Suy giảm — cơ sở dữ liệu không phản hồi',
    healthUnknown: 'Không kiểm tra được',
    database: 'Cơ sở dữ liệu: {{kind}}',
    signInHint: 'Đăng nhập để sử dụng các chức năng dành cho cán bộ.',
  },
  modules: {
    cabinet: 'Phiên họp, tài liệu, biểu quyết điện tử, phiếu lấy ý kiến, kết luận và nhiệm vụ.',
    exchange: 'Gửi, nhận văn bản điện tử qua Trục liên thông văn bản quốc gia (gói tin edXML).',
    portal: 'Danh mục thủ tục hành chính, tiếp nhận và giải quyết hồ sơ một cửa điện tử.',
    admin: 'Hộp thư đi, công việc nền và các thiết lập của hệ thống.',
  },
  comingSoon: {
    badge: 'Đang xây dựng',
    text: 'Phân hệ này đang được xây dựng và sẽ có trong các phiên bản tới. Hiện chưa có chức năng nào ở đây.',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    text: 'Địa chỉ bạn mở không tồn tại hoặc đã được chuyển đi.',
  },
  forbidden: {
    title: 'Không có quyền truy cập',
    text: 'Tài khoản của bạn chưa được cấp quyền xem trang này. Hãy liên hệ quản trị viên nếu cần.',
  },
  errors: {
    network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    unexpected: 'Đã xảy ra lỗi không mong muốn.',
    requestId: 'Mã yêu cầu: {{id}}',
  },
  channel: {
    label: 'Kênh',
    email: 'Thư điện tử',
    sms: 'SMS',
    inapp: 'Trong ứng dụng',
  },
  outbox: {
    title: 'Hộp thư đi',
    intro: 'Mọi thư điện tử, tin nhắn SMS và thông báo trong ứng dụng mà hệ thống gửi đi.',
    filters: 'Bộ lọc',
    state: 'Trạng thái',
    recipient: 'Người nhận',
    subject: 'Tiêu đề',
    attempts: 'Số lần gửi',
    time: 'Thời gian',
    createdAt: 'Tạo lúc',
    sentAt: 'Gửi lúc',
    template: 'Mẫu',
    lastError: 'Lỗi gần nhất',
    body: 'Nội dung',
    noAddress: '(không có địa chỉ)',
    noSubject: '(không có tiêu đề)',
    empty: 'Không có thư nào khớp bộ lọc.',
    listLabel: 'Danh sách thư',
    states: {
      queued: 'Đang chờ',
      sending: 'Đang gửi',
      sent: 'Đã gửi',
      failed: 'Thất bại',
      outbox: 'Lưu tại hộp thư đi',
    },
    sendTest: 'Gửi thư thử',
    sendTestTitle: 'Gửi thư thử cho chính bạn',
    sendTestIntro:
      'Hệ thống gửi một thông báo thử tới địa chỉ của tài khoản đang đăng nhập qua các kênh đã chọn.',
    channels: 'Kênh gửi',
    send: 'Gửi',
    cancel: 'Huỷ',
    sent: 'Đã gửi thư thử. Thư sẽ xuất hiện trong danh sách sau giây lát.',
    pickChannel: 'Chọn ít nhất một kênh.',
  },
  jobs: {
    title: 'Công việc nền',
    intro: 'Hàng đợi công việc bền vững: nhắc hạn, gửi thư, chuyển văn bản, thử lại khi lỗi.',
    counts: 'Thống kê theo trạng thái',
    state: 'Trạng thái',
    queue: 'Hàng đợi',
    attempts: 'Lần chạy',
    attemptsValue: '{{attempts}}/{{max}}',
    runAt: 'Chạy lúc',
    createdAt: 'Tạo lúc',
    finishedAt: 'Kết thúc lúc',
    lastError: 'Lỗi gần nhất',
    empty: 'Không có công việc nào.',
    retry: 'Chạy lại',
    retryJob: 'Chạy lại công việc số {{id}}',
    retried: 'Đã đưa công việc số {{id}} trở lại hàng đợi.',
    listLabel: 'Danh sách công việc',
    jobId: 'Công việc số {{id}}',
    states: {
      queued: 'Đang chờ',
      running: 'Đang chạy',
      done: 'Hoàn thành',
      dead: 'Thất bại',
    },
  },
  agencies: agenciesVi,
  people: peopleVi,
  oidc: oidcVi,
  certificates: certificatesVi,
  eid: eidVi,
  mfa: mfaVi,
  cabinet: cabinetVi,
  cabinetPapers: cabinetPapersVi,
  cabinetViewer: cabinetViewerVi,
  cabinetDiscussion: cabinetDiscussionVi,
  cabinetLive: cabinetLiveVi,
  cabinetFollowUp: cabinetFollowUpVi,
  cabinetInsights: cabinetInsightsVi,
  signing: signingVi,
  cabinetBallots: cabinetBallotsVi,
  cabinetPolls: cabinetPollsVi,
  exchange: exchangeVi,
};

/** The shape every language must fill in. */
export type Messages = Shape<typeof vi>;
