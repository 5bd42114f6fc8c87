/**
 * Every error the API returns is `{ error: ErrorCode, message }`; the message is in the
 * caller's language, the code is what programs (and the client's own translations) rely on.
 */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_credentials',
  'locked',
  'rate_limited',
  'unauthenticated',
  'restricted_session',
  'forbidden_origin',
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
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: unknown }).error === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
