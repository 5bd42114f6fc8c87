/**
 * My Profile → "Attach other accounts" and "Your accounts", under /api/accounts, for a full session.
 */
import { Hono } from 'hono';
import { accountLinkParams, attachAccountsRequest } from '../../shared/account-schemas';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import { validateParam } from '../http/validate-param';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';

export function accountRoutes(services: Services) {
  const { sessions, accounts } = services;
  const signedIn = requireSession(sessions, { area: 'profile' });
  return new Hono<AppEnv>()
    .get('/', signedIn, async (c) => c.json(await accounts.list(c.get('signedIn').employee), 200))
    .post('/attach', signedIn, validateJson(attachAccountsRequest), async (c) => {
      const result = await accounts.attach(c.get('signedIn').employee, c.req.valid('json').rows, requestContext(c));
      if (!result.ok) {
        const seconds = Math.max(1, Math.ceil((result.until.getTime() - services.now().getTime()) / 1000));
        c.header('Retry-After', String(seconds));
        return apiError(c, 429, 'attach_locked', { retryAfterSeconds: seconds, minutes: Math.ceil(seconds / 60) });
      }
      return c.json(result.body, 200);
    })
    .delete('/:id', signedIn, validateParam(accountLinkParams), async (c) => {
      const detached = await accounts.detach(c.get('signedIn').employee, c.req.valid('param').id, requestContext(c));
      if (!detached) return apiError(c, 404, 'not_found');
      return c.body(null, 204);
    });
}
