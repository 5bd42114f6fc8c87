/**
 * The enrolled phone's own first screen, end to end in Chromium: a phone context (the DevTools
 * virtual authenticator: ctap2, internal, resident key, user verification) enrolled through
 * My Profile → Mobile devices → "Add this device", so that its offline-code key is in IndexedDB,
 * and a desktop context.
 *
 * - "Show a sign-in code" with the phone's network off; the desktop types the code.
 * - "Sign in with this device": a discoverable passkey, no user ID typed.
 * - "Forgot your password?" through the phone, for an employee whose only method is the device.
 * - A replayed approval assertion, for the same request and for a new one.
 * - axe on the phone's screens, in English and French.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  EN,
  FR,
  assertAccessible,
  choosePassword,
  enterUserId,
  failedResponseNote,
  heading,
  openSignIn,
  sessionFromPage,
  setUpSuite,
  signInWithPassword,
  waitForServiceWorkerControl,
  watchConsole,
  withPage,
  type ConsoleWatch,
  type Strings,
  type Suite,
} from './harness';
import { EN3, logOut } from './support/security-flows';
import { addVirtualAuthenticator, enrolThisPhoneOnScreen, PHONE_UA } from './support/phone';

const TEXT = {
  en: {
    t: EN as Strings,
    locale: 'en-CA',
    onThisPhone: 'On this phone',
    signInWithDevice: 'Sign in with this device',
    showCode: 'Show a sign-in code',
    codeHeading: 'Sign-in code',
    mobile: 'Mobile device',
    waitHeading: 'Approve on your phone',
    enter: /^Enter (\d\d) on your phone$/,
    useCode: 'Use a code from the app instead',
    enterCodeHeading: 'Enter a code from the app',
    codeField: 'Sign-in code',
    offline: /You are offline\. Signing in needs a network connection/,
    newCodeIn: /A new code in \d+ seconds?\./,
  },
  fr: {
    t: FR as Strings,
    locale: 'fr-CA',
    onThisPhone: 'Sur ce téléphone',
    signInWithDevice: 'Se connecter avec cet appareil',
    showCode: 'Afficher un code de connexion',
    codeHeading: 'Code de connexion',
    mobile: 'Appareil mobile',
    waitHeading: 'Approuvez sur votre téléphone',
    enter: /^Entrez (\d\d) sur votre téléphone$/,
    useCode: "Utiliser plutôt un code de l'application",
    enterCodeHeading: "Entrez un code de l'application",
    codeField: 'Code de connexion',
    offline: /Vous êtes hors ligne\./,
    newCodeIn: /Nouveau code dans \d+ secondes?\./,
  },
} as const;
type Language = keyof typeof TEXT;

/** The browser notes each request that failed for lack of a network. */
const DISCONNECTED = /net::ERR_INTERNET_DISCONNECTED/;

interface Phone {
  context: BrowserContext;
  page: Page;
  console: ConsoleWatch;
  close(): Promise<void>;
}

/**
 * A phone: signed in once with the password, "Add this device" on its own screen, then — unless
 * `stay` — logged out, so that it stands on the app's first screen as an enrolled phone.
 */
async function enrolledPhone(
  browser: Browser,
  suite: Suite,
  user: { userId: string; name: string },
  language: Language,
  { stay = false, name = 'Android phone' }: { stay?: boolean; name?: string } = {},
): Promise<Phone> {
  const x = TEXT[language];
  const context = await browser.newContext({
    baseURL: suite.server.origin,
    locale: x.locale,
    viewport: { width: 390, height: 844 },
    userAgent: PHONE_UA,
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(10_000);
  const console = watchConsole(context);
  // Headless Chromium's own line when the page subscribes to pushes: the time-boxed subscription gives up, the device enrols.
  console.allow(/does not support the Push API in incognito mode/);
  const page = await context.newPage();
  await addVirtualAuthenticator(context, page);
  await openSignIn(page, x.t);
  await signInWithPassword(page, user.userId, DEMO_PASSWORD, x.t);
  await enrolThisPhoneOnScreen(page, language, name);
  if (!stay) {
    await logOut(page, user.name, x.t);
  }
  return {
    context,
    page,
    console,
    async close() {
      console.assertClean();
      await context.close();
    },
  };
}

/** The desktop: user ID → "Mobile device" → the waiting screen; returns the number shown. */
async function waitOnDesktop(page: Page, userId: string, language: Language): Promise<number> {
  const x = TEXT[language];
  await openSignIn(page, x.t);
  await enterUserId(page, userId, x.t);
  await page.getByRole('button', { name: x.mobile, exact: true }).click();
  return waitingNumber(page, language);
}

async function waitingNumber(page: Page, language: Language): Promise<number> {
  const x = TEXT[language];
  await heading(page, x.waitHeading).waitFor();
  const sentence = page.getByText(x.enter);
  await sentence.waitFor();
  const match = x.enter.exec((await sentence.innerText()).trim());
  assert.ok(match?.[1]);
  return Number(match[1]);
}

/** On the phone's "Show a sign-in code": the code as shown ("123 456"). */
async function shownCode(page: Page, language: Language): Promise<string> {
  const x = TEXT[language];
  await heading(page, x.codeHeading).waitFor();
  await page.getByText(x.newCodeIn).waitFor();
  const code = (await page.locator('device-code-view .code').innerText()).trim();
  assert.match(code, /^\d{3} \d{3}$/, 'six digits, three and three');
  return code;
}

/** The phone opens the approval screen (pull) and approves with that number. */
async function approveOnPhone(phone: Page, number: number): Promise<void> {
  await phone.goto('/');
  await heading(phone, 'Approve the sign-in').waitFor();
  await phone.getByLabel('Number shown on the other screen', { exact: true }).fill(String(number));
  await phone.getByRole('button', { name: 'Approve', exact: true }).click();
  await phone.getByText('Approved. You can go back to the other screen.').waitFor();
}

describe("the enrolled phone's first screen, in Chromium", () => {
  const suite = setUpSuite();

  for (const language of ['en', 'fr'] as const) {
    test(`${language}: with the network off, the phone shows a sign-in code; the desktop types it and is signed in; axe on the phone's screens`, async () => {
      const x = TEXT[language];
      const user = language === 'fr' ? DEMO.marie : DEMO.alex;
      const phone = await enrolledPhone(suite.browser, suite, user, language);
      try {
        const { page } = phone;
        // The app's first screen on an enrolled phone: its own actions first, the user-ID form kept.
        const actions = page.getByRole('region', { name: x.onThisPhone });
        await actions.getByRole('button', { name: x.signInWithDevice, exact: true }).waitFor();
        await page.getByLabel(x.t.userId, { exact: true }).waitFor();
        await assertAccessible(page, `the enrolled phone's sign-in screen (${language})`);

        await waitForServiceWorkerControl(page);
        phone.console.allow(DISCONNECTED);
        await phone.context.setOffline(true);
        await page.reload();
        await heading(page, x.t.signInHeading).waitFor();
        await page.getByRole('status').filter({ hasText: x.offline }).waitFor();
        await actions.getByRole('link', { name: x.showCode, exact: true }).click();
        const code = await shownCode(page, language);
        assert.equal(new URL(page.url()).pathname, '/device/code');
        await assertAccessible(page, `"Show a sign-in code" (${language})`);

        await withPage(suite, { locale: x.locale }, async ({ page: desktop }) => {
          await waitOnDesktop(desktop, user.userId, language);
          await desktop.getByRole('link', { name: x.useCode, exact: true }).click();
          await heading(desktop, x.enterCodeHeading).waitFor();
          await desktop.getByLabel(x.codeField, { exact: true }).fill(code);
          await desktop.getByRole('button', { name: x.t.logIn, exact: true }).click();
          await heading(desktop, x.t.profileHeading).waitFor();
          assert.equal((await sessionFromPage(desktop)).signedIn, true);
        });
      } finally {
        await phone.close();
      }
    });
  }

  test('"Sign in with this device": signed out, one tap and the passkey check, and the phone is in My Profile', async () => {
    const phone = await enrolledPhone(suite.browser, suite, DEMO.alex, 'en');
    try {
      const { page } = phone;
      await page.getByRole('region', { name: TEXT.en.onThisPhone }).getByRole('button', { name: TEXT.en.signInWithDevice }).click();
      await heading(page, EN.profileHeading).waitFor();
      await page.getByRole('banner').getByRole('button', { name: DEMO.alex.name, exact: true }).waitFor();
      assert.equal((await sessionFromPage(page)).signedIn, true);
    } finally {
      await phone.close();
    }
  });

  test('Forgot your password? through the phone, for an employee whose only method is the device: approval, then the offline code', async () => {
    const phone = await enrolledPhone(suite.browser, suite, DEMO.sam, 'en', { stay: true });
    try {
      await withPage(suite, {}, async ({ page, browserConsole }) => {
        browserConsole.allow(failedResponseNote(401));
        const forgot = async () => {
          await openSignIn(page);
          await enterUserId(page, DEMO.sam.userId);
          await choosePassword(page);
          await page.getByRole('link', { name: EN.forgot, exact: true }).click();
          await heading(page, EN.forgot).waitFor();
          await page.getByRole('region', { name: 'Prove who you are another way' }).getByRole('button', { name: 'Mobile device' }).click();
        };
        const setNewPassword = async (password: string) => {
          await heading(page, EN3.setNewPassword).waitFor();
          await page.getByLabel(EN3.newPassword, { exact: true }).fill(password);
          await page.getByLabel(EN3.confirmPassword, { exact: true }).fill(password);
          await page.getByRole('button', { name: EN3.saveNewPassword, exact: true }).click();
          await heading(page, EN.profileHeading).waitFor();
          await logOut(page, DEMO.sam.name);
          await signInWithPassword(page, DEMO.sam.userId, password);
          await logOut(page, DEMO.sam.name);
        };

        // 1. Approved on the phone.
        await forgot();
        await approveOnPhone(phone.page, await waitingNumber(page, 'en'));
        await setNewPassword('cormoran-sous-la-neige');

        // 2. The offline code, read on the phone with its network off.
        await waitForServiceWorkerControl(phone.page);
        phone.console.allow(DISCONNECTED);
        await phone.context.setOffline(true);
        await phone.page.goto('/device/code');
        const code = await shownCode(phone.page, 'en');
        await forgot();
        await heading(page, TEXT.en.waitHeading).waitFor();
        await page.getByRole('link', { name: TEXT.en.useCode, exact: true }).click();
        await page.getByLabel(TEXT.en.codeField, { exact: true }).fill(code);
        await page.getByRole('button', { name: EN.continue, exact: true }).click();
        await setNewPassword('pluvier-dans-la-baie');
      });
    } finally {
      await phone.close();
    }
  });

  test('a replayed approval assertion is refused with a clear 4xx, for the same request and for a new one; nobody is signed in by it', async (t) => {
    // Alex: his third and last request of these tests within the push-fatigue limit (3 in 10 minutes).
    const phone = await enrolledPhone(suite.browser, suite, DEMO.alex, 'en', { stay: true });
    try {
      // The replays below are refused, and the browser notes each refused response.
      for (const status of [400, 401, 403, 404, 409]) phone.console.allow(failedResponseNote(status));
      let captured: { url: string; body: string } | null = null;
      await phone.page.route('**/api/device/requests/*/approve', async (route) => {
        captured ??= { url: new URL(route.request().url()).pathname, body: route.request().postData() ?? '' };
        await route.continue();
      });
      const replay = (url: string, body: string) =>
        phone.page.evaluate(
          async ([to, json]) => {
            const response = await fetch(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
            return { status: response.status, body: (await response.json()) as { error?: string; message?: string } };
          },
          [url, body] as const,
        );

      await withPage(suite, {}, async ({ page }) => {
        await approveOnPhone(phone.page, await waitOnDesktop(page, DEMO.alex.userId, 'en'));
        await heading(page, EN.profileHeading).waitFor();
      });
      assert.ok(captured, 'the approval was sent');
      const { url, body } = captured as { url: string; body: string };

      // The same request again: its challenge is spent and it is no longer pending.
      const again = await replay(url, body);
      t.diagnostic(`replayed for the same request: ${again.status} ${again.body.error}`);
      assert.ok(again.status >= 400 && again.status < 500, `status ${again.status}`);
      assert.equal(again.body.error, 'approval_closed');
      assert.ok(again.body.message && again.body.message.length > 0, 'a message a person can read');

      // A new request, waiting on another desktop: the old assertion is not its challenge's.
      await withPage(suite, {}, async ({ page }) => {
        await waitOnDesktop(page, DEMO.alex.userId, 'en');
        const pending = (await phone.page.evaluate(async () => (await fetch('/api/device/requests')).json())) as {
          requests: Array<{ id: string }>;
        };
        const newest = pending.requests[0]?.id;
        assert.ok(newest && !url.includes(newest), 'a new request is pending');
        // Its options fetched, as the approval screen does before the tap: a live challenge of its own.
        await phone.page.evaluate(async (id) => void (await fetch(`/api/device/requests/${id}/options`, { method: 'POST' })), newest);
        const moved = await replay(`/api/device/requests/${newest}/approve`, body);
        t.diagnostic(`replayed for a new request: ${moved.status} ${moved.body.error}`);
        assert.ok(moved.status >= 400 && moved.status < 500, `status ${moved.status}`);
        assert.equal(moved.body.error, 'passkey_not_verified', "the assertion answers another request's challenge");
        assert.ok(moved.body.message && moved.body.message.length > 0);
        // The desktop still waits, signed out.
        await heading(page, TEXT.en.waitHeading).waitFor();
        assert.equal((await sessionFromPage(page)).signedIn, false);
      });
    } finally {
      await phone.close();
    }
  });

  test('a phone removed elsewhere, opened again, says so on its first screen, offers neither action, and has no code to show', async () => {
    const phone = await enrolledPhone(suite.browser, suite, DEMO.alex, 'en', { name: 'Lost phone' });
    try {
      // The removed device's credential is refused (401) once, then forgotten.
      phone.console.allow(failedResponseNote(401));
      const actions = phone.page.getByRole('region', { name: TEXT.en.onThisPhone });
      await actions.getByRole('button', { name: TEXT.en.signInWithDevice }).waitFor();
      await withPage(suite, {}, async ({ page }) => {
        await openSignIn(page);
        await signInWithPassword(page, DEMO.alex.userId);
        await page.getByRole('link', { name: 'Mobile devices', exact: true }).click();
        await page.getByRole('button', { name: 'Remove Lost phone', exact: true }).click();
        await page.getByRole('button', { name: 'Remove device', exact: true }).click();
        await page.getByRole('status').getByText('Lost phone was removed.').waitFor();
      });
      // The phone's app opened again: its first request with the device credential is refused, and it forgets its key.
      await phone.page.goto('/');
      await phone.page
        .getByRole('status')
        .filter({ hasText: 'This phone was removed from your Mobile devices' })
        .waitFor({ timeout: 15_000 });
      assert.equal(await actions.count(), 0, 'neither "Sign in with this device" nor "Show a sign-in code"');
      await phone.page.getByLabel(EN.userId, { exact: true }).waitFor();
      await phone.page.goto('/device/code');
      await phone.page.getByText(/This device has no sign-in code: it is not enrolled, or it was removed\./).waitFor();
      assert.equal(await phone.page.locator('device-code-view .code').count(), 0);
    } finally {
      await phone.close();
    }
  });
});
