/**
 * The phone of the end-to-end tests: a browser context with a phone's viewport and user agent,
 * the DevTools virtual authenticator (ctap2, internal, resident key, user verification), and
 * enrolment through the devices API driven from the page with the real WebAuthn call.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { watchConsole, type ConsoleWatch } from './browser';
import { EN, FR, enterUserId, heading, openSignIn, signInWithPassword } from './flows';

export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

export async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * "Add this device" through the API from the signed-in page: registration options, the
 * browser's own `navigator.credentials.create()` (the virtual authenticator answers), then the
 * enrolment, which gives this browser its device credential cookie.
 */
export async function enrolThisPhone(page: Page, name = 'Android phone'): Promise<void> {
  // A script as text: tsx would wrap named functions with a helper the page does not have.
  const script = String.raw`(async (deviceName) => {
    const toBytes = (b64url) => Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const toB64url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const { options } = await (await fetch('/api/devices/registration-options', { method: 'POST' })).json();
    const credential = await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: toBytes(options.challenge),
        user: { ...options.user, id: toBytes(options.user.id) },
        excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) })),
      },
    });
    const registration = {
      id: credential.id,
      rawId: toB64url(credential.rawId),
      type: 'public-key',
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {
        clientDataJSON: toB64url(credential.response.clientDataJSON),
        attestationObject: toB64url(credential.response.attestationObject),
        transports: credential.response.getTransports ? credential.response.getTransports() : [],
      },
    };
    const added = await fetch('/api/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: deviceName, language: 'en', registration }),
    });
    return added.status;
  })(${JSON.stringify(name)})`;
  const status = (await page.evaluate(script)) as number;
  if (status !== 201) throw new Error(`enrolment answered ${status}`);
}

export interface EnrolledPhone {
  page: Page;
  context: BrowserContext;
  browserConsole: ConsoleWatch;
  /** Checks the phone's console stayed clean, then closes it. */
  close(): Promise<void>;
}

/**
 * A phone context on `origin`: signed in once with the password, enrolled, then left on My
 * Profile — the app opened again as an enrolled phone, which pulls pending requests while in front.
 */
export async function openEnrolledPhone(
  browser: Browser,
  origin: string,
  userId: string,
  locale: 'en-CA' | 'fr-CA' = 'en-CA',
): Promise<EnrolledPhone> {
  const t = locale === 'fr-CA' ? FR : EN;
  const context = await browser.newContext({
    baseURL: origin,
    locale,
    viewport: { width: 390, height: 844 },
    userAgent: PHONE_UA,
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(10_000);
  const browserConsole = watchConsole(context);
  try {
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await openSignIn(page, t);
    await signInWithPassword(page, userId, undefined, t);
    await enrolThisPhone(page);
    await page.goto('/profile');
    await heading(page, t.profileHeading).waitFor();
    return {
      page,
      context,
      browserConsole,
      async close() {
        try {
          browserConsole.assertClean();
        } finally {
          await context.close();
        }
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Words of "Add this device" on My Profile → Mobile devices, in each language. */
const ADD_DEVICE_TEXT = {
  en: { devices: 'Mobile devices', add: 'Add this device', name: 'Device name', added: (name: string) => `${name} was added.` },
  fr: {
    devices: 'Appareils mobiles',
    add: 'Ajouter cet appareil',
    name: "Nom de l'appareil",
    added: (name: string) => `${name} a été ajouté.`,
  },
} as const;

/**
 * "Add this device" as a person does it, from My Profile (signed in, proof recent): the screen's
 * own WebAuthn registration (the virtual authenticator answers), and the offline-code key saved
 * in this browser's IndexedDB — which `enrolThisPhone` (the API alone) does not do.
 */
export async function enrolThisPhoneOnScreen(page: Page, language: 'en' | 'fr' = 'en', name = 'Android phone'): Promise<void> {
  const t = ADD_DEVICE_TEXT[language];
  await page.getByRole('link', { name: t.devices, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t.devices, exact: true }).waitFor();
  await page.getByRole('button', { name: t.add, exact: true }).click();
  await page.getByLabel(t.name, { exact: true }).fill(name);
  await page.getByRole('button', { name: t.add, exact: true }).click();
  await page.getByRole('status').getByText(t.added(name)).waitFor({ timeout: 15_000 });
}

const WAITING_TEXT = {
  en: { mobile: 'Mobile device', heading: 'Approve on your phone', enter: /^Enter (\d\d) on your phone$/ },
  fr: { mobile: 'Appareil mobile', heading: 'Approuvez sur votre téléphone', enter: /^Entrez (\d\d) sur votre téléphone$/ },
} as const;

/** The desktop: the sign-in screen, the user ID, "Mobile device"; returns the number the waiting screen shows. */
export async function startMobileSignIn(page: Page, userId: string, language: 'en' | 'fr' = 'en'): Promise<number> {
  const x = WAITING_TEXT[language];
  const t = language === 'fr' ? FR : EN;
  await openSignIn(page, t);
  await enterUserId(page, userId, t);
  await page.getByRole('button', { name: x.mobile, exact: true }).click();
  await heading(page, x.heading).waitFor();
  const sentence = page.getByText(x.enter);
  await sentence.waitFor();
  const number = Number(x.enter.exec((await sentence.innerText()).trim())?.[1]);
  if (!(number >= 10 && number <= 99)) throw new Error(`no two-digit number on the waiting screen`);
  return number;
}
