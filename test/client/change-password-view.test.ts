import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../client/views/change-password-view';
import type { ChangePasswordView } from '../../client/views/change-password-view';
import type { PasswordChecklist } from '../../client/components/password-checklist';
import { applyLanguage } from '../../client/i18n/language';
import {
  canadaPost,
  deepActiveElement,
  errorSummaryOf,
  getByLabelText,
  getByRole,
  jsonResponse,
  networkFailure,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
} from './helpers';
import { flowFixture, signedIn } from './flow-fixture';
import { passwordServer } from './password-server';

async function renderView(): Promise<ChangePasswordView> {
  const view = await flowFixture<ChangePasswordView>(html`<change-password-view></change-password-view>`, {
    access: { level: 'full' },
    profile: signedIn('100001', 'Alex Tremblay'),
    organisation: canadaPost,
  });
  await settled(view);
  return view;
}

const field = (view: ChangePasswordView, label: string) => getByLabelText(shadow(view), label);
const changeButton = (view: ChangePasswordView) => getByRole(shadow(view), 'button', { name: 'Change password' }) as HTMLButtonElement;

async function fill(view: ChangePasswordView, current: string, next: string, confirmation = next): Promise<void> {
  const values: Array<[string, string]> = [
    ['Current password', current],
    ['New password', next],
    ['Confirm the new password', confirmation],
  ];
  for (const [label, value] of values) {
    const input = field(view, label);
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
  await settled(view);
}

async function submit(view: ChangePasswordView): Promise<void> {
  changeButton(view).click();
  await settled(view);
  await waitUntil(() => !changeButton(view).disabled, 'the form is usable again');
  await settled(view);
}

describe('<change-password-view>', () => {
  afterEach(restoreFetch);
  afterEach(resetLanguage);

  it('"Change password": current, new and confirmation, in that order, with the checklist', async () => {
    passwordServer();
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Change password' })).to.exist;
    const ids = Array.from(shadow(view).querySelectorAll('input[type="password"]')).map((i) => i.id);
    expect(ids).to.deep.equal(['current-password', 'new-password', 'confirm-password']);
    expect(field(view, 'Current password').autocomplete).to.equal('current-password');
    expect(shadow(view).querySelector('password-checklist')).to.exist;
  });

  it('the checklist reacts as the new password is typed', async () => {
    passwordServer();
    const view = await renderView();
    field(view, 'New password').focus();
    await sendKeys({ type: 'my 100001 day' });
    await settled(view);
    const checklist = shadow(view).querySelector<PasswordChecklist>('password-checklist')!;
    expect(visibleText(shadow(checklist).querySelector('li[data-rule="no-user-id"]')!)).to.contain('(Not met)');
    expect(visibleText(shadow(checklist).querySelector('li[data-rule="length"]')!)).to.contain('(Met)');
  });

  it('submitted without the current password: says so, and sends nothing', async () => {
    const server = passwordServer();
    const view = await renderView();
    await fill(view, '', 'purple elephants dance');
    await submit(view);
    expect(server.saves()).to.have.length(0);
    const { root, summary } = errorSummaryOf(view);
    expect(deepActiveElement()).to.equal(summary);
    getByRole(root, 'link', { name: 'Enter your current password.' }).click();
    expect(deepActiveElement()).to.equal(field(view, 'Current password'));
  });

  it('a wrong current password is named at that field, which is emptied', async () => {
    passwordServer({ save: () => jsonResponse(401, { error: 'invalid_credentials', message: 'No.' }) });
    const view = await renderView();
    await fill(view, 'not it', 'purple elephants dance');
    await submit(view);
    const { root } = errorSummaryOf(view);
    getByRole(root, 'link', { name: 'Your current password is incorrect.' }).click();
    expect(deepActiveElement()).to.equal(field(view, 'Current password'));
    expect(field(view, 'Current password').value).to.equal('');
    expect(field(view, 'Current password').getAttribute('aria-invalid')).to.equal('true');
    expect(field(view, 'New password').value).to.equal('purple elephants dance');
  });

  it('after too many wrong passwords: how long the lock lasts, and the Help Desk', async () => {
    passwordServer({ save: () => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 900 }) });
    const view = await renderView();
    await fill(view, 'wrong again', 'purple elephants dance');
    await submit(view);
    const text = visibleText(errorSummaryOf(view).alert);
    expect(text).to.contain('locked for 15 minutes');
    expect(text).to.contain('1-877-411-8585');
  });

  it('offline: says so', async () => {
    stubFetch(networkFailure);
    const view = await renderView();
    await fill(view, 'correct horse battery', 'purple elephants dance');
    await submit(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain('You are offline.');
  });

  it("the server's policy refusal names each rule", async () => {
    passwordServer({
      save: () => jsonResponse(400, { error: 'password_policy', message: 'No.', failedRules: ['not-common', 'symbol'] }),
    });
    const view = await renderView();
    await fill(view, 'correct horse battery', 'purple elephants dance');
    await submit(view);
    const { root } = errorSummaryOf(view);
    expect(
      getByRole(root, 'link', { name: 'Your new password is a common password, or one exposed in a data breach. Choose another one.' }),
    ).to.exist;
    expect(getByRole(root, 'link', { name: 'Your new password must contain a symbol, such as ! or #.' })).to.exist;
  });

  it("the primary directory's refusal, in words naming it, linked to the new password; in French after a switch", async () => {
    passwordServer({
      save: () => jsonResponse(422, { error: 'password_refused', message: 'The server says so.', refusal: 'history' }),
    });
    const view = await renderView();
    await fill(view, 'correct horse battery', 'purple elephants dance');
    await submit(view);
    const { root } = errorSummaryOf(view);
    const link = getByRole(root, 'link', {
      name: 'Intranet refused the new password: you have used it there before. Choose one you have never used.',
    });
    link.click();
    expect(deepActiveElement()).to.equal(field(view, 'New password'));

    await applyLanguage('fr', { remember: false });
    await settled(view);
    // (visibleText reads the no-break space before the colon as a space.)
    expect(visibleText(errorSummaryOf(view).alert)).to.contain(
      "Intranet a refusé le nouveau mot de passe : vous l'y avez déjà utilisé. Choisissez-en un que vous n'avez jamais utilisé.",
    );
  });

  it('saves and fires password-changed', async () => {
    const server = passwordServer();
    const view = await renderView();
    await fill(view, 'correct horse battery', 'purple elephants dance');
    const changed = oneEvent(view, 'password-changed');
    changeButton(view).click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ level: 'full' });
    const [request] = server.saves();
    expect(new URL(request!.url).pathname).to.equal('/api/password/change');
    expect(request!.body).to.deep.equal({ currentPassword: 'correct horse battery', newPassword: 'purple elephants dance' });
  });

  it('Cancel goes back to My Profile without leaving the page', async () => {
    passwordServer();
    const view = await renderView();
    const link = getByRole(shadow(view), 'link', { name: 'Cancel' });
    expect(link.getAttribute('href')).to.equal('/profile');
    const back = oneEvent(view, 'back-to-profile');
    const path = location.pathname;
    link.click();
    await back;
    expect(location.pathname).to.equal(path);
  });

  it('speaks French', async () => {
    passwordServer();
    await applyLanguage('fr', { remember: false });
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Changer le mot de passe' })).to.exist;
    expect(getByLabelText(shadow(view), 'Mot de passe actuel')).to.exist;
    expect(getByRole(shadow(view), 'link', { name: 'Annuler' })).to.exist;
  });
});
