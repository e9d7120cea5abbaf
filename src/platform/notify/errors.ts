import { defineErrors } from '../errors/index.js';

/** Codes the notification service raises; the caller's transaction rolls back and nothing is stored. */
export const NotifyErrors = defineErrors({
  NOTIFY_UNKNOWN_TEMPLATE: {
    status: 400,
    vi: 'Mẫu thông báo không tồn tại.',
    en: 'The notification template does not exist.',
  },
  NOTIFY_TEMPLATE_PARAMS_INVALID: {
    status: 400,
    vi: 'Tham số của mẫu thông báo không hợp lệ.',
    en: 'The notification template parameters are invalid.',
  },
  NOTIFY_NO_CHANNEL: {
    status: 400,
    vi: 'Cần chọn ít nhất một kênh gửi (thư điện tử, tin nhắn, trong ứng dụng).',
    en: 'Choose at least one channel (e-mail, SMS, in-app).',
  },
  NOTIFY_NO_RECIPIENT: {
    status: 400,
    vi: 'Thông báo chưa có người nhận.',
    en: 'The notification has no recipient.',
  },
  NOTIFY_RECIPIENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy người nhận thông báo.',
    en: 'The notification recipient was not found.',
  },
  NOTIFY_INAPP_NEEDS_PERSON: {
    status: 400,
    vi: 'Thông báo trong ứng dụng chỉ gửi được cho người dùng của hệ thống.',
    en: 'In-app notifications can only be sent to a person with an account.',
  },
  NOTIFY_BAD_ADDRESS: {
    status: 400,
    vi: 'Địa chỉ thư điện tử hoặc số điện thoại không hợp lệ.',
    en: 'The e-mail address or phone number is invalid.',
  },
  NOTIFY_NO_ADDRESS: {
    status: 422,
    vi: 'Người nhận chưa có địa chỉ cho kênh gửi này.',
    en: 'The recipient has no address for this channel.',
  },
  NOTIFY_UPGRADE_REQUIRED: {
    status: 426,
    vi: 'Địa chỉ này chỉ nhận kết nối WebSocket.',
    en: 'This address only accepts WebSocket connections.',
  },
  NOTIFY_BAD_ATTACHMENT: {
    status: 400,
    vi: 'Tệp đính kèm không hợp lệ hoặc quá lớn.',
    en: 'An attachment is invalid or too large.',
  },
});
