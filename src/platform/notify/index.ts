export {
  Notifier,
  createNotifier,
  type SendInput,
  type Recipient,
  type SentNotification,
  type NotifierDeps,
} from './notify.service.js';
export {
  registerTemplate,
  getTemplate,
  templateKeys,
  renderTemplate,
  escapeHtml,
  textToHtml,
  PlatformTemplates,
  type Template,
  type MessageContent,
} from './templates.js';
export { notifyRoutes, type NotifyRouteOptions } from './notify.routes.js';
export { INAPP_EVENT, DELIVER_QUEUE, MAX_ATTEMPTS } from './delivery.js';
export { NotifyErrors } from './errors.js';
export {
  notifications,
  CHANNELS,
  NOTIFICATION_STATES,
  type Channel,
  type NotificationState,
  type NotificationRow,
  type StoredAttachment,
} from './schema.js';
export type { AttachmentInput } from './attachments.js';
export type { ContactResolver, PersonContact } from './contacts.js';
export type { Transport, OutgoingMessage, DeliveryReceipt } from './transport.js';
export { PermanentDeliveryError } from './transport.js';
export type { Transports } from './transports.js';
