/**
 * Every error the API returns is `{ error: ErrorCode, message }`; the message is in the
 * caller's language, the code is what programs (and the client's own translations) rely on.
 */
import type { AnswerProblem } from './answer-rules';
import type { PasswordRuleId } from './password-policy';
import type { RefusalKind } from './refusal-kinds';

export const ERROR_CODES = [
  'invalid_request',
  'invalid_credentials',
  'wrong_answers',
  'invalid_answers',
  'password_policy',
  'password_refused',
  'directory_unavailable',
  'locked',
  'rate_limited',
  'unauthenticated',
  'restricted_session',
  'reauthentication_required',
  'forbidden',
  'forbidden_origin',
  'device_unknown',
  'passkey_not_verified',
  'invalid_code',
  'enrolment_link_unknown',
  'enrolment_link_used',
  'enrolment_link_expired',
  'enrolment_link_replaced',
  'approval_limit',
  'attach_locked',
  'sync_not_failed',
  'approval_closed',
  'approval_not_ready',
  'wrong_number',
  'too_many_wrong_numbers',
  'payload_too_large',
  'not_found',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  error: ErrorCode;
  message: string;
  /** Fields that failed validation, for `invalid_request`. */
  fields?: string[];
  /** Seconds until a lock or rate limit ends, for `locked` and `rate_limited`. */
  retryAfterSeconds?: number;
  /**
   * For `invalid_credentials` and `wrong_answers`, when few tries are left before the method
   * locks for this user ID (known or not: the same count): how many, and for how long it would lock.
   */
  attemptsLeft?: number;
  lockMinutes?: number;
  /** Which rows of a security-questions enrolment broke which rule, for `invalid_answers`. */
  problems?: AnswerProblem[];
  /** The rules a new password broke, for `password_policy` (shared/password-policy.ts). */
  failedRules?: PasswordRuleId[];
  /** Why the primary directory refused a new password, for `password_refused` (shared/refusal-kinds.ts). */
  refusal?: RefusalKind;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: unknown }).error === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
