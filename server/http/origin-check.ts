import type { MiddlewareHandler } from 'hono';
import { apiError } from './api-error';
import type { AppEnv } from './app-env';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every state-changing request whose Origin is not Sésame's own: browsers always send
 * Origin on such requests, so a page elsewhere cannot sign people in or out through theirs.
 */
export function originCheck(origin: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && c.req.header('origin') !== origin) {
      return apiError(c, 403, 'forbidden_origin');
    }
    await next();
  };
}
