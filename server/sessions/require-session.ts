import type { MiddlewareHandler } from 'hono';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import type { SessionLevel } from './session-level';
import type { SessionService } from './session-service';

/**
 * Lets the request through only with a live session at one of `levels` (by default `full`:
 * a session limited to setting a password or enrolling cannot do anything else). The employee
 * is then `c.var.signedIn`.
 */
export function requireSession(sessions: SessionService, levels: readonly SessionLevel[] = ['full']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const signedIn = token ? await sessions.resolve(token) : null;
    if (!signedIn) {
      if (token) clearSessionCookie(c);
      return apiError(c, 401, 'unauthenticated');
    }
    if (!levels.includes(signedIn.session.level)) return apiError(c, 403, 'restricted_session');
    c.set('signedIn', signedIn);
    await next();
  };
}
