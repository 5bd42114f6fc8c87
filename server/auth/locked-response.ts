import type { Context } from 'hono';
import type { Clock } from '../clock';
import { apiError, lockedFor } from '../http/api-error';
import type { AppEnv } from '../http/app-env';

/** 429 with Retry-After, for a method or address that is locked. */
export function lockedResponse(c: Context<AppEnv>, refusal: { reason: 'locked' | 'rate_limited'; until: Date }, now: Clock) {
  const lock = lockedFor(refusal.until, now());
  c.header('Retry-After', String(lock.retryAfterSeconds));
  return apiError(c, 429, refusal.reason, lock);
}
