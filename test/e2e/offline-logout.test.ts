/**
 * Log out while offline (issue 7, item 6): the session is forgotten on this device at once, the
 * screen says the server has not been told yet, and the server is told as soon as the network
 * is back — by the open page, or by the next one to open — so that a reload never shows the
 * previous person's profile and the old cookie stops working.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO, EN, heading, openSignIn, setUpSuite, signInWithPassword, waitForServiceWorkerControl, withPage } from './harness';

const DISCONNECTED = /net::ERR_INTERNET_DISCONNECTED/;
const LOGGED_OUT_HERE =
  /You are logged out on this device\. Self-service password will end your session on the server as soon as the network is back\./;

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-sesame_session');
  assert.ok(cookie, 'signed in: the session cookie is set');
  return `${cookie.name}=${cookie.value}`;
}

/** Whether the server still honours a cookie, asked from outside the browser. */
async function cookieStillSignsIn(origin: string, cookie: string): Promise<boolean> {
  const response = await fetch(`${origin}/api/auth/session`, { headers: { cookie } });
  return ((await response.json()) as { signedIn: boolean }).signedIn;
}

/** Everything the page keeps on the device: web storage and the service worker's caches. */
async function keptOnDevice(page: Page): Promise<string> {
  return page.evaluate(async () => {
    interface KeyValues {
      readonly length: number;
      key(index: number): string | null;
      getItem(key: string): string | null;
    }
    const g = globalThis as unknown as {
      localStorage: KeyValues;
      sessionStorage: KeyValues;
      caches: { keys(): Promise<string[]>; open(name: string): Promise<{ keys(): Promise<Array<{ url: string }>> }> };
    };
    const parts: string[] = [];
    for (const storage of [g.localStorage, g.sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        parts.push(`${key}=${storage.getItem(key) ?? ''}`);
      }
    }
    for (const name of await g.caches.keys()) {
      const cache = await g.caches.open(name);
      for (const request of await cache.keys()) parts.push(request.url);
    }
    return parts.join('\n');
  });
}

async function logOutOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.getByRole('banner').getByRole('button', { name: DEMO.alex.name, exact: true }).click();
  await page.getByRole('menuitem', { name: EN.logOut, exact: true }).click();
  await heading(page, EN.signInHeading).waitFor();
  await page.getByRole('status').filter({ hasText: LOGGED_OUT_HERE }).waitFor();
  assert.equal(await page.getByLabel(EN.userId, { exact: true }).inputValue(), '', 'the user ID is cleared');
  assert.equal(await page.getByRole('banner').getByRole('button', { name: DEMO.alex.name }).count(), 0, 'the name menu is gone');
  const kept = await keptOnDevice(page);
  assert.doesNotMatch(kept, new RegExp(`${DEMO.alex.userId}|${DEMO.alex.name}|/api/`), 'nothing of the person stays on the device');
}

describe('log out while offline', () => {
  const suite = setUpSuite();

  test('says the server is not told yet, tells it once back online, and a reload shows the sign-in screen', async () => {
    await withPage(suite, {}, async ({ context, page, browserConsole }) => {
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      await signInWithPassword(page, DEMO.alex.userId);
      const cookie = await sessionCookie(context);

      browserConsole.allow(DISCONNECTED);
      await logOutOffline(context, page);
      assert.equal(await cookieStillSignsIn(suite.server.origin, cookie), true, 'the server has not heard of it yet');

      await context.setOffline(false);
      await page.getByRole('status').filter({ hasText: EN.loggedOut }).waitFor();
      assert.equal(await cookieStillSignsIn(suite.server.origin, cookie), false, 'the server ended the session');

      await page.reload();
      await heading(page, EN.signInHeading).waitFor();
      assert.equal(await heading(page, EN.profileHeading).count(), 0);
      await page.goto('/profile');
      await heading(page, EN.signInHeading).waitFor();
    });
  });

  test('the next page to open tells the server before asking who is signed in', async () => {
    await withPage(suite, {}, async ({ context, page, browserConsole }) => {
      await openSignIn(page);
      await waitForServiceWorkerControl(page);
      await signInWithPassword(page, DEMO.alex.userId);
      const cookie = await sessionCookie(context);

      browserConsole.allow(DISCONNECTED);
      await logOutOffline(context, page);
      // Still offline, a reload keeps saying so and shows nobody's profile.
      await page.reload();
      await heading(page, EN.signInHeading).waitFor();
      await page.getByRole('status').filter({ hasText: LOGGED_OUT_HERE }).waitFor();
      await page.close();

      // The kiosk's next person opens Sésame once the network is back: no online event to rely on.
      await context.setOffline(false);
      const next = await context.newPage();
      await next.goto('/profile');
      await heading(next, EN.signInHeading).waitFor();
      await next.getByRole('status').filter({ hasText: EN.loggedOut }).waitFor();
      assert.equal(await cookieStillSignsIn(suite.server.origin, cookie), false, 'the server ended the session');
    });
  });
});
