import type { MiddlewareHandler } from 'hono';
import { levelAdmits, type Area } from '../../shared/session-levels';
import type { Role } from '../directory/roles';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import type { SessionService } from './session-service';

export interface SessionRequirement {
  /** What the route is for; the session's level must admit it (`LEVEL_RULES` in shared/session-levels.ts). */
  area: Area;
  /** When given, the employee must hold at least one of these roles. */
  roles?: readonly Role[];
  /**
   * The route changes how the employee proves who they are (security questions, devices): a
   * session whose level asks for it needs a recent proof, else 403 `reauthentication_required`
   * (POST /api/auth/reauthenticate gives one).
   */
  recentProof?: boolean;
}

/**
 * Lets the request through only with a live session whose level admits `area` and, when the
 * route names roles, an employee who holds one of them: 401 `unauthenticated` without a session,
 * 403 `restricted_session` for a level limited to another step, 403 `forbidden` for a missing
 * role. Applied to each route (or a sub-app with its own prefix), so that no guard depends on
 * the order sub-apps are mounted. The employee is then `c.var.signedIn`.
 */
export function requireSession(sessions: SessionService, { area, roles, recentProof }: SessionRequirement): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const signedIn = token ? await sessions.resolve(token) : null;
    if (!signedIn) {
      if (token) clearSessionCookie(c);
      return apiError(c, 401, 'unauthenticated');
    }
    if (!levelAdmits(signedIn.session.level, area)) return apiError(c, 403, 'restricted_session');
    if (roles && !roles.some((role) => signedIn.employee.roles.includes(role))) return apiError(c, 403, 'forbidden');
    if (recentProof && !sessions.hasRecentProof(signedIn.session)) return apiError(c, 403, 'reauthentication_required');
    c.set('signedIn', signedIn);
    await next();
  };
}
