/**
 * "Mobile device" end to end in Chromium, with two browser contexts: a desktop that signs in by
 * number matching, and a phone with the DevTools virtual authenticator, enrolled through the
 * devices API. No push at all: the phone learns of the request by the pull path (opening the
 * app, or while it is open). Both screens pass axe, in English and in French.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  DEMO,
  EN,
  FR,
  assertAccessible,
  enterUserId,
  errorSummaryText,
  failedResponseNote,
  heading,
  openSignIn,
  setUpSuite,
  withPage,
  type Strings,
} from './harness';
import { openEnrolledPhone } from './support/phone';

const TEXT = {
  en: {
    t: EN,
    mobile: 'Mobile device',
    waitHeading: 'Approve on your phone',
    enter: /^Enter (\d\d) on your phone$/,
    approveHeading: 'Approve the sign-in',
    number: 'Number shown on the other screen',
    approve: 'Approve',
    notMe: "It wasn't me",
    approved: 'Approved. You can go back to the other screen.',
    reported: /denied and reported/,
    denied: 'The sign-in was denied on your phone.',
    newRequest: 'Send a new request',
    tooMany: /three times/,
    wrong: /not the number shown/,
    limit: /Too many sign-in requests/,
    activityReported: /Sign-in request reported on Android phone: it was not you/,
  },
  fr: {
    t: FR,
    mobile: 'Appareil mobile',
    waitHeading: 'Approuvez sur votre téléphone',
    enter: /^Entrez (\d\d) sur votre téléphone$/,
    approveHeading: 'Approuver la connexion',
    number: "Numéro affiché sur l'autre écran",
    approve: 'Approuver',
    notMe: "Ce n'était pas moi",
    approved: "Approuvé. Vous pouvez retourner à l'autre écran.",
    reported: /refusée et signalée/,
    denied: 'La connexion a été refusée sur votre téléphone.',
    newRequest: 'Envoyer une nouvelle demande',
    tooMany: /trois fois/,
    wrong: /pas le numéro affiché/,
    limit: /Trop de demandes de connexion/,
    activityReported: /Demande de connexion signalée sur Android phone/,
  },
} as const;

type Text = (typeof TEXT)[keyof typeof TEXT];

/** The desktop: user ID → "Mobile device" → the waiting screen; returns the number shown. */
async function waitOnDesktop(page: Page, userId: string, x: Text): Promise<number> {
  await openSignIn(page, x.t as Strings);
  await enterUserId(page, userId, x.t as Strings);
  await page.getByRole('button', { name: x.mobile, exact: true }).click();
  await heading(page, x.waitHeading).waitFor();
  const sentence = page.getByText(x.enter);
  await sentence.waitFor();
  const match = x.enter.exec((await sentence.innerText()).trim());
  assert.ok(match?.[1]);
  return Number(match[1]);
}

describe('sign-in with the mobile device, in Chromium', () => {
  const suite = setUpSuite();

  for (const [language, x] of Object.entries(TEXT) as Array<[keyof typeof TEXT, Text]>) {
    test(`${language}: the phone, opened, shows the request (pull); the right number and its passkey sign the desktop in without a reload`, async () => {
      const user = language === 'fr' ? DEMO.marie : DEMO.alex;
      const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
      const phone = await openEnrolledPhone(suite.browser, suite.server.origin, user.userId, locale);
      try {
        await withPage(suite, { locale }, async ({ page, browserConsole }) => {
          browserConsole.allow(failedResponseNote(409));
          const number = await waitOnDesktop(page, user.userId, x);
          await page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'no reload'));
          await assertAccessible(page, `waiting screen (${language})`);

          // The phone's app comes to the front: the pending request shows at once.
          await phone.page.goto('/');
          await heading(phone.page, x.approveHeading).waitFor();
          await assertAccessible(phone.page, `approval screen (${language})`);
          assert.match(await phone.page.locator('approve-view dl').innerText(), /Chrome/);
          await phone.page.getByLabel(x.number, { exact: true }).fill(String(number));
          await phone.page.getByRole('button', { name: x.approve, exact: true }).click();
          await phone.page.getByText(x.approved).waitFor();

          await heading(page, x.t.profileHeading).waitFor();
          assert.equal(await page.evaluate(() => (globalThis as unknown as { marker: string }).marker), 'no reload');
        });
      } finally {
        await phone.close();
      }
    });
  }

  test('three wrong numbers deny the request, and the desktop says so and offers a new one', async () => {
    const phone = await openEnrolledPhone(suite.browser, suite.server.origin, DEMO.sam.userId);
    try {
      await withPage(suite, {}, async ({ page, browserConsole }) => {
        const x = TEXT.en;
        const number = await waitOnDesktop(page, DEMO.sam.userId, x);
        // While open, the phone learns of the request by itself.
        await heading(phone.page, x.approveHeading).waitFor({ timeout: 15_000 });
        const wrong = String(number === 99 ? 98 : number + 1);
        const field = phone.page.getByLabel(x.number, { exact: true });
        for (let i = 0; i < 2; i++) {
          await field.fill(wrong);
          await phone.page.getByRole('button', { name: x.approve, exact: true }).click();
          // A failed attempt empties the field and fetches the next options before Approve works again.
          await phone.page.locator('approve-view button.primary:not([disabled])').waitFor();
          assert.equal(await field.inputValue(), '');
          assert.match(await errorSummaryText(phone.page), x.wrong);
        }
        await field.fill(wrong);
        await phone.page.getByRole('button', { name: x.approve, exact: true }).click();
        await phone.page.getByText(x.tooMany).first().waitFor();
        await page.locator('mobile-wait-view p.important', { hasText: x.denied }).waitFor();
        await page.getByRole('button', { name: x.newRequest }).waitFor();
        void browserConsole;
      });
    } finally {
      await phone.context.close();
    }
  });

  test('"It wasn\'t me": the request is denied and reported in Recent activity, and the next request is refused', async () => {
    const phone = await openEnrolledPhone(suite.browser, suite.server.origin, DEMO.alex.userId);
    try {
      await withPage(suite, {}, async ({ page, browserConsole }) => {
        browserConsole.allow(failedResponseNote(429));
        const x = TEXT.en;
        await waitOnDesktop(page, DEMO.alex.userId, x);
        await phone.page.goto('/');
        await heading(phone.page, x.approveHeading).waitFor();
        await phone.page.getByRole('button', { name: x.notMe, exact: true }).click();
        await phone.page.getByText(x.reported).waitFor();
        await page.locator('mobile-wait-view p.important', { hasText: x.denied }).waitFor();
        await page.getByRole('button', { name: x.newRequest }).click();
        assert.match(await errorSummaryText(page), x.limit);

        await phone.page.goto('/profile/activity');
        await phone.page.getByText(x.activityReported).waitFor();
      });
    } finally {
      await phone.context.close();
    }
  });

  test("another employee's phone is not shown the request", async () => {
    const other = await openEnrolledPhone(suite.browser, suite.server.origin, DEMO.sam.userId);
    try {
      await withPage(suite, {}, async ({ page }) => {
        await waitOnDesktop(page, DEMO.marie.userId, TEXT.en);
        // Sam's phone polls while open: Marie's request never reaches it.
        await other.page.waitForTimeout(6000);
        assert.equal(await heading(other.page, TEXT.en.approveHeading).count(), 0);
      });
    } finally {
      await other.context.close();
    }
  });
});
