/**
 * Password sign-in in English, from the user ID to "My Profile", then Log out from the name
 * menu; a logged-out session is gone on the server too.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  choosePassword,
  enterUserId,
  heading,
  openSignIn,
  sessionFromPage,
  setUpSuite,
  submitPassword,
  withPage,
} from './harness';

describe('password sign-in (English)', () => {
  const suite = setUpSuite();

  test('user ID, password, My Profile, then Log out from the name menu', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page }) => {
      await openSignIn(page);
      assert.equal(await page.title(), 'Sign in – Self-service password');

      await page.getByLabel('User ID', { exact: true }).fill(DEMO.alex.userId);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await heading(page, 'Authentication methods').waitFor();
      await page.getByText(`User ID: ${DEMO.alex.userId}`).waitFor();

      await page.getByRole('button', { name: 'Use password', exact: true }).click();
      await heading(page, 'Log in').waitFor();
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();

      await heading(page, 'My Profile').waitFor();
      assert.equal(new URL(page.url()).pathname, '/profile');
      const identity = page.getByRole('region', { name: 'Your identity' });
      assert.equal(await identity.getByRole('definition').nth(0).innerText(), DEMO.alex.name);
      assert.equal(await identity.getByRole('definition').nth(1).innerText(), DEMO.alex.userId);
      assert.equal(await identity.getByRole('definition').nth(2).innerText(), DEMO.alex.employeeId);
      assert.equal((await sessionFromPage(page)).signedIn, true);

      // The name, top right, opens a menu with Log out.
      const nameButton = page.getByRole('banner').getByRole('button', { name: DEMO.alex.name, exact: true });
      const box = await nameButton.boundingBox();
      assert.ok(box && box.x > 1280 / 2 && box.y < 120, `the name is at the top right (${JSON.stringify(box)})`);
      assert.equal(await nameButton.getAttribute('aria-expanded'), 'false');
      await nameButton.click();
      assert.equal(await nameButton.getAttribute('aria-expanded'), 'true');
      const menu = page.getByRole('menu', { name: DEMO.alex.name });
      await menu.waitFor();
      await menu.getByRole('menuitem', { name: 'Log out', exact: true }).click();

      await heading(page, EN.signInHeading).waitFor();
      await page.getByRole('status').filter({ hasText: 'You are logged out.' }).waitFor();
      assert.equal(await page.getByRole('button', { name: DEMO.alex.name }).count(), 0, 'the name menu is gone');
      assert.equal(
        await page.getByRole('textbox', { name: 'User ID' }).inputValue(),
        '',
        'on a shared terminal the next person does not see the previous user ID',
      );
      assert.deepEqual(await sessionFromPage(page), { signedIn: false });

      // Going back to My Profile by its address shows sign-in.
      await page.goto('/profile');
      await heading(page, EN.signInHeading).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await heading(page, 'My Profile').count(), 0);
    });
  });

  test('a logged-out session is revoked on the server: its cookie no longer signs in', async () => {
    await withPage(suite, {}, async ({ context, page }) => {
      await openSignIn(page);
      await enterUserId(page, DEMO.sam.userId);
      await choosePassword(page);
      await submitPassword(page, DEMO_PASSWORD);
      await heading(page, 'My Profile').waitFor();
      const [cookie] = (await context.cookies()).filter((c) => c.httpOnly);
      assert.ok(cookie, 'signing in sets an HttpOnly session cookie');
      const replaySession = async () => {
        const response = await fetch(`${suite.server.origin}/api/auth/session`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
        return ((await response.json()) as { signedIn: boolean }).signedIn;
      };
      assert.equal(await replaySession(), true, 'the cookie opens the session while it lasts');

      await page.getByRole('button', { name: DEMO.sam.name, exact: true }).click();
      await page.getByRole('menuitem', { name: 'Log out', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'You are logged out.' }).waitFor();

      // Even a copy of the old cookie no longer opens a session: the server has ended it.
      assert.equal((await context.cookies()).filter((c) => c.name === cookie.name).length, 0, 'the browser dropped the cookie');
      assert.equal(await replaySession(), false, 'the same cookie after Log out');
      assert.deepEqual(await sessionFromPage(page), { signedIn: false });
      await page.goto('/profile');
      await heading(page, EN.signInHeading).waitFor();
    });
  });

  test('a reload on My Profile keeps the user signed in', async () => {
    await withPage(suite, {}, async ({ page }) => {
      await openSignIn(page);
      await enterUserId(page, DEMO.alex.userId);
      await choosePassword(page);
      await submitPassword(page, DEMO_PASSWORD);
      await heading(page, 'My Profile').waitFor();
      await page.reload();
      await heading(page, 'My Profile').waitFor();
      await page.getByRole('button', { name: DEMO.alex.name, exact: true }).waitFor();
    });
  });
});
