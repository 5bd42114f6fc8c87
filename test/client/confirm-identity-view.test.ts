import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../client/views/confirm-identity-view';
import type { ConfirmIdentityView } from '../../client/views/confirm-identity-view';
import { applyLanguage } from '../../client/i18n/language';
import {
  canadaPost,
  deepActiveElement,
  errorSummaryOf,
  getByLabelText,
  getByRole,
  jsonResponse,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
} from './helpers';
import { flowFixture, signedIn } from './flow-fixture';

async function renderView(): Promise<ConfirmIdentityView> {
  const view = await flowFixture<ConfirmIdentityView>(html`<confirm-identity-view></confirm-identity-view>`, {
    access: { level: 'full' },
    profile: signedIn('100001', 'Alex Tremblay'),
    organisation: canadaPost,
  });
  await settled(view);
  return view;
}

const continueButton = (view: ConfirmIdentityView) => getByRole(shadow(view), 'button', { name: 'Continue' }) as HTMLButtonElement;

async function submitWith(view: ConfirmIdentityView, password: string): Promise<void> {
  getByLabelText(shadow(view), 'Password').value = password;
  continueButton(view).click();
  await waitUntil(() => !continueButton(view).disabled, 'Continue is enabled again');
  await settled(view);
}

describe('<confirm-identity-view>', () => {
  afterEach(restoreFetch);
  afterEach(resetLanguage);

  it('says why, asks for the current password, and puts the focus on it on arrival', async () => {
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Confirm your identity' })).to.exist;
    expect(visibleText(shadow(view))).to.contain('To change how you prove who you are, enter your password again.');
    const field = getByLabelText(shadow(view), 'Password');
    expect(field.type).to.equal('password');
    expect(field.autocomplete).to.equal('current-password');
    expect(getByRole(shadow(view), 'link', { name: 'Cancel' })).to.exist;
    await view.focusHeading();
    expect(deepActiveElement()).to.equal(field);
  });

  it('speaks French', async () => {
    await applyLanguage('fr', { remember: false });
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Confirmez votre identité' })).to.exist;
    expect(visibleText(shadow(view))).to.contain(
      'Pour changer la façon dont vous prouvez votre identité, entrez de nouveau votre mot de passe.',
    );
    expect(getByRole(shadow(view), 'button', { name: 'Continuer' })).to.exist;
    expect(getByRole(shadow(view), 'link', { name: 'Annuler' })).to.exist;
  });

  it('a wrong password shows in the error summary, which takes the focus, and the field is emptied', async () => {
    stubFetch(() => jsonResponse(401, { error: 'invalid_credentials', message: 'x' }));
    const view = await renderView();
    await submitWith(view, 'not my password');
    await waitUntil(() => errorSummaryOf(view).root.querySelector('a'), 'the summary lists the refusal');
    const { root, summary } = errorSummaryOf(view);
    expect(getByRole(root, 'link', { name: 'The user ID or password is incorrect.' })).to.exist;
    expect(deepActiveElement()).to.equal(summary);
    const field = getByLabelText(shadow(view), 'Password');
    expect(field.value).to.equal('');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
  });

  it('an empty password is not sent', async () => {
    const requests = stubFetch(() => jsonResponse(200, {}));
    const view = await renderView();
    await submitWith(view, '');
    expect(requests).to.have.length(0);
    expect(getByRole(errorSummaryOf(view).root, 'link', { name: 'Enter your password.' })).to.exist;
  });

  it('the right password is sent once, and the screen reports the confirmation', async () => {
    const answer = { access: { level: 'full' }, recentProofUntil: '2026-11-26T09:05:00.000Z' };
    const requests = stubFetch(() => jsonResponse(200, answer));
    const view = await renderView();
    const confirmed = oneEvent(view, 'identity-confirmed');
    getByLabelText(shadow(view), 'Password').value = 'correct horse battery';
    continueButton(view).click();
    const event = (await confirmed) as CustomEvent;
    expect(event.detail).to.deep.equal(answer);
    expect(requests.map((r) => [r.method, new URL(r.url).pathname, r.body])).to.deep.equal([
      ['POST', '/api/auth/reauthenticate', { password: 'correct horse battery' }],
    ]);
  });

  it('Cancel goes back to My Profile', async () => {
    const view = await renderView();
    const back = oneEvent(view, 'back-to-profile');
    getByRole(shadow(view), 'link', { name: 'Cancel' }).click();
    await back;
  });
});
