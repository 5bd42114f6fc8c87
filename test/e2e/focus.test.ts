/**
 * Keyboard focus follows the flow: a new screen with one field to type in (the user ID, the
 * password) puts focus on that field, so that the person types at once (issue 7, item 11); a
 * screen with several fields or none puts it on its heading (so a screen reader starts reading
 * the new screen and Tab continues from there), and an error puts it on the error summary.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  FR,
  choosePassword,
  errorSummaryText,
  failedResponseNote,
  focusedElement,
  heading,
  openSignIn,
  setUpSuite,
  submitPassword,
  withPage,
  type InPage,
} from './harness';

async function assertFocusOnHeading(page: Page, name: string | RegExp): Promise<void> {
  await heading(page, name).waitFor();
  // Focus moves once the new screen has rendered: wait for it (briefly) rather than sleep.
  await page
    .waitForFunction(
      () => {
        const { document } = globalThis as unknown as InPage;
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element?.tagName === 'H1';
      },
      undefined,
      { timeout: 2000 },
    )
    .catch(() => undefined);
  const focused = await focusedElement(page);
  assert.equal(focused?.tag, 'h1', `focus is on the heading (found ${JSON.stringify(focused)})`);
  if (typeof name === 'string') assert.equal(focused?.text, name);
  else assert.match(focused?.text ?? '', name);
}

/** Focus is in the field labelled `label` (an <input> inside the screen's shadow root). */
async function assertFocusOnField(page: Page, label: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.waitFor();
  await page
    .waitForFunction(
      () => {
        const { document } = globalThis as unknown as InPage;
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element?.tagName === 'INPUT';
      },
      undefined,
      { timeout: 2000 },
    )
    .catch(() => undefined);
  assert.equal(await field.evaluate((el) => el.matches(':focus')), true, `focus is in the field "${label}"`);
}

describe('focus', () => {
  const suite = setUpSuite();

  test('after Continue, focus is on the "Authentication methods" heading and Tab goes on from there', async () => {
    await withPage(suite, {}, async ({ page }) => {
      await openSignIn(page);
      await page.getByLabel(EN.userId, { exact: true }).fill(DEMO.alex.userId);
      await page.getByLabel(EN.userId, { exact: true }).press('Enter');
      await assertFocusOnHeading(page, EN.methodsHeading);

      await page.keyboard.press('Tab');
      const next = await focusedElement(page);
      assert.deepEqual(next, { tag: 'button', text: EN.usePassword }, 'Tab moves to the first method');
      // And Enter on it opens the password screen, focus in its one field (issue 7, item 11:
      // it was the heading).
      await page.keyboard.press('Enter');
      await heading(page, EN.logIn).waitFor();
      await assertFocusOnField(page, EN.password);
    });
  });

  test('errors take focus to the error summary; a signed-in user starts at "My Profile"', async () => {
    await withPage(suite, {}, async ({ page, browserConsole }) => {
      browserConsole.allow(failedResponseNote(401));
      await openSignIn(page);
      await page.getByRole('button', { name: EN.continue, exact: true }).click();
      await errorSummaryText(page);
      assert.equal((await focusedElement(page))?.tag, 'error-summary', 'an empty user ID: focus on the error summary');

      await page.getByLabel(EN.userId, { exact: true }).fill(DEMO.sam.userId);
      await page.getByRole('button', { name: EN.continue, exact: true }).click();
      await assertFocusOnHeading(page, EN.methodsHeading);
      await choosePassword(page);
      await heading(page, EN.logIn).waitFor();
      await assertFocusOnField(page, EN.password);

      await submitPassword(page, 'not-the-password');
      await errorSummaryText(page);
      assert.equal((await focusedElement(page))?.tag, 'error-summary', 'a wrong password: focus on the error summary');

      await submitPassword(page, DEMO_PASSWORD);
      await assertFocusOnHeading(page, EN.profileHeading);

      // The name menu from the keyboard: Enter opens it on "Log out", Escape returns to the button.
      const nameButton = page.getByRole('button', { name: DEMO.sam.name, exact: true });
      await nameButton.focus();
      await page.keyboard.press('Enter');
      assert.deepEqual(await focusedElement(page), { tag: 'button', text: EN.logOut });
      await page.keyboard.press('Escape');
      assert.equal((await focusedElement(page))?.text, DEMO.sam.name);
      assert.equal(await nameButton.getAttribute('aria-expanded'), 'false');

      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await heading(page, EN.signInHeading).waitFor();
      await assertFocusOnField(page, EN.userId);
    });
  });

  test('in French, focus lands on « Méthodes d’authentification »', async () => {
    await withPage(suite, { locale: 'fr-CA' }, async ({ page }) => {
      await openSignIn(page, FR);
      await page.getByLabel(FR.userId, { exact: true }).fill(DEMO.marie.userId);
      await page.getByRole('button', { name: FR.continue, exact: true }).click();
      await assertFocusOnHeading(page, FR.methodsHeading);
    });
  });
});
