/**
 * The waiting browser's side of "Mobile device", under /api/auth/mobile: `start` opens a request
 * and gives this browser its secret cookie; `events` (SSE) and `status` (polling, when the stream
 * breaks) tell it the outcome; `collect` turns an approval into this browser's session through
 * `completeSignIn`. The last three find the request by the cookie alone.
 */
import { Hono } from 'hono';
import { mobileStartRequest, type MobileStartResponse, type MobileStatusResponse } from '../../shared/approval-schemas';
import { completeSignIn } from '../auth/complete-sign-in';
import { apiError, lockedFor } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestContext } from '../http/request-context';
import { validateJson } from '../http/validate-json';
import type { Services } from '../services';
import { COLLECT_GRACE_MS } from './approval-service';
import { approvalStream } from './approval-stream';
import { clearBrowserSecret, issueBrowserSecret, readBrowserSecret } from './browser-secret';

export function mobileSignInRoutes(services: Services) {
  const { approvals, now, config } = services;
  const waiting = async (token: string | undefined) => (token ? approvals.bySecret(token) : null);

  return new Hono<AppEnv>()
    .post('/start', validateJson(mobileStartRequest), async (c) => {
      const { userId, purpose } = c.req.valid('json');
      const result = await approvals.start({ userId, purpose, context: requestContext(c) });
      if (!result.ok) {
        const lock = lockedFor(result.until, now());
        c.header('Retry-After', String(lock.retryAfterSeconds));
        return apiError(c, 429, 'approval_limit', lock);
      }
      const { request } = result;
      issueBrowserSecret(c, result.browserToken, Math.ceil((config.approvals.ttlMs + COLLECT_GRACE_MS) / 1000));
      const body: MobileStartResponse = {
        requestId: request.id,
        number: request.number,
        expiresAt: request.expiresAt.toISOString(),
        secondsLeft: Math.ceil(config.approvals.ttlMs / 1000),
      };
      return c.json(body, 200);
    })
    .get('/status', async (c) => {
      const row = await waiting(readBrowserSecret(c));
      if (!row) return apiError(c, 404, 'not_found');
      const body: MobileStatusResponse = await approvals.waitingStatus(row.id);
      return c.json(body, 200);
    })
    .get('/events', async (c) => {
      const row = await waiting(readBrowserSecret(c));
      if (!row) return apiError(c, 404, 'not_found');
      return approvalStream(c, row.id, services);
    })
    .post('/collect', async (c) => {
      const token = readBrowserSecret(c);
      const result = token ? await approvals.collect(token) : ({ ok: false, reason: 'not_found' } as const);
      if (!result.ok) return result.reason === 'not_found' ? apiError(c, 404, 'not_found') : apiError(c, 409, 'approval_not_ready');
      clearBrowserSecret(c);
      return completeSignIn(c, services, result.proof);
    });
}
