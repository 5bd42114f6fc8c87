import { Hono } from 'hono';
import { passwordSignInRequest } from '../../../shared/api-schemas';
import { completeSignIn } from '../../auth/complete-sign-in';
import { lockedResponse } from '../../auth/locked-response';
import { apiError } from '../../http/api-error';
import type { AppEnv } from '../../http/app-env';
import { requestContext } from '../../http/request-context';
import { validateJson } from '../../http/validate-json';
import type { Services } from '../../services';

/** POST /api/auth/password: the user ID and password; a session, or why not. */
export function passwordSignInRoutes(services: Services) {
  const { passwordSignIn, now } = services;
  return new Hono<AppEnv>().post('/', validateJson(passwordSignInRequest), async (c) => {
    const { userId, password } = c.req.valid('json');
    const result = await passwordSignIn.signIn({ userId, password, context: requestContext(c) });
    if (!result.ok) {
      if (result.reason === 'invalid_credentials') return apiError(c, 401, 'invalid_credentials', { ...result.warning });
      return lockedResponse(c, result, now);
    }
    return completeSignIn(c, services, result.proof);
  });
}
