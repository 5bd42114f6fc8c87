/**
 * The enrolled phone's own first screen: "Sign in with this device" and "Show a sign-in code" on
 * the sign-in screen when this browser holds the offline-code key (real IndexedDB, real
 * non-extractable WebCrypto key), and the code screen itself. The passkey ceremony's browser
 * call is answered by a stand-in for `navigator.credentials.get` (the e2e tests run the real
 * one with the DevTools virtual authenticator); the server's answers are stubbed fetches.
 */
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../client/views/sign-in-view';
import '../../client/views/device-code-view';
import type { SignInView } from '../../client/views/sign-in-view';
import type { DeviceCodeView } from '../../client/views/device-code-view';
import { deleteOfflineKey, saveOfflineKey } from '../../client/device/offline-key-store';
import { groupedCode, spokenCode } from '../../client/device/offline-code';
import { importTotpKey, secondsLeftInStep, totpAt, webCryptoHmac } from '../../shared/totp';
import { applyLanguage } from '../../client/i18n/language';
import {
  canadaPost,
  errorSummaryOf,
  getByRole,
  jsonResponse,
  queryByRole,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
} from './helpers';
import { flowFixture } from './flow-fixture';

/** RFC 6238's SHA-1 test key ("12345678901234567890"), base64url as the enrolment response gives it. */
const RAW_KEY = new TextEncoder().encode('12345678901234567890');
const RAW_KEY_B64URL = btoa(String.fromCharCode(...RAW_KEY))
  .replace(/\+/g, '-')
  .replace(/\//g, '_')
  .replace(/=+$/, '');

const OPTIONS = { challenge: 'c'.repeat(43), allowCredentials: [], userVerification: 'required', rpId: location.hostname, timeout: 120000 };
const bytes = (text: string) => new TextEncoder().encode(text).buffer;

/** What the phone's authenticator hands the page: a passkey assertion with its user handle. */
const ASSERTION = {
  id: 'Y3JlZGVudGlhbA',
  rawId: bytes('credential'),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  response: {
    authenticatorData: bytes('authenticator'),
    clientDataJSON: bytes('{}'),
    signature: bytes('signature'),
    userHandle: bytes('employee'),
  },
  getClientExtensionResults: () => ({}),
};

type CredentialsGet = CredentialsContainer['get'];
const realGet: CredentialsGet = navigator.credentials.get.bind(navigator.credentials);
function answerCeremony(answer: () => Promise<unknown>): void {
  navigator.credentials.get = answer as CredentialsGet;
}

async function expectedCode(atMs: number): Promise<string> {
  return totpAt(webCryptoHmac(await importTotpKey(RAW_KEY)), atMs);
}

async function renderSignIn(): Promise<SignInView> {
  const view = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, { organisation: canadaPost });
  await settled(view);
  return view;
}

async function phoneActions(view: SignInView): Promise<HTMLElement> {
  // The first load of the component's module (and the WebAuthn library) can take a few seconds on a busy machine.
  await waitUntil(() => shadow(view).querySelector('phone-sign-in'), 'the phone actions show', { timeout: 10_000 });
  const actions = shadow(view).querySelector<HTMLElement>('phone-sign-in')!;
  await settled(actions);
  return actions;
}

describe('the enrolled phone', () => {
  afterEach(async () => {
    restoreFetch();
    navigator.credentials.get = realGet;
    await deleteOfflineKey();
    await resetLanguage();
  });

  it('a browser without the key shows the user-ID form only, and does not even create the phone database', async () => {
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('sesame-device');
      request.onsuccess = resolve;
      request.onerror = reject;
    });
    stubFetch(() => jsonResponse(200, { options: OPTIONS }));
    const view = await renderSignIn();
    // Long enough for the IndexedDB read to have answered.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settled(view);
    expect(queryByRole(shadow(view), 'heading', { name: 'On this phone' })).to.equal(null);
    expect(shadow(view).querySelector('phone-sign-in')).to.equal(null);
    expect(getByRole(shadow(view), 'button', { name: 'Continue' })).to.exist;
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include('sesame-device');
  });

  it('with the key: "Sign in with this device" and "Show a sign-in code" come first, the user-ID form stays for someone else; options are fetched before the tap', async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    const requests = stubFetch(() => jsonResponse(200, { options: OPTIONS }));
    const view = await renderSignIn();
    const actions = await phoneActions(view);
    const root = shadow(actions);
    expect(getByRole(root, 'heading', { level: 2, name: 'On this phone' })).to.exist;
    expect(getByRole(root, 'button', { name: 'Sign in with this device' })).to.exist;
    expect(getByRole(root, 'link', { name: 'Show a sign-in code' }).getAttribute('href')).to.equal('/device/code');
    expect(getByRole(shadow(view), 'heading', { level: 2, name: 'Sign in with a user ID' })).to.exist;
    expect(getByRole(shadow(view), 'button', { name: 'Continue' })).to.exist;
    // The phone's part comes before the form in reading order.
    const form = shadow(view).querySelector('form')!;
    expect(actions.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await waitUntil(() => requests.some((r) => r.url.endsWith('/api/auth/passkey/options')), 'options fetched on arrival');
    const opened = oneEvent(view, 'open-screen');
    getByRole(root, 'link', { name: 'Show a sign-in code' }).click();
    expect(((await opened) as CustomEvent<string>).detail).to.equal('device-code');
  });

  it('the passkey ceremony signs in with no user ID: the assertion goes to /verify, then "signed-in"', async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    const requests = stubFetch((request) =>
      request.url.endsWith('/verify')
        ? jsonResponse(200, { access: { level: 'full', expiresAt: '2026-12-02T10:00:00.000Z' } })
        : jsonResponse(200, { options: OPTIONS }),
    );
    let asked: CredentialRequestOptions | undefined;
    answerCeremony(async (...args: unknown[]) => {
      asked = args[0] as CredentialRequestOptions;
      return ASSERTION;
    });
    const view = await renderSignIn();
    const actions = await phoneActions(view);
    const signedIn = oneEvent(view, 'signed-in');
    getByRole(shadow(actions), 'button', { name: 'Sign in with this device' }).click();
    await signedIn;
    expect(asked?.publicKey?.allowCredentials ?? []).to.have.length(0, 'a discoverable credential: no allow list');
    expect(asked?.publicKey?.userVerification).to.equal('required');
    const verify = requests.find((r) => r.url.endsWith('/api/auth/passkey/verify'));
    const body = verify?.body as { assertion: { id: string; response: { userHandle: string } } };
    expect(body.assertion.id).to.equal(ASSERTION.id);
    expect(body.assertion.response.userHandle).to.equal('ZW1wbG95ZWU');
    expect(Object.keys(body)).to.deep.equal(['assertion'], 'no user ID is sent');
  });

  it('a cancelled ceremony and a removed device each say so, and the next tap has fresh options', async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    const requests = stubFetch((request) =>
      request.url.endsWith('/verify')
        ? jsonResponse(401, { error: 'device_unknown', message: 'x' })
        : jsonResponse(200, { options: OPTIONS }),
    );
    answerCeremony(async () => {
      throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError');
    });
    const view = await renderSignIn();
    const actions = await phoneActions(view);
    const button = getByRole(shadow(actions), 'button', { name: 'Sign in with this device' }) as HTMLButtonElement;
    button.click();
    await waitUntil(() => visibleText(errorSummaryOf(actions).alert) !== '', 'the refusal shows');
    expect(visibleText(errorSummaryOf(actions).alert)).to.contain('The passkey check was cancelled or did not succeed. Try again.');
    expect(requests.filter((r) => r.url.endsWith('/verify'))).to.have.length(0, 'nothing reached the server');

    answerCeremony(async () => ASSERTION);
    await waitUntil(() => !button.disabled);
    button.click();
    await waitUntil(() => visibleText(errorSummaryOf(actions).alert).includes('removed'), 'the removal shows');
    expect(visibleText(errorSummaryOf(actions).alert)).to.contain('This device is not enrolled, or it was removed.');
    expect(requests.filter((r) => r.url.endsWith('/options')).length).to.be.at.least(3, 'new options after each failure');

    await applyLanguage('fr', { remember: false });
    await settled(view);
    expect(visibleText(errorSummaryOf(actions).alert)).to.contain("Cet appareil n'est pas inscrit ou il a été retiré.");
    expect(getByRole(shadow(actions), 'button', { name: 'Se connecter avec cet appareil' })).to.exist;
    expect(getByRole(shadow(actions), 'link', { name: 'Afficher un code de connexion' })).to.exist;
  });

  it('offline, the tap says so in both languages', async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await applyLanguage('fr', { remember: false });
    const view = await renderSignIn();
    const actions = await phoneActions(view);
    getByRole(shadow(actions), 'button', { name: 'Se connecter avec cet appareil' }).click();
    await waitUntil(() => visibleText(errorSummaryOf(actions).alert) !== '', 'the refusal shows');
    expect(visibleText(errorSummaryOf(actions).alert)).to.contain('Vous êtes hors ligne.');
  });

  it('a phone removed on the server: the sign-in screen says so and offers neither action', async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    stubFetch(() => jsonResponse(200, { options: OPTIONS }));
    const view = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, {
      organisation: canadaPost,
      signInNotice: 'phone-removed',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settled(view);
    expect(visibleText(getByRole(shadow(view), 'status'))).to.contain('This phone was removed from your Mobile devices');
    expect(shadow(view).querySelector('phone-sign-in')).to.equal(null);
  });
});

describe('<device-code-view>', () => {
  afterEach(async () => {
    await deleteOfflineKey();
    await resetLanguage();
  });

  async function renderCode(): Promise<DeviceCodeView> {
    const view = await flowFixture<DeviceCodeView>(html`<device-code-view></device-code-view>`, { organisation: canadaPost });
    await waitUntil(() => shadow(view).querySelector('.code, .important'), 'the code or the notice shows');
    await settled(view);
    return view;
  }

  it("shows the key's current RFC 6238 code three and three, read digit by digit, with the seconds until the next, and makes no request", async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    const requests = stubFetch(() => jsonResponse(500, {}));
    const view = await renderCode();
    const root = shadow(view);
    expect(getByRole(root, 'heading', { level: 1, name: 'Sign-in code' })).to.exist;
    const shown = root.querySelector('.code')!.textContent!.trim();
    // The code of now, or of the step that began while the test read it.
    const now = Date.now();
    const candidates = [await expectedCode(now), await expectedCode(now - 1000)];
    expect(shown).to.match(/^\d{3} \d{3}$/);
    expect(candidates.map(groupedCode)).to.include(shown);
    expect(visibleText(root)).to.contain(`Code: ${spokenCode(shown.replace(' ', ''))}`);
    expect(visibleText(root)).to.match(/A new code in (\d+ seconds|1 second)\./);
    const seconds = Number(/A new code in (\d+)/.exec(visibleText(root))?.[1]);
    expect(Math.abs(seconds - secondsLeftInStep(Date.now()))).to.be.at.most(1);
    // The countdown is not a live region: only a new code is announced, and none yet.
    expect(visibleText(getByRole(root, 'status', { hidden: true }))).to.equal('');
    expect(requests, 'no network needed').to.have.length(0);
  });

  it('the seconds move on every second', async () => {
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    const view = await renderCode();
    const seconds = () => /A new code in (\d+)/.exec(visibleText(shadow(view)))?.[1];
    const first = seconds();
    await waitUntil(() => seconds() !== first, 'the countdown moved', { timeout: 2500 });
  });

  it('in French, and says so when this browser holds no key', async () => {
    await applyLanguage('fr', { remember: false });
    await saveOfflineKey('device-1', RAW_KEY_B64URL);
    const view = await renderCode();
    const root = shadow(view);
    expect(getByRole(root, 'heading', { level: 1, name: 'Code de connexion' })).to.exist;
    expect(visibleText(root)).to.match(/Nouveau code dans \d+ secondes?\./);
    expect(visibleText(root)).to.contain("Sur l'autre écran, choisissez « Appareil mobile »");
    // visibleText collapses the no-break space before the colon as the accessibility tree does.
    expect(visibleText(root)).to.contain('Code : ');

    await deleteOfflineKey();
    const none = await renderCode();
    expect(visibleText(shadow(none))).to.contain("Cet appareil n'a pas de code de connexion");
    expect(shadow(none).querySelector('.code')).to.equal(null);
  });
});
