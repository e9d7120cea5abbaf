import { Permissions } from './policy.js';

type PermissionName = (typeof Permissions)[keyof typeof Permissions];

export interface PermissionInfo {
  name: string;
  /** The part of the platform it belongs to, for grouping on screen: platform, identity, … */
  area: string;
  vi: string;
  en: string;
}

/**
 * What each permission lets its holder do, in both languages. Keyed by every value of Permissions, so a
 * permission added to policy.ts without a description here does not compile.
 */
const DESCRIPTIONS: Record<PermissionName, { vi: string; en: string }> = {
  [Permissions.adminJobs]: {
    vi: 'Xem và chạy lại công việc nền',
    en: 'See and retry background jobs',
  },
  [Permissions.adminOutbox]: {
    vi: 'Đọc hộp thư đi (thư điện tử, SMS đã gửi)',
    en: 'Read the outbox (e-mails and SMS sent)',
  },
  [Permissions.adminCalendar]: {
    vi: 'Quản lý lịch ngày làm việc, ngày nghỉ',
    en: 'Manage the working-day calendar',
  },
  [Permissions.adminAudit]: {
    vi: 'Xem nhật ký kiểm toán',
    en: 'Read the audit log',
  },
  [Permissions.adminBackup]: {
    vi: 'Sao lưu dữ liệu',
    en: 'Run backups',
  },
  [Permissions.manageAgencies]: {
    vi: 'Thêm, đổi tên, sáp nhập, giải thể cơ quan',
    en: 'Create, rename, merge and retire agencies',
  },
  [Permissions.manageDocuments]: {
    vi: 'Văn thư: vào sổ, chuyển xử lý, từ chối văn bản đến; soạn, gửi, thu hồi văn bản đi (trong phạm vi cơ quan)',
    en: 'Documents office: register, assign and refuse incoming documents; compose, send and recall outgoing ones (within the agency)',
  },
  [Permissions.manageHub]: {
    vi: 'Quản trị trục liên thông: hệ thống kết nối, khoá xác thực, giới hạn, lưu lượng và lỗi',
    en: 'Run the exchange hub: connected systems, credentials, limits, traffic and failures',
  },
  [Permissions.managePeople]: {
    vi: 'Quản lý người dùng, chức vụ, vai trò, uỷ quyền; mở khoá tài khoản (trong phạm vi cơ quan)',
    en: 'Manage people, posts, roles and delegations; unlock accounts (within the agency)',
  },
  [Permissions.manageRoles]: {
    vi: 'Định nghĩa vai trò và các quyền của vai trò',
    en: 'Define roles and the permissions they grant',
  },
  [Permissions.manageOidcClients]: {
    vi: 'Đăng ký ứng dụng đăng nhập qua CPĐT (OpenID Connect)',
    en: 'Register the systems that sign in through CPĐT (OpenID Connect)',
  },
  [Permissions.manageMeetings]: {
    vi: 'Chuẩn bị phiên họp của cơ quan: thành phần, chương trình, tài liệu, giấy mời',
    en: "Prepare the agency's meetings: participants, agenda, papers, invitations",
  },
  [Permissions.followTasks]: {
    vi: 'Theo dõi, đôn đốc nhiệm vụ trong thông báo kết luận (trong phạm vi cơ quan)',
    en: 'Follow up the tasks of conclusion notices (within the agency)',
  },
  [Permissions.manageBodies]: {
    vi: 'Quản lý tập thể họp (Chính phủ, UBND…), thành viên và quy chế họp',
    en: 'Manage meeting bodies (the Government, People’s Committees…), their members and rule profiles',
  },
  [Permissions.prepareBallots]: {
    vi: 'Soạn, gửi, gia hạn, thu hồi và kết thúc phiếu lấy ý kiến thành viên (trong phạm vi cơ quan)',
    en: 'Draft, send, extend, recall and close written opinion ballots (within the agency)',
  },
  [Permissions.approveBallots]: {
    vi: 'Phê duyệt phiếu lấy ý kiến do người khác soạn trước khi gửi (lãnh đạo Văn phòng)',
    en: 'Approve a ballot drafted by someone else before it is sent (office leader)',
  },
  [Permissions.allAgencies]: {
    vi: 'Phạm vi toàn hệ thống: các quyền quản lý áp dụng cho mọi cơ quan',
    en: 'Whole-system scope: management permissions reach every agency',
  },
};

export const KNOWN_PERMISSIONS: readonly PermissionInfo[] = Object.values(Permissions)
  .map((name) => ({ name, area: name.split('.')[0]!, ...DESCRIPTIONS[name] }))
  .sort((a, b) => a.area.localeCompare(b.area) || a.name.localeCompare(b.name));

const KNOWN = new Set<string>(KNOWN_PERMISSIONS.map((p) => p.name));

export function isKnownPermission(name: string): boolean {
  return KNOWN.has(name);
}

export const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
export const ROLE_NAME_MAX = 100;

export interface RoleView {
  code: string;
  nameVi: string;
  nameEn: string;
  permissions: string[];
  requiresMfa: boolean;
  builtin: boolean;
  holders: number;
}
