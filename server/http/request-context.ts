import type { Context } from 'hono';
import type { RequestContext } from '../audit/audit-trail';
import type { AppEnv } from './app-env';

/** The caller's address and user agent, as the audit trail and sessions record them. */
export function requestContext(c: Context<AppEnv>): RequestContext {
  return { ip: c.get('clientIp'), userAgent: c.req.header('user-agent') ?? '' };
}
