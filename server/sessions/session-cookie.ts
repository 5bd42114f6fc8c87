import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The session cookie: `__Host-` prefixed (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax.
 * Browsers accept Secure cookies from http://localhost; anywhere else Sésame is served over HTTPS.
 */
const NAME = 'sesame_session';

export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, NAME, 'host');
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function writeSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, NAME, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, NAME, { prefix: 'host', secure: true, path: '/' });
}
