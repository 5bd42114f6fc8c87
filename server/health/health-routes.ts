import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { Services } from '../services';

const READY_TIMEOUT_MS = 2000;

/** `/healthz`: the process answers. `/readyz`: and its database does too. */
export function healthRoutes({ store, log }: Services) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' as const }, 200))
    .get('/readyz', async (c) => {
      try {
        await Promise.race([
          store.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('database ping timed out')), READY_TIMEOUT_MS).unref()),
        ]);
        return c.json({ status: 'ready' as const }, 200);
      } catch (error) {
        log.warn({ err: error }, 'readiness check failed');
        return c.json({ status: 'unavailable' as const }, 503);
      }
    });
}
