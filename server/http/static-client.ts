import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from './app-env';

export const clientDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/client');

/**
 * Serves the built PWA. Hashed assets are cached for a year; the document, service worker and
 * manifest are revalidated so that a new deployment reaches users. Any other path without a
 * file extension is a screen of the app, answered with the app shell.
 */
export function staticClient(root = clientDist) {
  const app = new Hono<AppEnv>();
  if (!existsSync(root)) return app;
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    if (c.res.ok && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  app.get('*', serveStatic({ root }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return serveStatic({ root, path: 'index.html' })(c, next);
  });
  return app;
}

export function hasBuiltClient(root = clientDist): boolean {
  return existsSync(join(root, 'index.html'));
}
