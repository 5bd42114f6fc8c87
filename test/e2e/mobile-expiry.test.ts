/**
 * "Mobile device" with a short request lifetime (SESAME_APPROVAL_SECONDS): a request nobody
 * approves expires on the waiting screen, which says so and sends a new one on request; and a
 * waiting screen whose event stream cannot connect learns the approval by polling.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO, EN, heading, setUpSuite, withPage } from './harness';
import { openEnrolledPhone, startMobileSignIn } from './support/phone';

const TTL_SECONDS = 20;

describe('mobile device requests that expire, and a broken event stream', () => {
  const suite = setUpSuite({ env: { SESAME_APPROVAL_SECONDS: String(TTL_SECONDS) } });

  const startWaiting = (page: Page, userId: string) => startMobileSignIn(page, userId);

  test('unanswered, the request expires: the screen says so (also to screen readers) and offers a new request', async () => {
    await withPage(suite, {}, async ({ page }) => {
      const first = await startWaiting(page, DEMO.alex.userId);
      assert.ok(first >= 10 && first <= 99);
      // The countdown is announced in the last ten seconds, not every second before.
      await page
        .locator('mobile-wait-view p[role=status]', { hasText: /^\d seconds? left$/ })
        .waitFor({ timeout: (TTL_SECONDS + 5) * 1000 });
      await page
        .locator('mobile-wait-view p.important', { hasText: 'The request expired before it was approved.' })
        .waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Send a new request' }).click();
      await page.getByText(/^Enter \d\d on your phone$/).waitFor();
      await page.getByText(/^Time left: 0:(19|20)$/).waitFor();
    });
  });

  test('with the event stream blocked, the waiting screen learns the approval by polling', async () => {
    const phone = await openEnrolledPhone(suite.browser, suite.server.origin, DEMO.sam.userId);
    try {
      await withPage(suite, {}, async ({ page, browserConsole }) => {
        browserConsole.allow(/EventSource|events/);
        await page.route('**/api/auth/mobile/events', (route) => route.abort());
        const number = await startWaiting(page, DEMO.sam.userId);
        await phone.page.goto('/');
        await heading(phone.page, 'Approve the sign-in').waitFor();
        await phone.page.getByLabel('Number shown on the other screen', { exact: true }).fill(String(number));
        await phone.page.getByRole('button', { name: 'Approve', exact: true }).click();
        await heading(page, EN.profileHeading).waitFor();
      });
    } finally {
      await phone.context.close();
    }
  });
});
