import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { InlineSourceHashes } from './inline-sources';

const NO_INLINE: InlineSourceHashes = { scripts: [], styles: [] };

/**
 * The usual security headers, and a CSP that allows no inline script but the app shell's own,
 * by hash (`inline-sources.ts`): everything else the page runs comes from Sésame's own origin.
 * Every `/api` answer is `no-store`, errors included: this runs before the other middleware, so
 * refusals by them, `notFound` and `onError` get it as well.
 */
export function securityHeaders(origin: string, inline: () => InlineSourceHashes = () => NO_INLINE): MiddlewareHandler {
  // Built again only when the document's inline sources change (a new deployment).
  const first = inline();
  let built = { for: first, headers: standardHeaders(origin, first) };
  return async (c, next) => {
    const current = inline();
    if (current !== built.for) built = { for: current, headers: standardHeaders(origin, current) };
    await built.headers(c, next);
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  };
}

function standardHeaders(origin: string, inline: InlineSourceHashes) {
  const https = origin.startsWith('https:');
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...inline.scripts],
      styleSrc: ["'self'", ...inline.styles],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      manifestSrc: ["'self'"],
      workerSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
}
