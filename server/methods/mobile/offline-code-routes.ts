import { Hono } from 'hono';
import { offlineCodeRequest } from '../../../shared/mobile-sign-in-schemas';
import { completeSignIn } from '../../auth/complete-sign-in';
import { lockedResponse } from '../../auth/locked-response';
import { apiError } from '../../http/api-error';
import type { AppEnv } from '../../http/app-env';
import { requestContext } from '../../http/request-context';
import { validateJson } from '../../http/validate-json';
import type { Services } from '../../services';

/** POST /api/auth/mobile/code: the user ID, the offline code and the purpose; a session, or why not. */
export function offlineCodeRoutes(services: Services) {
  const { offlineCodeSignIn, now } = services;
  return new Hono<AppEnv>().post('/', validateJson(offlineCodeRequest), async (c) => {
    const { userId, code, purpose } = c.req.valid('json');
    const result = await offlineCodeSignIn.signIn({ userId, code, purpose, context: requestContext(c) });
    if (!result.ok) {
      if (result.reason === 'invalid_code') return apiError(c, 401, 'invalid_code');
      return lockedResponse(c, result, now);
    }
    return completeSignIn(c, services, result.proof);
  });
}
