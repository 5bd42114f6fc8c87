import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../client/views/password-view';
import { applyLanguage } from '../../client/i18n/language';
import type { PasswordView } from '../../client/views/password-view';
import {
  canadaPost,
  deepActiveElement,
  errorSummaryOf,
  getByLabelText,
  getByRole,
  isVisible,
  jsonResponse,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
} from './helpers';
import { flowFixture } from './flow-fixture';

async function renderView(): Promise<PasswordView> {
  const view = await flowFixture<PasswordView>(html`<password-view></password-view>`, { userId: '100001', organisation: canadaPost });
  await settled(view);
  return view;
}

function passwordField(view: PasswordView): HTMLInputElement {
  return getByLabelText(shadow(view), 'Password');
}

function logInButton(view: PasswordView): HTMLButtonElement {
  return getByRole(shadow(view), 'button', { name: 'Log in' }) as HTMLButtonElement;
}

async function submitWith(view: PasswordView, password: string): Promise<void> {
  passwordField(view).value = password;
  logInButton(view).click();
  await settled(view);
}

async function untilIdle(view: PasswordView): Promise<void> {
  // After a lock, Log in stays disabled until it ends: then the answer on screen is the sign.
  const answered = () => (errorSummaryOf(view).alert.textContent ?? '').trim() !== '';
  await waitUntil(() => !logInButton(view).disabled || answered(), 'Log in is enabled again, or a lock is shown');
  await settled(view);
}

describe('<password-view>', () => {
  afterEach(restoreFetch);
  afterEach(resetLanguage);

  it('shows the user ID and asks for the password in a masked field', async () => {
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Log in' })).to.exist;
    expect(visibleText(shadow(view))).to.contain('User ID: 100001');
    const field = passwordField(view);
    expect(field.type).to.equal('password');
    expect(field.autocomplete).to.equal('current-password');
  });

  it('shows no other text box than the password (the user ID kept for password managers stays hidden)', async () => {
    const view = await renderView();
    // The form carries the user ID in a hidden, read-only username field so that password
    // managers save the pair; a person should see only the password field.
    const username = shadow(view).querySelector<HTMLInputElement>('input[name="username"]');
    expect(username, 'the username field for password managers').to.exist;
    expect(username!.hasAttribute('hidden')).to.be.true;
    expect(isVisible(username!), 'the hidden username field is not displayed').to.be.false;
    const visibleInputs = Array.from(shadow(view).querySelectorAll('input')).filter(isVisible);
    expect(visibleInputs.map((i) => i.id)).to.deep.equal(['password', 'reveal']);
  });

  it('says "Enter your password." when submitted empty, without sending anything', async () => {
    const requests = stubFetch(() => jsonResponse(200, { next: 'profile' }));
    const view = await renderView();
    await submitWith(view, '');
    expect(requests).to.have.length(0);
    const { root, summary } = errorSummaryOf(view);
    const link = getByRole(root, 'link', { name: 'Enter your password.' });
    expect(deepActiveElement()).to.equal(summary);
    expect(passwordField(view).getAttribute('aria-invalid')).to.equal('true');
    link.click();
    expect(deepActiveElement(), 'the link takes the user to the field').to.equal(passwordField(view));
  });

  it('says the user ID or password is incorrect on a 401, and clears the password', async () => {
    const requests = stubFetch(() => jsonResponse(401, { error: 'invalid_credentials', message: 'The user ID or password is incorrect.' }));
    const view = await renderView();
    await submitWith(view, 'wrong password');
    await untilIdle(view);

    expect(requests).to.have.length(1);
    expect(new URL(requests[0]!.url).pathname).to.equal('/api/auth/password');
    expect(requests[0]!.method).to.equal('POST');
    expect(requests[0]!.body).to.deep.equal({ userId: '100001', password: 'wrong password' });

    const { alert, summary } = errorSummaryOf(view);
    expect(visibleText(alert)).to.contain('The user ID or password is incorrect.');
    expect(deepActiveElement()).to.equal(summary);
    expect(passwordField(view).value).to.equal('');
    expect(passwordField(view).getAttribute('aria-invalid')).to.equal('true');
  });

  it('says for how long the method is locked, and the Help Desk number, on a 429', async () => {
    stubFetch(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 900 }));
    const view = await renderView();
    await submitWith(view, 'another try');
    await untilIdle(view);
    const text = visibleText(errorSummaryOf(view).alert);
    expect(text).to.contain('locked for 15 minutes');
    expect(text).to.contain('1-877-411-8585');
    expect(passwordField(view).value).to.equal('');
  });

  it('says "1 minute", not "1 minutes", when the lock ends within a minute', async () => {
    stubFetch(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 45 }));
    const view = await renderView();
    await submitWith(view, 'another try');
    await untilIdle(view);
    const text = visibleText(errorSummaryOf(view).alert);
    expect(text).to.contain('locked for 1 minute for this user ID');
    expect(text).not.to.contain('1 minutes');
  });

  it('says the network is rate limited, with the Help Desk number', async () => {
    stubFetch(() => jsonResponse(429, { error: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 600 }));
    const view = await renderView();
    await submitWith(view, 'another try');
    await untilIdle(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain(
      'Too many failed attempts from this network. Try again in 10 minutes, or call the Help Desk at 1-877-411-8585.',
    );
  });

  it('takes the user from the error back to the password field', async () => {
    stubFetch(() => jsonResponse(401, { error: 'invalid_credentials', message: 'No.' }));
    const view = await renderView();
    await submitWith(view, 'wrong');
    await untilIdle(view);
    getByRole(errorSummaryOf(view).root, 'link', { name: 'The user ID or password is incorrect.' }).click();
    expect(deepActiveElement()).to.equal(passwordField(view));
  });

  it('signs in with Enter in the password field', async () => {
    stubFetch(() => jsonResponse(200, { next: 'profile' }));
    const view = await renderView();
    const signedIn = oneEvent(view, 'signed-in');
    passwordField(view).focus();
    await sendKeys({ type: 'pa55word' });
    await sendKeys({ press: 'Enter' });
    await signedIn;
  });

  it('shows the password as text when "Show password" is ticked, and hides it again', async () => {
    const view = await renderView();
    passwordField(view).value = 'Secret 123';
    const reveal = getByRole(shadow(view), 'checkbox', { name: 'Show password' }) as HTMLInputElement;
    expect(reveal.checked).to.be.false;
    reveal.click();
    await settled(view);
    expect(passwordField(view).type).to.equal('text');
    expect(passwordField(view).value, 'what was typed stays').to.equal('Secret 123');
    reveal.click();
    await settled(view);
    expect(passwordField(view).type).to.equal('password');
  });

  it('fires signed-in when the server accepts the password', async () => {
    const requests = stubFetch(() => jsonResponse(200, { next: 'profile' }));
    const view = await renderView();
    const signedIn = oneEvent(view, 'signed-in');
    await submitWith(view, 'correct horse battery staple');
    const { bubbles, composed } = await signedIn;
    expect(bubbles && composed).to.be.true;
    expect(requests[0]!.body).to.deep.equal({ userId: '100001', password: 'correct horse battery staple' });
  });

  it('fires forgot-password from the "Forgot your password?" link, without leaving the page', async () => {
    const view = await renderView();
    const link = getByRole(shadow(view), 'link', { name: 'Forgot your password?' });
    expect(link.getAttribute('href'), 'a real address, for opening in a new tab').to.equal('/forgot-password');
    const forgot = oneEvent(view, 'forgot-password');
    const path = location.pathname;
    link.click();
    await forgot;
    expect(location.pathname).to.equal(path);
  });

  it('fires choose-another-method from "Choose another method"', async () => {
    const view = await renderView();
    const event = oneEvent(view, 'choose-another-method');
    getByRole(shadow(view), 'link', { name: 'Choose another method' }).click();
    await event;
  });

  it('makes "Choose another method" and "Forgot your password?" real links, at least 44 px tall', async () => {
    const view = await renderView();
    const another = getByRole(shadow(view), 'link', { name: 'Choose another method' });
    expect(another.getAttribute('href'), 'a real address, for opening in a new tab').to.equal('/methods');
    for (const name of ['Choose another method', 'Forgot your password?']) {
      const height = getByRole(shadow(view), 'link', { name }).getBoundingClientRect().height;
      expect(height, `${name}: a touch target`).to.be.at.least(44);
    }
    // A click with a modifier (open in a new tab) is the browser's: the app does not move.
    let fired = false;
    view.addEventListener('choose-another-method', () => (fired = true));
    const modified = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ctrlKey: true });
    another.addEventListener('click', (e) => e.preventDefault(), { once: true }); // the test page itself stays
    another.dispatchEvent(modified);
    expect(fired, 'no in-app move on Ctrl+click').to.be.false;
  });

  it('when locked, says until when with a tappable help-desk number, and disables Log in until then', async () => {
    const requests = stubFetch(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 1, minutes: 1 }));
    const view = await renderView();
    const before = Date.now();
    await submitWith(view, 'wrong-again');
    await waitUntil(() => logInButton(view).disabled && !!errorSummaryOf(view).alert.textContent?.includes('Try again at'));
    const { alert } = errorSummaryOf(view);
    const until = new Date(Math.ceil((before + 1000) / 60_000) * 60_000);
    const time = new Intl.DateTimeFormat('en-CA', { hour: 'numeric', minute: '2-digit' }).format(until);
    expect(visibleText(alert)).to.contain(`This sign-in method is locked for 1 minute for this user ID. Try again at ${time},`);
    const phone = getByRole(alert, 'link', { name: '1-877-411-8585' });
    expect(phone.getAttribute('href')).to.equal('tel:18774118585');
    expect(logInButton(view).disabled, 'Log in is disabled while locked').to.be.true;
    // Enter in the field sends nothing while locked.
    passwordField(view).value = 'another';
    passwordField(view).form?.requestSubmit();
    await settled(view);
    expect(requests).to.have.length(1);
    await waitUntil(() => !logInButton(view).disabled, 'Log in comes back by itself when the lock ends', { timeout: 3000 });
  });

  it('shows the lock again, with the time left, when the screen is left and opened again', async () => {
    const requests = stubFetch(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 600 }));
    const first = await renderView();
    const reported = oneEvent(first, 'method-locked');
    await submitWith(first, 'wrong-again');
    const { detail: lock } = await reported;
    expect(lock).to.include({ userId: '100001', method: 'password', reason: 'locked' });
    // Choose another method, then Use password again: a new screen, the lock kept in the flow.
    const again = await flowFixture<PasswordView>(html`<password-view></password-view>`, {
      userId: '100001',
      organisation: canadaPost,
      locks: [lock],
    });
    await settled(again);
    expect(visibleText(errorSummaryOf(again).alert)).to.contain(
      'This sign-in method is locked for 10 minutes for this user ID. Try again at',
    );
    expect(logInButton(again).disabled, 'Log in is disabled while the kept lock runs').to.be.true;
    expect(requests).to.have.length(1);
    // Another user ID, or a lock that has ended, shows nothing.
    const other = await flowFixture<PasswordView>(html`<password-view></password-view>`, {
      userId: '100002',
      organisation: canadaPost,
      locks: [lock],
    });
    expect(logInButton(other).disabled).to.be.false;
    const ended = await flowFixture<PasswordView>(html`<password-view></password-view>`, {
      userId: '100001',
      organisation: canadaPost,
      locks: [{ ...lock, until: Date.now() - 1 }],
    });
    expect(logInButton(ended).disabled).to.be.false;
  });

  it('warns how many tries are left before the lock after a wrong password', async () => {
    stubFetch(() => jsonResponse(401, { error: 'invalid_credentials', message: 'Wrong.', attemptsLeft: 2, lockMinutes: 15 }));
    const view = await renderView();
    await submitWith(view, 'wrong');
    await untilIdle(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain(
      'The user ID or password is incorrect. 2 attempts left before this method is locked for 15 minutes.',
    );
  });

  it('says « Réessayez à 14 h 32 » in French', async () => {
    stubFetch(() => jsonResponse(429, { error: 'locked', message: 'Verrouillé.', retryAfterSeconds: 600, minutes: 10 }));
    await applyLanguage('fr', { remember: false });
    const view = await renderView();
    shadow(view).querySelector<HTMLInputElement>('#password')!.value = 'faux';
    getByRole(shadow(view), 'button', { name: 'Ouverture de session' }).click();
    await waitUntil(() => !!errorSummaryOf(view).alert.textContent?.includes('Réessayez à'), visibleText(shadow(view)));
    expect(visibleText(errorSummaryOf(view).alert)).to.match(
      /verrouillée pendant 10 minutes pour ce code d'utilisateur\. Réessayez à (\p{L}+ )?\d{1,2} h \d{2} ou/u,
    );
  });
});
