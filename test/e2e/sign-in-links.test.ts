/**
 * Issue 7, items 10 and 11 in the real app: the user-ID field ignores spaces and asks phones for
 * digits; navigation is real links, followed inside the app without a reload, and a new tab
 * opened on one of their addresses shows that screen.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO, EN, heading, openSignIn, setUpSuite, signInWithPassword, withPage, type InPage } from './harness';

describe('sign-in links and the user-ID field', () => {
  const suite = setUpSuite();

  test('"100 001" signs in as 100001, from a field that asks for the numeric keypad', async () => {
    await withPage(suite, {}, async ({ page }) => {
      await openSignIn(page);
      assert.equal(await page.getByLabel(EN.userId, { exact: true }).getAttribute('inputmode'), 'numeric');
      await signInWithPassword(page, '100 001');
      await heading(page, EN.profileHeading).waitFor();
      await page.getByRole('main').getByText(`Welcome, ${DEMO.alex.name}.`, { exact: true }).waitFor();
    });
  });

  test("My Profile's links have addresses, open without a reload, and in a new tab", async () => {
    await withPage(suite, {}, async ({ page }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      await heading(page, EN.profileHeading).waitFor();
      await page.evaluate(() => ((globalThis as unknown as InPage & { sameDocument: boolean }).sameDocument = true));
      const link = page.getByRole('main').getByRole('link', { name: 'Change password', exact: true });
      assert.equal(await link.getAttribute('href'), '/profile/password');
      const box = await link.boundingBox();
      assert.ok(box && box.height >= 44, `a touch target at least 44 px tall (got ${box?.height})`);
      await link.click();
      await heading(page, 'Change password').waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile/password');
      assert.equal(
        await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument),
        true,
        'the page was not reloaded',
      );

      // Opening the address in another tab (same session) shows the same screen.
      const other = await page.context().newPage();
      await other.goto('/profile/activity');
      await heading(other, 'Recent activity').waitFor();
      await other.close();
    });
  });
});
