/**
 * The device credential: the long-lived cookie an enrolled phone's app holds. It identifies the
 * device so that the app can list and open the requests addressed to its employee — and nothing
 * else: it is never a session, and it never approves anything alone (an approval is a WebAuthn
 * assertion of the device's passkey). 256 random bits; the database keeps their SHA-256, so a
 * copy of the database opens nothing. Revoking the device (`revoked_at`) stops it at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Language } from '../../shared/languages';
import { findActiveDeviceByCredential, touchDevice } from '../db/queries/mobile-devices';
import { apiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import type { Services } from '../services';

/** With hono's `host` prefix: `__Host-sesame-device` (Secure, Path=/, no Domain). */
const NAME = 'sesame-device';
/** Browsers cap a cookie's lifetime at 400 days (RFC 6265bis); the device stays enrolled until removed. */
export const DEVICE_CREDENTIAL_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
/** "Last used" is written at most this often, not on every request of the app. */
const TOUCH_INTERVAL_MS = 60_000;

/** What `requireDevice` puts in `c.var.device`. */
export interface CurrentDevice {
  id: string;
  employeeId: string;
  name: string;
  language: Language;
}

export interface DeviceCredential {
  token: string;
  hash: string;
}

export function newDeviceCredential(): DeviceCredential {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashDeviceCredential(token) };
}

export function hashDeviceCredential(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function readDeviceCookie(c: Context): string | undefined {
  const value = getCookie(c, NAME, 'host');
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The one place that gives a browser its device credential: a completed enrolment. */
export function issueDeviceCookie(c: Context, token: string): void {
  setCookie(c, NAME, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    // Strict: the app on the phone is same-site; no other site's link or form ever carries it.
    sameSite: 'Strict',
    path: '/',
    maxAge: DEVICE_CREDENTIAL_MAX_AGE_SECONDS,
  });
}

export function clearDeviceCookie(c: Context): void {
  deleteCookie(c, NAME, { prefix: 'host', secure: true, path: '/' });
}

/**
 * Lets the request through only from an enrolled, unrevoked device, which is then `c.var.device`;
 * otherwise 401 `device_unknown` (and an unknown cookie is cleared). It opens no session.
 */
export function requireDevice({ store, now }: Pick<Services, 'store' | 'now'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readDeviceCookie(c);
    const row = token ? await findActiveDeviceByCredential(store, hashDeviceCredential(token)) : null;
    if (!row) {
      if (token) clearDeviceCookie(c);
      return apiError(c, 401, 'device_unknown');
    }
    const at = now();
    if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await store.write((w) => touchDevice(w, row.id, at));
    }
    c.set('device', { id: row.id, employeeId: row.employeeId, name: row.name, language: row.language });
    await next();
  };
}
