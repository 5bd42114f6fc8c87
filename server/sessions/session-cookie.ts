import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { StartedSession } from './session-service';

/**
 * The session cookie: `__Host-` prefixed (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax.
 * Browsers accept Secure cookies from http://localhost; anywhere else Sésame is served over HTTPS.
 */
const NAME = 'sesame_session';

export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, NAME, 'host');
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * The one seam that gives a browser a session's token: a new sign-in (auth/complete-sign-in.ts)
 * and every change of level (a new password, an enrolment), which issues a new token.
 */
export function issueSessionCookie(c: Context, started: Pick<StartedSession, 'token' | 'expiresAt'>): void {
  setCookie(c, NAME, started.token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.max(0, Math.floor((started.expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, NAME, { prefix: 'host', secure: true, path: '/' });
}
