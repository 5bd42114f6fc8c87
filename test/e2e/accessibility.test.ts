/**
 * Accessibility: axe-core (WCAG 2.0/2.1 A and AA) finds nothing on any screen, with and without
 * errors shown, in English and in French; the narrowest phone (320 CSS px) never scrolls
 * sideways; the dark colour scheme passes too.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  FR,
  assertAccessible,
  choosePassword,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  heading,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  submitPassword,
  withPage,
  type InPage,
  type Strings,
} from './harness';

interface Language {
  name: string;
  locale: 'en-CA' | 'fr-CA';
  t: Strings;
  user: { userId: string; name: string };
  /** What the page adds only in this language. */
  emptyUserId: RegExp;
  backToSignIn: string;
}

const LANGUAGES: Language[] = [
  {
    name: 'English',
    locale: 'en-CA',
    t: EN,
    user: DEMO.alex,
    emptyUserId: /Enter your user ID\./,
    backToSignIn: 'Back to sign-in',
  },
  {
    name: 'French',
    locale: 'fr-CA',
    t: FR,
    user: DEMO.marie,
    emptyUserId: /Entrez votre code d'utilisateur\./,
    backToSignIn: "Retour à l'ouverture de session",
  },
];

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const scroller = (globalThis as unknown as InPage).document.scrollingElement;
    return { scrollWidth: scroller?.scrollWidth ?? 0, clientWidth: scroller?.clientWidth ?? 0 };
  });
}

describe('accessibility', () => {
  const suite = setUpSuite();

  for (const language of LANGUAGES) {
    const { t } = language;

    test(`sign-in, methods, forgot password, My Profile and the name menu pass axe in ${language.name}`, async () => {
      await withPage(suite, { locale: language.locale }, async ({ page }) => {
        await openSignIn(page, t);
        await assertAccessible(page, 'sign-in');

        await page.getByRole('button', { name: t.continue, exact: true }).click();
        assert.match(await errorSummaryText(page), language.emptyUserId);
        await assertAccessible(page, 'sign-in with an empty user ID');

        await enterUserId(page, language.user.userId, t);
        await assertAccessible(page, 'authentication methods');

        await choosePassword(page, t);
        await page.getByRole('link', { name: t.forgot, exact: true }).click();
        await heading(page, t.forgot).waitFor();
        await assertAccessible(page, 'forgot password');

        await page.getByRole('button', { name: language.backToSignIn, exact: true }).click();
        await heading(page, t.signInHeading).waitFor();
        await signInWithPassword(page, language.user.userId, DEMO_PASSWORD, t);
        await assertAccessible(page, 'My Profile');

        await page.getByRole('banner').getByRole('button', { name: language.user.name, exact: true }).click();
        await page.getByRole('menuitem', { name: t.logOut, exact: true }).waitFor();
        await assertAccessible(page, 'the open name menu');

        await page.getByRole('menuitem', { name: t.logOut, exact: true }).click();
        await page.getByRole('status').filter({ hasText: t.loggedOut }).waitFor();
        await assertAccessible(page, 'sign-in after Log out');
      });
    });

    // The password screen carries a hidden "username" field for password managers; shared input
    // styles once overrode its `hidden` attribute and showed an unlabelled box (fixed in 5c54e23).
    test(`the password screen passes axe in ${language.name}, also with the wrong-password error`, async () => {
      await withPage(suite, { locale: language.locale }, async ({ page, browserConsole }) => {
        browserConsole.allow(failedResponseNote(401));
        await openSignIn(page, t);
        await enterUserId(page, language.user.userId, t);
        await choosePassword(page, t);
        // What a sighted user sees: the Password field and the "Show password" checkbox, nothing
        // else to type in. (A CSS query: the stray field has no role to find it by.)
        const visibleFields = await page
          .getByRole('main')
          .locator('input:visible')
          .evaluateAll((inputs) => inputs.map((input) => `${input.getAttribute('type')}#${input.getAttribute('name') ?? ''}`));
        assert.deepEqual(visibleFields, ['password#password', 'checkbox#'], 'the visible fields of the password screen');
        await assertAccessible(page, 'password');

        await submitPassword(page, 'not-the-password', t);
        assert.ok((await errorSummaryText(page)).includes(t.incorrect as string));
        await assertAccessible(page, 'password with a wrong-password error');
      });
    });
  }

  test('at 320 px wide, sign-in and My Profile do not scroll sideways', async () => {
    for (const language of LANGUAGES) {
      await withPage(suite, { locale: language.locale, viewport: { width: 320, height: 640 } }, async ({ page, browserConsole }) => {
        browserConsole.allow(failedResponseNote(401));
        await openSignIn(page, language.t);
        let size = await horizontalOverflow(page);
        assert.ok(size.scrollWidth <= 320, `sign-in (${language.name}) is ${size.scrollWidth} px wide`);

        // With the error summary showing too.
        await page.getByRole('button', { name: language.t.continue, exact: true }).click();
        await errorSummaryText(page);
        size = await horizontalOverflow(page);
        assert.ok(size.scrollWidth <= 320, `sign-in with errors (${language.name}) is ${size.scrollWidth} px wide`);

        await signInWithPassword(page, language.user.userId, DEMO_PASSWORD, language.t);
        size = await horizontalOverflow(page);
        assert.ok(size.scrollWidth <= 320, `My Profile (${language.name}) is ${size.scrollWidth} px wide`);

        await page.getByRole('banner').getByRole('button', { name: language.user.name, exact: true }).click();
        await page.getByRole('menuitem', { name: language.t.logOut, exact: true }).waitFor();
        size = await horizontalOverflow(page);
        assert.ok(size.scrollWidth <= 320, `open name menu (${language.name}) is ${size.scrollWidth} px wide`);
      });
    }
  });

  test('in the dark colour scheme, sign-in and My Profile pass axe', async () => {
    for (const language of LANGUAGES) {
      await withPage(suite, { locale: language.locale, colorScheme: 'dark' }, async ({ page }) => {
        await openSignIn(page, language.t);
        await assertAccessible(page, `sign-in, dark (${language.name})`);
        await page.getByRole('button', { name: language.t.continue, exact: true }).click();
        await errorSummaryText(page);
        await assertAccessible(page, `sign-in with errors, dark (${language.name})`);
        await signInWithPassword(page, language.user.userId, DEMO_PASSWORD, language.t);
        await assertAccessible(page, `My Profile, dark (${language.name})`);
      });
    }
  });
});
