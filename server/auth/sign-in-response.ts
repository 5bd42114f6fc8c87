/**
 * What every sign-in method answers, whichever proved who the employee is: a refusal with its
 * lock time, or a new session (a new id every time; the browser's previous session ends) at
 * the level the employee's situation calls for.
 */
import type { Context } from 'hono';
import type { SignInResponse } from '../../shared/api-schemas';
import type { MethodId } from '../../shared/methods';
import type { AuditDetails } from '../audit/audit-event';
import type { Clock } from '../clock';
import type { Employee } from '../directory/directory';
import { apiError, lockedFor } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { toAccess } from '../profile/profile';
import { readSessionCookie, writeSessionCookie } from '../sessions/session-cookie';
import type { SessionService } from '../sessions/session-service';
import { levelAfterSignIn, type SignInPurpose } from './sign-in-level';

/** 429 with Retry-After, for a method or address that is locked. */
export function lockedResponse(c: Context<AppEnv>, refusal: { reason: 'locked' | 'rate_limited'; until: Date }, now: Clock) {
  const lock = lockedFor(refusal.until, now());
  c.header('Retry-After', String(lock.retryAfterSeconds));
  return apiError(c, 429, refusal.reason, lock);
}

export async function sessionResponse(
  c: Context<AppEnv>,
  sessions: SessionService,
  signIn: { employee: Employee; method: MethodId; purpose: SignInPurpose; resets: string; details?: AuditDetails },
) {
  const level = levelAfterSignIn(signIn.employee, signIn.purpose);
  const started = await sessions.start({
    employeeId: signIn.employee.id,
    method: signIn.method,
    level,
    context: requestContext(c),
    replaces: readSessionCookie(c),
    resets: signIn.resets,
    audit: signIn.details ? { details: signIn.details } : undefined,
  });
  writeSessionCookie(c, started.token, started.expiresAt);
  const body: SignInResponse = {
    access: toAccess({ level: level.level, levelReason: level.reason ?? null, levelExpiresAt: started.levelExpiresAt }),
  };
  return c.json(body, 200);
}
