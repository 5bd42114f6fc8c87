import { Hono } from 'hono';
import { identifyRequest, passwordSignInRequest, type MethodsResponse, type SessionResponse } from '../../shared/api-schemas';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { offeredMethods } from '../methods/offered-methods';
import { toAccess, toProfile } from '../profile/profile';
import { lockedResponse, sessionResponse } from './sign-in-response';
import type { Services } from '../services';
import { clearSessionCookie, readSessionCookie } from '../sessions/session-cookie';

/** Identify, sign in with a method, ask whether this browser is signed in, log out. */
export function authRoutes({ passwordSignIn, sessions, now }: Services) {
  return new Hono<AppEnv>()
    .post('/identify', validateJson(identifyRequest), (c) => {
      const body: MethodsResponse = { methods: offeredMethods() };
      return c.json(body, 200);
    })
    .post('/password', validateJson(passwordSignInRequest), async (c) => {
      const { userId, password } = c.req.valid('json');
      const context = requestContext(c);
      const result = await passwordSignIn.signIn({ userId, password, context });
      if (!result.ok) {
        if (result.reason === 'invalid_credentials') return apiError(c, 401, 'invalid_credentials');
        return lockedResponse(c, result, now);
      }
      return sessionResponse(c, sessions, { employee: result.employee, method: 'password', purpose: 'sign-in', resets: result.resets });
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
