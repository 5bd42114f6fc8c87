import { Hono } from 'hono';
import {
  identifyRequest,
  reauthenticateRequest,
  type MethodsResponse,
  type SessionResponse,
  type ReauthenticateResponse,
} from '../../shared/api-schemas';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { toAccess, toProfile } from '../profile/profile';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { clearSessionCookie, issueSessionCookie, readSessionCookie } from '../sessions/session-cookie';
import { lockedResponse } from './locked-response';

/**
 * Identify, ask whether this browser is signed in, confirm one's identity again (the password,
 * before a proof changes: reauthentication.ts), log out. Each method's own sign-in routes
 * live with the method (server/methods/<id>/) and mount through the method registry.
 */
export function authRoutes({ methods, sessions, reauthentication, now }: Services) {
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
        ? {
            signedIn: true,
            profile: toProfile(signedIn),
            access: toAccess(signedIn.session),
            recentProofUntil: sessions.recentProofUntil(signedIn.session)?.toISOString() ?? null,
          }
        : { signedIn: false };
      return c.json(body, 200);
    })
    .post('/reauthenticate', requireSession(sessions, { area: 'profile' }), validateJson(reauthenticateRequest), async (c) => {
      const result = await reauthentication.confirm({
        signedIn: c.get('signedIn'),
        password: c.req.valid('json').password,
        context: requestContext(c),
      });
      if (!result.ok) {
        if (result.reason === 'invalid_credentials') return apiError(c, 401, 'invalid_credentials', { ...result.warning });
        return lockedResponse(c, result, now);
      }
      issueSessionCookie(c, result.started);
      const body: ReauthenticateResponse = {
        access: toAccess(c.get('signedIn').session),
        recentProofUntil: result.started.recentProofUntil?.toISOString() ?? null,
      };
      return c.json(body, 200);
    })
    .post('/logout', async (c) => {
      const token = readSessionCookie(c);
      if (token) await sessions.end(token, requestContext(c));
      clearSessionCookie(c);
      return c.body(null, 204);
    });
}
