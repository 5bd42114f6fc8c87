/**
 * Offline: once visited, the app opens without a network (the service worker serves the shell),
 * says it is offline, and still shows how to reach the Help Desk by phone. Trying to continue
 * while offline explains the problem instead of breaking.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EN,
  FR,
  HELP_DESK_PHONE,
  errorSummaryText,
  heading,
  openSignIn,
  setUpSuite,
  waitForServiceWorkerControl,
  withPage,
  type InPage,
} from './harness';

/** The browser notes each request that failed for lack of a network. */
const DISCONNECTED = /net::ERR_INTERNET_DISCONNECTED/;

describe('offline', () => {
  const suite = setUpSuite();

  test('the sign-in page opens offline, says so, and shows the help-desk number', async () => {
    await withPage(suite, {}, async ({ context, page, browserConsole }) => {
      await openSignIn(page);
      await waitForServiceWorkerControl(page);

      browserConsole.allow(DISCONNECTED);
      await context.setOffline(true);
      await page.reload();
      await heading(page, EN.signInHeading).waitFor();
      assert.equal(await page.evaluate(() => (globalThis as unknown as InPage).navigator.onLine), false);
      await page
        .getByRole('status')
        .filter({ hasText: /You are offline\. Signing in needs a network connection/ })
        .waitFor();

      const footer = page.getByRole('contentinfo');
      await footer.getByText(/If you experience any login difficulties, please contact the .*Help Desk at/).waitFor();
      const phone = footer.getByRole('link', { name: HELP_DESK_PHONE, exact: true });
      assert.ok(await phone.isVisible(), 'the help-desk number is visible');
      assert.equal(await phone.getAttribute('href'), 'tel:18774118585');

      // Continue while offline: an error that says why, on the same screen.
      await page.getByLabel(EN.userId, { exact: true }).fill('100001');
      await page.getByRole('button', { name: EN.continue, exact: true }).click();
      const error = await errorSummaryText(page);
      assert.match(error, /You are offline\. Connect to a network, then try again\./);
      await heading(page, EN.signInHeading).waitFor();
      assert.equal(await heading(page, EN.methodsHeading).count(), 0);

      // Back online, the notice goes and the same page carries on.
      await context.setOffline(false);
      await page
        .getByRole('status')
        .filter({ hasText: /You are offline\. Signing in needs a network connection/ })
        .waitFor({ state: 'detached' });
      await page.getByRole('button', { name: EN.continue, exact: true }).click();
      await heading(page, EN.methodsHeading).waitFor();
    });
  });

  test('offline in French too', async () => {
    await withPage(suite, { locale: 'fr-CA' }, async ({ context, page, browserConsole }) => {
      await openSignIn(page, FR);
      await waitForServiceWorkerControl(page);
      browserConsole.allow(DISCONNECTED);
      await context.setOffline(true);
      await page.reload();
      await heading(page, FR.signInHeading).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Vous êtes hors ligne\./ })
        .waitFor();
      await page.getByRole('contentinfo').getByRole('link', { name: HELP_DESK_PHONE, exact: true }).waitFor();
      await page.getByLabel(FR.userId, { exact: true }).fill('100002');
      await page.getByRole('button', { name: FR.continue, exact: true }).click();
      assert.match(await errorSummaryText(page), /Vous êtes hors ligne\. Connectez-vous à un réseau, puis réessayez\./);
    });
  });
});
