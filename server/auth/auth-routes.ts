import { Hono } from 'hono';
import { identifyRequest, type MethodsResponse, type SessionResponse } from '../../shared/api-schemas';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { toAccess, toProfile } from '../profile/profile';
import type { Services } from '../services';
import { clearSessionCookie, readSessionCookie } from '../sessions/session-cookie';

/**
 * Identify, ask whether this browser is signed in, log out. Each method's own sign-in routes
 * live with the method (server/methods/<id>/) and mount through the method registry.
 */
export function authRoutes({ methods, sessions }: Services) {
  return new Hono<AppEnv>()
    .post('/identify', validateJson(identifyRequest), (c) => {
      const body: MethodsResponse = { methods: methods.offered() };
      return c.json(body, 200);
    })
    .get('/session', async (c) => {
      const token = readSessionCookie(c);
      const signedIn = token ? await sessions.resolve(token) : null;
      if (token && !signedIn) clearSessionCookie(c);
      const body: SessionResponse = signedIn
        ? { signedIn: true, profile: toProfile(signedIn), access: toAccess(signedIn.session) }
        : { signedIn: false };
      return c.json(body, 200);
    })
    .post('/logout', async (c) => {
      const token = readSessionCookie(c);
      if (token) await sessions.end(token, requestContext(c));
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}
