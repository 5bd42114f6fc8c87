/**
 * My Profile → "Attach other accounts" and "Your accounts", under /api/accounts, for a full
 * session. `/events` follows the linked accounts' synchronisation as Server-Sent Events: a
 * status each time one changes, ending once none is pending (the page polls `/status` if the
 * stream breaks).
 */
import { Hono } from 'hono';
import { accountLinkParams, attachAccountsRequest, retrySyncRequest, syncInProgress } from '../../shared/account-schemas';
import { lockedResponse } from '../auth/locked-response';
import { apiError, lockedFor } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { statusStream } from '../http/status-stream';
import { validateJson } from '../http/validate-json';
import { validateParam } from '../http/validate-param';
import type { Services } from '../services';
import { requireSession } from '../sessions/require-session';
import { SYNC_CHANNEL } from './password-sync';

/** A stream with nothing to say still writes this often, so that proxies keep it open. */
const KEEP_ALIVE_MS = 20_000;

export function accountRoutes(services: Services) {
  const { sessions, accounts, syncRetry, store, stopping, log, now } = services;
  const signedIn = requireSession(sessions, { area: 'profile' });
  return new Hono<AppEnv>()
    .get('/', signedIn, async (c) => c.json(await accounts.list(c.get('signedIn').employee), 200))
    .get('/status', signedIn, async (c) => c.json(await accounts.links(c.get('signedIn').employee), 200))
    .get('/events', signedIn, async (c) => {
      const employee = c.get('signedIn').employee;
      return statusStream(
        c,
        {
          // An event only wakes us: the links are read again from the database.
          watch: (wake) =>
            store.events.subscribe(
              SYNC_CHANNEL,
              (payload) => {
                if ((payload as { employeeId?: string } | null)?.employeeId === employee.id) wake();
              },
              { onGap: wake },
            ),
          read: () => accounts.links(employee),
          encode: (state) => JSON.stringify(state),
          isFinal: (state) => !syncInProgress(state.accounts),
          changesInMs: () => null,
        },
        { keepAliveMs: KEEP_ALIVE_MS, stopping, onError: (error) => log.error({ err: error }, 'account sync event stream failed') },
      );
    })
    .post('/attach', signedIn, validateJson(attachAccountsRequest), async (c) => {
      const result = await accounts.attach(c.get('signedIn').employee, c.req.valid('json').rows, requestContext(c));
      if (!result.ok) {
        const lock = lockedFor(result.until, now());
        c.header('Retry-After', String(lock.retryAfterSeconds));
        return apiError(c, 429, 'attach_locked', lock);
      }
      return c.json(result.body, 200);
    })
    .post('/:id/retry', signedIn, validateParam(accountLinkParams), validateJson(retrySyncRequest), async (c) => {
      const result = await syncRetry.retry({
        signedIn: c.get('signedIn'),
        linkId: c.req.valid('param').id,
        password: c.req.valid('json').password,
        context: requestContext(c),
      });
      if (result.ok) return c.body(null, 204);
      switch (result.reason) {
        case 'not_found':
          return apiError(c, 404, 'not_found');
        case 'not_failed':
          return apiError(c, 409, 'sync_not_failed');
        case 'invalid_credentials':
          return apiError(c, 401, 'invalid_credentials');
        default:
          return lockedResponse(c, result, now);
      }
    })
    .delete('/:id', signedIn, validateParam(accountLinkParams), async (c) => {
      const detached = await accounts.detach(c.get('signedIn').employee, c.req.valid('param').id, requestContext(c));
      if (!detached) return apiError(c, 404, 'not_found');
      return c.body(null, 204);
    });
}
