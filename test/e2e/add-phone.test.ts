/**
 * "Add a phone" in Chromium with two browser contexts: a desktop signed in shows the QR code and
 * the link; a phone (Android user agent, the DevTools virtual authenticator: ctap2, internal,
 * resident key, user verification) opens the link with no sign-in and enrols; the desktop turns
 * to "Phone added" by itself. The link opened again, an expired link, a replaced one; French;
 * axe on every new screen in both languages; the QR code renders under the CSP (the console
 * watch fails on any violation).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createClient } from '@libsql/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ACTION_TIMEOUT_MS,
  DEMO,
  FR,
  assertAccessible,
  failedResponseNote,
  heading,
  normaliseSpaces,
  openSignIn,
  setUpSuite,
  signInWithPassword,
  watchConsole,
  withPage,
  type ConsoleWatch,
  type SesameServer,
} from './harness';

const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

interface Phone {
  context: BrowserContext;
  page: Page;
  console: ConsoleWatch;
  close(): Promise<void>;
}

/** A phone: its own context, a mobile viewport and user agent, and a platform authenticator with user verification. */
async function openPhone(browser: Browser, server: SesameServer, locale: 'en-CA' | 'fr-CA'): Promise<Phone> {
  const context = await browser.newContext({
    baseURL: server.origin,
    locale,
    userAgent: ANDROID_UA,
    viewport: { width: 412, height: 915 },
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const watch = watchConsole(context);
  // Headless Chromium's contexts cannot subscribe to pushes (ENGINEERING.md): the page enrols anyway.
  watch.allow(/does not support the Push API in incognito mode/);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    context,
    page,
    console: watch,
    async close() {
      watch.assertClean();
      await context.close();
    },
  };
}

/** The link the desktop shows as text. */
async function shownLink(page: Page): Promise<string> {
  const text = await page.locator('add-phone-view .link').textContent();
  assert.ok(text);
  return text.trim();
}

describe('Add a phone: a QR code on the desktop, enrolment on the phone', () => {
  const suite = setUpSuite();

  /** Moves every enrolment link's expiry 10 minutes back, as if that much time had passed. */
  async function ageLinks(): Promise<void> {
    const db = createClient({ url: `file:${join(suite.server.dataDir, 'sesame.db')}` });
    try {
      await db.execute('UPDATE enrolment_links SET expires_at = expires_at - 600000');
    } finally {
      db.close();
    }
  }

  test('the phone enrols from the QR code’s link; the desktop shows “Phone added” by itself; the link works once', async () => {
    await withPage(suite, { locale: 'en-CA' }, async ({ page }) => {
      await openSignIn(page);
      await signInWithPassword(page, DEMO.alex.userId);
      await page.goto('/profile/devices/add-phone');
      await heading(page, 'Add a phone').waitFor();
      const qr = page.getByRole('img', { name: 'QR code of the link to add a phone' });
      await qr.waitFor();
      // The SVG draws: its modules are a path with a non-empty box (no inline style needed).
      const box = await qr.locator('svg').boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `QR code box ${JSON.stringify(box)}`);
      await page.getByText(/^This code works for [45]:\d\d more\.$/).waitFor();
      await page.getByRole('button', { name: 'Copy the link', exact: true }).waitFor();
      const link = await shownLink(page);
      assert.match(link, new RegExp(`^${suite.server.origin}/enrol#[A-Za-z0-9_-]{43}$`));
      await assertAccessible(page, 'Add a phone');

      const phone = await openPhone(suite.browser, suite.server, 'en-CA');
      try {
        await phone.page.goto(link);
        await heading(phone.page, 'Add this phone').waitFor();
        await phone.page.getByText(`This phone becomes a mobile device of ${DEMO.alex.name}.`).waitFor();
        // The token left the address bar as soon as the app started.
        assert.equal(new URL(phone.page.url()).hash, '');
        const name = phone.page.getByLabel('Name of this phone', { exact: true });
        assert.equal(await name.inputValue(), 'Android phone');
        await assertAccessible(phone.page, 'Add this phone (phone)');
        await name.fill('Alex’s Pixel');
        await phone.page.getByRole('button', { name: 'Add this phone', exact: true }).click();
        await heading(phone.page, 'Phone added').waitFor({ timeout: 15_000 });
        await phone.page.getByText('Alex’s Pixel is now one of your mobile devices. Your computer shows it too.').waitFor();
        await assertAccessible(phone.page, 'Phone added (phone)');

        // The desktop learnt it without a reload.
        await heading(page, 'Phone added').waitFor();
        await page.getByText('Alex’s Pixel is now one of your mobile devices.').waitFor();
        await assertAccessible(page, 'Phone added (desktop)');

        // The same link again: refused, with what to do.
        phone.console.allow(failedResponseNote(410));
        const again = await phone.context.newPage();
        await again.goto(link);
        await heading(again, 'This link cannot add a phone').waitFor();
        await again
          .getByText('This link to add a phone was already used. Each code adds one phone: ask for a new code on your computer.')
          .waitFor();
        await again.getByText(/choose "Add a phone": a new code appears/).waitFor();
        await assertAccessible(again, 'This link cannot add a phone');
      } finally {
        await phone.close();
      }
    });
  });

  test('en français : un lien expiré, un lien remplacé, et le code qui expire sur l’ordinateur', async () => {
    await withPage(suite, { locale: 'fr-CA' }, async ({ page }) => {
      await page.clock.install();
      await openSignIn(page, FR);
      await signInWithPassword(page, DEMO.marie.userId, undefined, FR);
      await page.goto('/profile/devices/add-phone');
      await heading(page, 'Ajouter un téléphone').waitFor();
      await page.getByRole('img', { name: 'Code QR du lien pour ajouter un téléphone' }).waitFor();
      await page.getByText(/^Ce code fonctionne encore [45]:\d\d\.$/).waitFor();
      await page.getByRole('heading', { name: 'Impossible de balayer le code?' }).waitFor();
      await assertAccessible(page, 'Ajouter un téléphone');
      const first = await shownLink(page);

      // A new code replaces the first one.
      await page.getByRole('button', { name: 'Afficher un nouveau code', exact: true }).click();
      let second = first;
      for (let i = 0; i < 50 && second === first; i++) {
        await page.waitForTimeout(100);
        second = await shownLink(page);
      }
      assert.notEqual(second, first);

      const phone = await openPhone(suite.browser, suite.server, 'fr-CA');
      phone.console.allow(failedResponseNote(410));
      try {
        await phone.page.goto(first);
        await heading(phone.page, 'Ce lien ne peut pas ajouter de téléphone').waitFor();
        await phone.page.getByText('Ce lien pour ajouter un téléphone a été remplacé par un code plus récent.', { exact: false }).waitFor();
        await assertAccessible(phone.page, 'Ce lien ne peut pas ajouter de téléphone (remplacé)');

        await ageLinks();
        const expired = await phone.context.newPage();
        await expired.goto(second);
        await heading(expired, 'Ce lien ne peut pas ajouter de téléphone').waitFor();
        const text = normaliseSpaces((await expired.getByRole('alert').textContent()) ?? '');
        assert.match(text, /a expiré : un code est valide 5 minutes\. Demandez un nouveau code sur votre ordinateur\./);
        await expired.getByText(/choisissez «\sAjouter un téléphone\s»\s:\sun nouveau code s'affiche/).waitFor();
        await assertAccessible(expired, 'Ce lien ne peut pas ajouter de téléphone (expiré)');
      } finally {
        await phone.close();
      }

      // On the computer, the countdown runs out: the code is said to have expired, and a new one can be shown.
      await page.clock.fastForward('05:01');
      await page.getByText('Ce code a expiré.', { exact: true }).first().waitFor();
      assert.equal(await page.getByRole('img', { name: 'Code QR du lien pour ajouter un téléphone' }).count(), 0);
      await assertAccessible(page, 'Ajouter un téléphone (expiré)');
      await page.getByRole('button', { name: 'Afficher un nouveau code', exact: true }).click();
      await page.getByRole('img', { name: 'Code QR du lien pour ajouter un téléphone' }).waitFor();
    });
  });
});
