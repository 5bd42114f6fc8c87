import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { representationHeaders } from './static-representation';

export const clientDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/client');

/**
 * Serves the built PWA. Hashed assets are cached for a year; the document, service worker and
 * manifest are revalidated (by ETag) so that a new deployment reaches users. Text files go out
 * as the build precompressed them (`scripts/precompress-client.ts`): Brotli or gzip, whichever
 * the browser accepts, a phone on a slow network gets the first screen in a third of the bytes.
 * Any other path without a file extension is a screen of the app, answered with the app shell.
 */
export function staticClient(root = clientDist) {
  const app = new Hono<AppEnv>();
  if (!existsSync(root)) return app;
  // 304s keep their caching headers: a revalidated document stays "no-cache", an asset immutable.
  const cacheable = (status: number) => (status >= 200 && status < 300) || status === 304;
  app.use('/assets/*', async (c, next) => {
    await next();
    if (cacheable(c.res.status)) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    if (cacheable(c.res.status) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  const served = representationHeaders();
  app.use('*', served.middleware);
  app.get('*', serveStatic({ root, precompressed: true, onFound: served.onFound }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return serveStatic({ root, path: 'index.html', precompressed: true, onFound: served.onFound })(c, next);
  });
  return app;
}

export function hasBuiltClient(root = clientDist): boolean {
  return existsSync(join(root, 'index.html'));
}
