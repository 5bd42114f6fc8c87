import { Hono } from 'hono';
import { passkeySignInRequest, type PasskeyOptionsResponse } from '../../../shared/mobile-sign-in-schemas';
import { completeSignIn } from '../../auth/complete-sign-in';
import { apiError } from '../../http/api-error';
import type { AppEnv } from '../../http/app-env';
import { requestContext } from '../../http/request-context';
import { validateJson } from '../../http/validate-json';
import type { Services } from '../../services';

/** POST /api/auth/passkey/options, then /verify with the assertion: a full session for the passkey's employee. */
export function passkeySignInRoutes(services: Services) {
  const { passkeySignIn } = services;
  return new Hono<AppEnv>()
    .post('/options', async (c) => {
      // The library's JSON type, as the shared response type names it (shared/ does not import the server's library).
      const body: PasskeyOptionsResponse = { options: (await passkeySignIn.options()) as unknown as PasskeyOptionsResponse['options'] };
      return c.json(body, 200);
    })
    .post('/verify', validateJson(passkeySignInRequest), async (c) => {
      const result = await passkeySignIn.verify({ assertion: c.req.valid('json').assertion, context: requestContext(c) });
      // A removed phone is told so, as its app's other requests are (`device_unknown`); anything else is one refusal.
      if (!result.ok) return apiError(c, 401, result.reason === 'unknown_credential' ? 'device_unknown' : 'passkey_not_verified');
      return completeSignIn(c, services, result.proof);
    });
}
