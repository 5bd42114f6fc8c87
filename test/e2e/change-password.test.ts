/**
 * My Profile → "Change password": a wrong current password is named as such; a new password
 * that breaks the policy lists the broken rules (those the page sees as you type, and those only
 * the server can judge, such as reusing a recent password); a valid change returns to My Profile
 * with "Your password is changed", ends the session on the other device, and shows in "Recent
 * activity". The old password no longer signs in.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  ACTION_TIMEOUT_MS,
  DEMO,
  DEMO_PASSWORD,
  EN,
  choosePassword,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  heading,
  newContext,
  openSignIn,
  sessionFromPage,
  setUpSuite,
  signInWithPassword,
  submitPassword,
  watchConsole,
  withPage,
} from './harness';
import { EN3, logOut, securityAction, typeNewPassword, waitForRule } from './support/security-flows';

const t = EN3;
const NEW_PASSWORD = 'tortue-grise-sous-la-pluie';

async function fillForm(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.getByLabel(t.currentPassword, { exact: true }).fill(current);
  await page.getByLabel(t.newPassword, { exact: true }).fill('');
  await typeNewPassword(page, t, next);
  await page.getByLabel(t.confirmPassword, { exact: true }).fill(confirm);
}

/** Presses "Change password" and waits for the server's answer. */
async function submitChange(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/password/change');
  await page.getByRole('main').getByRole('button', { name: t.changePassword, exact: true }).click();
  await answered;
}

describe('Change password (English)', () => {
  const suite = setUpSuite();

  test('wrong current password, policy failures, then a valid change', async () => {
    // Alex is also signed in on another device.
    const otherDevice = await newContext(suite.browser, suite.server);
    otherDevice.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const otherConsole = watchConsole(otherDevice);
    const otherPage = await otherDevice.newPage();
    try {
      await openSignIn(otherPage);
      await signInWithPassword(otherPage, DEMO.alex.userId);

      await withPage(suite, { locale: 'en-CA' }, async ({ page, browserConsole }) => {
        browserConsole.allow(failedResponseNote(401));
        browserConsole.allow(failedResponseNote(400));
        await openSignIn(page);
        await signInWithPassword(page, DEMO.alex.userId);
        await securityAction(page, t.changePassword).click();
        await heading(page, t.changePassword).waitFor();
        assert.equal(new URL(page.url()).pathname, '/profile/password');
        await page.getByText('Other devices where you are signed in will be signed out.').waitFor();

        // Nothing typed: each field says what it needs.
        await page.getByRole('main').getByRole('button', { name: t.changePassword, exact: true }).click();
        let summary = await errorSummaryText(page);
        for (const expected of ['Enter your current password.', 'Enter a new password.', 'Enter the new password again to confirm it.']) {
          assert.ok(summary.includes(expected), `"${expected}" in:\n${summary}`);
        }

        // 1. A wrong current password.
        await fillForm(page, 'not-my-password', NEW_PASSWORD);
        for (const rule of [t.rule.length, t.rule.userId, t.rule.name, t.rule.common]) await waitForRule(page, t, rule, t.state.met);
        await submitChange(page);
        summary = await errorSummaryText(page);
        assert.match(summary, /Your current password is incorrect\./);
        const current = page.getByLabel(t.currentPassword, { exact: true });
        assert.equal(await current.getAttribute('aria-invalid'), 'true');
        assert.equal(await current.inputValue(), '', 'the wrong current password is cleared');
        await heading(page, t.changePassword).waitFor();

        // 2. A new password that breaks rules the page can see: each broken rule is listed.
        await fillForm(page, DEMO_PASSWORD, 'alex100001');
        await waitForRule(page, t, t.rule.length, t.state.unmet);
        await waitForRule(page, t, t.rule.userId, t.state.unmet);
        await waitForRule(page, t, t.rule.name, t.state.unmet);
        await page.getByRole('main').getByRole('button', { name: t.changePassword, exact: true }).click();
        summary = await errorSummaryText(page);
        for (const expected of [
          'Your new password must have 12 to 128 characters.',
          'Your new password must not contain your user ID.',
          'Your new password must not contain your name.',
        ]) {
          assert.ok(summary.includes(expected), `"${expected}" in:\n${summary}`);
        }
        assert.equal(await page.getByLabel(t.newPassword, { exact: true }).getAttribute('aria-invalid'), 'true');

        // 3. A common password.
        await fillForm(page, DEMO_PASSWORD, 'password1234');
        await waitForRule(page, t, t.rule.common, t.state.unmet);
        await page.getByRole('main').getByRole('button', { name: t.changePassword, exact: true }).click();
        summary = await errorSummaryText(page);
        assert.match(summary, /Your new password is a common password, or one exposed in a data breach\. Choose another one\./);

        // 4. The current password again: only the server knows, and it names the rule.
        await fillForm(page, DEMO_PASSWORD, DEMO_PASSWORD);
        await waitForRule(page, t, t.rule.recent, t.state.server);
        await submitChange(page);
        summary = await errorSummaryText(page);
        assert.match(summary, /Your new password must not be one of your last 5 passwords\./);
        await heading(page, t.changePassword).waitFor();

        // 5. A mismatched confirmation.
        await fillForm(page, DEMO_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
        await page.getByRole('main').getByRole('button', { name: t.changePassword, exact: true }).click();
        assert.match(await errorSummaryText(page), /The two new passwords do not match\./);

        // 6. A valid change.
        await fillForm(page, DEMO_PASSWORD, NEW_PASSWORD);
        for (const rule of [t.rule.length, t.rule.userId, t.rule.name, t.rule.common]) await waitForRule(page, t, rule, t.state.met);
        await submitChange(page);
        await heading(page, t.profileHeading).waitFor();
        await page.getByRole('status').filter({ hasText: t.passwordChanged }).waitFor();
        assert.equal((await sessionFromPage(page)).signedIn, true, 'this device stays signed in');

        // The other device was signed out.
        assert.equal((await sessionFromPage(otherPage)).signedIn, false, 'the other device is signed out');

        // 7. The old password no longer signs in; the new one does.
        await logOut(page, DEMO.alex.name);
        await enterUserId(page, DEMO.alex.userId);
        await choosePassword(page);
        await submitPassword(page, DEMO_PASSWORD);
        assert.ok((await errorSummaryText(page)).includes(EN.incorrect), 'the old password is refused');
        await submitPassword(page, NEW_PASSWORD);
        await heading(page, t.profileHeading).waitFor();

        // 8. "Recent activity" shows the change, and the failed attempt before it.
        await securityAction(page, t.recentActivity).click();
        await heading(page, t.recentActivity).waitFor();
        const events = page.getByRole('main').getByRole('list').getByRole('listitem');
        await events.first().waitFor();
        const lines = (await events.allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
        const changed = lines.indexOf('Password changed');
        assert.ok(changed >= 0, `"Password changed" in:\n${lines.join('\n')}`);
        assert.ok(
          lines.indexOf('Failed attempt to change the password') > changed,
          `the failed attempt comes before it:\n${lines.join('\n')}`,
        );
        assert.deepEqual(lines.slice(0, 3), ['Signed in (password)', 'Failed sign-in attempt (password)', 'Logged out']);
        await page.getByRole('button', { name: t.backToProfile, exact: true }).click();
        await heading(page, t.profileHeading).waitFor();
      });
    } finally {
      await otherDevice.close();
    }
    otherConsole.assertClean();
  });

  test('Cancel returns to My Profile without changing anything', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.sam.userId);
      await securityAction(page, t.changePassword).click();
      await heading(page, t.changePassword).waitFor();
      await page.getByLabel(t.currentPassword, { exact: true }).fill(DEMO_PASSWORD);
      await typeNewPassword(page, t, NEW_PASSWORD);
      await page.getByRole('link', { name: 'Cancel', exact: true }).click();
      await heading(page, t.profileHeading).waitFor();
      assert.equal(await page.getByRole('status').filter({ hasText: t.passwordChanged }).count(), 0);
      await logOut(page, DEMO.sam.name);
      await signInWithPassword(page, DEMO.sam.userId, DEMO_PASSWORD);
    });
  });
});
