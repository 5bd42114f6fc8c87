import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/**
 * The text files that the build precompresses (`scripts/precompress-client.ts`), whose answer
 * therefore depends on Accept-Encoding. PNG icons are compressed already.
 */
export const PRECOMPRESSED = /\.(?:html|js|css|svg|webmanifest|json|txt)$/;

interface KnownFile {
  size: number;
  mtimeMs: number;
  etag: string;
}

function ifNoneMatchHas(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Validators for the files of the built app: a strong ETag per representation (the gzip, the
 * Brotli and the plain copy of a file are three), from the content rather than the clock so
 * that every instance of a deployment agrees, and `304 Not Modified` when the browser already
 * has it. `Vary: Accept-Encoding` on every compressible file, whichever copy it got, so that a
 * shared cache never hands Brotli to a browser that did not ask for it.
 */
export function representationHeaders() {
  const servedFile = new WeakMap<Request, string>();
  const known = new Map<string, KnownFile>();

  function etagOf(path: string): string {
    const { size, mtimeMs } = statSync(path);
    const cached = known.get(path);
    if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.etag;
    const etag = `"${createHash('sha256').update(readFileSync(path)).digest('base64url').slice(0, 27)}"`;
    known.set(path, { size, mtimeMs, etag });
    return etag;
  }

  const onFound = (path: string, c: Context<AppEnv>) => {
    servedFile.set(c.req.raw, path);
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const path = servedFile.get(c.req.raw);
    if (!path || c.res.status !== 200) return;
    const etag = etagOf(path);
    c.header('ETag', etag);
    if (PRECOMPRESSED.test(path.replace(/\.(?:br|gz)$/, '')) && !/accept-encoding/i.test(c.res.headers.get('Vary') ?? '')) {
      c.header('Vary', 'Accept-Encoding', { append: true });
    }
    if (!ifNoneMatchHas(c.req.header('If-None-Match'), etag)) return;
    await c.res.body?.cancel();
    // Hono carries the 200's headers over; a 304 has no body to describe.
    c.res = new Response(null, { status: 304 });
    c.res.headers.delete('Content-Length');
    c.res.headers.delete('Content-Encoding');
    c.res.headers.delete('Content-Type');
  };

  return { onFound, middleware };
}
