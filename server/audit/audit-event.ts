/**
 * The security events the audit trail records. Details carry context (the method, the number
 * of questions answered), never a secret: no password, answer, token or hash.
 */
export const AUDIT_EVENT_TYPES = [
  'sign_in',
  'lockout',
  'log_out',
  'questions_enrolled',
  'password_changed',
  'password_reset',
  'reauthenticated',
  'device_added',
  'device_renamed',
  'device_removed',
  'enrolment_link_created',
  'enrolment_link_used',
  'sign_in_approved',
  'sign_in_approval_failed',
  'sign_in_reported',
  'account_attached',
  'account_attach_failed',
  'account_detached',
  'account_sync_retried',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
export type AuditOutcome = 'success' | 'failure' | 'locked' | 'rate_limited';
export type AuditDetails = Record<string, string | number | boolean | null>;
