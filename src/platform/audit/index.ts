export {
  audit,
  auditFailure,
  auditedTransaction,
  verifyAuditChain,
  SYSTEM_CONTEXT,
  type AuditContext,
  type AuditEntry,
} from './audit.js';
export { auditLog } from './schema.js';
