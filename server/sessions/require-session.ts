import type { MiddlewareHandler } from 'hono';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import type { SessionService } from './session-service';

/** Lets the request through only with a live session; the employee is then `c.var.signedIn`. */
export function requireSession(sessions: SessionService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const signedIn = token ? await sessions.resolve(token) : null;
    if (!signedIn) {
      if (token) clearSessionCookie(c);
      return apiError(c, 401, 'unauthenticated');
    }
    c.set('signedIn', signedIn);
    await next();
  };
}
