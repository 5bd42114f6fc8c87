import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/**
 * The caller's address, for the per-address cap and the session record. Behind one reverse
 * proxy (SESAME_TRUST_PROXY=1) it is the last X-Forwarded-For entry: the one that proxy added.
 */
export function clientIp(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let ip: string | undefined;
    if (trustProxy) {
      ip = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    }
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address;
      } catch {
        // Requests made in-process (tests, app.request) have no socket.
      }
    }
    c.set('clientIp', (ip ?? 'unknown').slice(0, 64));
    await next();
  };
}
