import { defineErrors } from '../../platform/errors/index.js';

/** Codes of the OpenID provider and of the registry of its clients (the systems signing in through CPĐT). */
export const OidcErrors = defineErrors({
  IDENTITY_OIDC_CLIENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy ứng dụng liên kết.',
    en: 'The connected system was not found.',
  },
  IDENTITY_OIDC_CLIENT_INVALID: {
    status: 400,
    vi: 'Thông tin ứng dụng liên kết không hợp lệ (tên, loại ứng dụng hoặc số lượng địa chỉ).',
    en: 'The connected system data is invalid (name, type or number of addresses).',
  },
  IDENTITY_OIDC_REDIRECT_URI_INVALID: {
    status: 400,
    vi: 'Địa chỉ chuyển hướng không hợp lệ: phải là địa chỉ https đầy đủ (http chỉ dùng cho localhost hoặc 127.0.0.1), không chứa phần #.',
    en: 'Invalid redirect address: it must be a full https URL (http only for localhost or 127.0.0.1), without a # fragment.',
  },
  IDENTITY_OIDC_AGENCY_INVALID: {
    status: 400,
    vi: 'Cơ quan quản lý ứng dụng không tồn tại, đã giải thể hoặc nằm ngoài phạm vi quản lý của bạn.',
    en: 'The owning agency does not exist, is retired, or is outside the agencies you manage.',
  },
  IDENTITY_OIDC_CLIENT_PUBLIC: {
    status: 409,
    vi: 'Ứng dụng công khai (ứng dụng trình duyệt, di động) không có khoá bí mật.',
    en: 'A public client (browser or mobile app) has no secret.',
  },
  IDENTITY_OIDC_INTERACTION_EXPIRED: {
    status: 400,
    vi: 'Yêu cầu đăng nhập từ hệ thống liên kết đã hết hạn hoặc không còn hiệu lực. Hãy quay lại hệ thống đó và đăng nhập lại.',
    en: 'The sign-in request from the connected system has expired or is no longer valid. Go back to that system and sign in again.',
  },
});
