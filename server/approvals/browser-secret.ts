/**
 * The waiting browser's own secret: only the browser that started a "Mobile device" sign-in can
 * be signed in by its approval. 256 random bits in a `__Host-` cookie (HttpOnly, Secure,
 * SameSite=Strict, for the request's lifetime); the database keeps its SHA-256 and finds the
 * request by it, so the waiting screen's requests carry no id an onlooker could reuse.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** With hono's `host` prefix: `__Host-sesame-approval`. */
const NAME = 'sesame-approval';

export function newBrowserSecret(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashBrowserSecret(token) };
}

export function hashBrowserSecret(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function readBrowserSecret(c: Context): string | undefined {
  const value = getCookie(c, NAME, 'host');
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function issueBrowserSecret(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, NAME, token, { prefix: 'host', httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: maxAgeSeconds });
}

export function clearBrowserSecret(c: Context): void {
  deleteCookie(c, NAME, { prefix: 'host', secure: true, path: '/' });
}
