import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../client/views/set-password-view';
import type { SetPasswordView } from '../../client/views/set-password-view';
import type { PasswordChecklist } from '../../client/components/password-checklist';
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
  visibleText,
} from './helpers';
import { flowFixture, signedIn } from './flow-fixture';
import { passwordServer } from './password-server';

async function renderView(reason: 'reset' | 'temporary' = 'reset', until = ''): Promise<SetPasswordView> {
  const view = await flowFixture<SetPasswordView>(html`<set-password-view></set-password-view>`, {
    access: { level: 'set-password', reason, until },
    profile: signedIn('100001', 'Alex Tremblay'),
    organisation: canadaPost,
  });
  await settled(view);
  return view;
}

const newField = (view: SetPasswordView) => getByLabelText(shadow(view), 'New password');
const confirmField = (view: SetPasswordView) => getByLabelText(shadow(view), 'Confirm the new password');
const saveButton = (view: SetPasswordView) => getByRole(shadow(view), 'button', { name: 'Save the new password' }) as HTMLButtonElement;
const checklist = (view: SetPasswordView) => shadow(view).querySelector<PasswordChecklist>('password-checklist')!;
const checklistItem = (view: SetPasswordView, rule: string) => visibleText(shadow(checklist(view)).querySelector(`[data-rule="${rule}"]`)!);

async function typeInto(view: SetPasswordView, field: HTMLInputElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
  await settled(view);
}

async function fill(view: SetPasswordView, password: string, confirmation = password): Promise<void> {
  for (const [field, value] of [
    [newField(view), password],
    [confirmField(view), confirmation],
  ] as const) {
    field.value = value;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
  await settled(view);
}

async function submit(view: SetPasswordView): Promise<void> {
  saveButton(view).click();
  await settled(view);
  await waitUntil(() => !saveButton(view).disabled, 'the form is usable again');
  await settled(view);
}

describe('<set-password-view>', () => {
  afterEach(restoreFetch);
  afterEach(resetLanguage);

  it("the primary directory's refusal, in words naming it, in the page's language", async () => {
    passwordServer({
      save: () => jsonResponse(422, { error: 'password_refused', message: 'The server says so.', refusal: 'too_short' }),
    });
    const view = await renderView();
    await fill(view, 'purple elephants dance');
    await applyLanguage('fr', { remember: false });
    await settled(view);
    const save = getByRole(shadow(view), 'button', { name: 'Enregistrer le nouveau mot de passe' }) as HTMLButtonElement;
    save.click();
    await waitUntil(() => !save.disabled && errorSummaryOf(view).alert.textContent?.includes('Intranet'), 'the refusal is shown');
    await settled(view);
    const { root } = errorSummaryOf(view);
    getByRole(root, 'link', {
      name: 'Intranet a refusé le nouveau mot de passe\u00a0: il est trop court pour ce système. Choisissez-en un plus long.',
    }).click();
    expect(deepActiveElement()).to.equal(getByLabelText(shadow(view), 'Nouveau mot de passe'));
  });

  it('after a reset: "Set a new password", and 10 minutes to do it', async () => {
    passwordServer();
    const view = await renderView('reset', new Date(Date.now() + 10 * 60_000).toISOString());
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Set a new password' })).to.exist;
    expect(visibleText(shadow(view))).to.contain('You proved who you are. Choose a new password within 10 minutes.');
    expect(newField(view).type).to.equal('password');
    expect(newField(view).autocomplete).to.equal('new-password');
    expect(confirmField(view).autocomplete).to.equal('new-password');
  });

  it('says "1 minute" when that is all that is left', async () => {
    passwordServer();
    const view = await renderView('reset', new Date(Date.now() + 45_000).toISOString());
    expect(visibleText(shadow(view))).to.contain('Choose a new password within 1 minute.');
  });

  it("after a temporary password: asks for the employee's own", async () => {
    passwordServer();
    const view = await renderView('temporary');
    expect(visibleText(shadow(view))).to.contain('Your password is temporary. Choose your own before you continue.');
    expect(visibleText(shadow(view))).not.to.contain('You proved who you are');
  });

  it('reads the policy from the server: the checklist shows its lengths and rules', async () => {
    passwordServer({ policy: { minLength: 14, maxLength: 64, require: ['digit'], historySize: 5 } });
    const view = await renderView();
    await waitUntil(() => checklistItem(view, 'length').includes('14 to 64'), 'the policy arrived');
    expect(checklistItem(view, 'digit')).to.contain('Contains a digit');
  });

  it('the checklist follows the typing, the common-password list included', async () => {
    passwordServer({ listed: ['password1234'] });
    const view = await renderView();
    await typeInto(view, newField(view), 'Tremblay');
    expect(checklistItem(view, 'no-name')).to.contain('(Not met)');
    expect(checklistItem(view, 'length')).to.contain('(Not met)');
    newField(view).value = '';
    await typeInto(view, newField(view), 'Password1234');
    expect(checklistItem(view, 'length')).to.contain('(Met)');
    expect(checklistItem(view, 'no-name')).to.contain('(Met)');
    await waitUntil(() => checklistItem(view, 'not-common').includes('(Not met)'), 'found in the list');
  });

  it('the checklist says whether the confirmation matches, once it is typed', async () => {
    passwordServer();
    const view = await renderView();
    await typeInto(view, newField(view), 'purple elephants');
    expect(checklistItem(view, 'match')).to.equal('The two passwords match, (Not checked yet)');
    await typeInto(view, confirmField(view), 'purple elephants');
    expect(checklistItem(view, 'match')).to.equal('The two passwords match, (Met)');
    await typeInto(view, confirmField(view), '!');
    expect(checklistItem(view, 'match')).to.equal('The two passwords match, (Not met)');
  });

  it('shows a mismatch as soon as the confirmation parts ways, not while it is being typed', async () => {
    passwordServer();
    const view = await renderView();
    await typeInto(view, newField(view), 'purple elephants');
    await typeInto(view, confirmField(view), 'purple');
    expect(visibleText(shadow(view))).not.to.contain('do not match');
    await typeInto(view, confirmField(view), ' elk');
    const error = shadow(view).querySelector('#confirm-password-error-0');
    expect(visibleText(error!)).to.equal('The two new passwords do not match.');
    expect(confirmField(view).getAttribute('aria-invalid')).to.equal('true');
    expect(confirmField(view).getAttribute('aria-describedby')).to.equal('confirm-password-error-0');
  });

  it('submitted empty: says what is missing, at the top and at each field, and sends nothing', async () => {
    const server = passwordServer();
    const view = await renderView();
    await submit(view);
    expect(server.saves()).to.have.length(0);
    const { root, summary } = errorSummaryOf(view);
    expect(deepActiveElement()).to.equal(summary);
    getByRole(root, 'link', { name: 'Enter the new password again to confirm it.' }).click();
    expect(deepActiveElement()).to.equal(confirmField(view));
    getByRole(root, 'link', { name: 'Enter a new password.' }).click();
    expect(deepActiveElement()).to.equal(newField(view));
    expect(newField(view).getAttribute('aria-invalid')).to.equal('true');
  });

  it('a rule the page already sees broken is named, and nothing is sent', async () => {
    const server = passwordServer();
    const view = await renderView();
    await fill(view, 'tremblay tremblay');
    await submit(view);
    expect(server.saves()).to.have.length(0);
    const { root } = errorSummaryOf(view);
    getByRole(root, 'link', { name: 'Your new password must not contain your name.' }).click();
    expect(deepActiveElement()).to.equal(newField(view));
  });

  it('a mismatch on submit is named and sends nothing', async () => {
    const server = passwordServer();
    const view = await renderView();
    await fill(view, 'purple elephants dance', 'purple elephants');
    await submit(view);
    expect(server.saves()).to.have.length(0);
    expect(getByRole(errorSummaryOf(view).root, 'link', { name: 'The two new passwords do not match.' })).to.exist;
  });

  it("the server's refusal names the rules it found broken (the history, here)", async () => {
    passwordServer({
      save: () => jsonResponse(400, { error: 'password_policy', message: 'No.', failedRules: ['not-recent'] }),
    });
    const view = await renderView();
    await fill(view, 'purple elephants dance');
    await submit(view);
    const { root, summary } = errorSummaryOf(view);
    expect(deepActiveElement()).to.equal(summary);
    expect(getByRole(root, 'link', { name: 'Your new password must not be one of your last 5 passwords.' })).to.exist;
    expect(newField(view).value, 'kept, so that it can be changed').to.equal('purple elephants dance');
  });

  it("saves, and fires password-set with the session's new access", async () => {
    const server = passwordServer({ save: () => jsonResponse(200, { access: { level: 'enrol' } }) });
    const view = await renderView('temporary');
    await fill(view, 'purple elephants dance');
    const saved = oneEvent(view, 'password-set');
    saveButton(view).click();
    const event = await saved;
    expect(event.detail).to.deep.equal({ level: 'enrol' });
    expect(event.bubbles && event.composed).to.be.true;
    const [request] = server.saves();
    expect(new URL(request!.url).pathname).to.equal('/api/password/set');
    expect(request!.body).to.deep.equal({ newPassword: 'purple elephants dance' });
    await settled(view);
    expect(newField(view).value, 'nothing of the password stays on the page').to.equal('');
  });

  it('when the 10 minutes are over: says the session ended and tells the app', async () => {
    passwordServer({ save: () => jsonResponse(401, { error: 'unauthenticated', message: 'Ended.' }) });
    const view = await renderView();
    await fill(view, 'purple elephants dance');
    const ended = oneEvent(view, 'session-ended');
    saveButton(view).click();
    await ended;
    await settled(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain('Your session has ended. Sign in again.');
  });

  it('"Show passwords" shows both new-password fields as text', async () => {
    passwordServer();
    const view = await renderView();
    getByRole(shadow(view), 'checkbox', { name: 'Show passwords' }).click();
    await settled(view);
    expect(newField(view).type).to.equal('text');
    expect(confirmField(view).type).to.equal('text');
  });

  it('speaks French', async () => {
    passwordServer();
    await applyLanguage('fr', { remember: false });
    const view = await renderView('reset', new Date(Date.now() + 10 * 60_000).toISOString());
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Définir un nouveau mot de passe' })).to.exist;
    expect(visibleText(shadow(view))).to.contain("Vous avez prouvé votre identité. Choisissez un nouveau mot de passe d'ici 10 minutes.");
    expect(getByLabelText(shadow(view), 'Nouveau mot de passe')).to.exist;
    expect(getByLabelText(shadow(view), 'Confirmer le nouveau mot de passe')).to.exist;
    getByRole(shadow(view), 'button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await settled(view);
    expect(getByRole(errorSummaryOf(view).root, 'link', { name: 'Entrez un nouveau mot de passe.' })).to.exist;
  });

  describe('the countdown (issue 7, item 8)', () => {
    const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
    const statusText = (view: SetPasswordView) =>
      Array.from(shadow(view).querySelectorAll('[role="status"]'))
        .map((el) => visibleText(el))
        .join(' ');

    it('shows the minutes left, and the intro follows them', async () => {
      passwordServer();
      const view = await renderView('reset', inMs(7 * 60_000 - 500));
      expect(visibleText(shadow(view))).to.contain('7 minutes left to set your new password.');
      expect(visibleText(shadow(view))).to.contain('Choose a new password within 7 minutes.');
      // Not a minute the screen readers are told about.
      expect(statusText(view)).to.equal('');
    });

    it('tells screen readers at 5 minutes left, and only then', async () => {
      passwordServer();
      const view = await renderView('reset', inMs(5 * 60_000 + 1_200));
      expect(statusText(view)).to.equal('');
      await waitUntil(() => statusText(view).includes('5 minutes left to set your new password.'), 'announced at 5 minutes', {
        timeout: 3_000,
      });
    });

    it('warns near the end, the temporary-password step too', async () => {
      passwordServer();
      const view = await renderView('temporary', inMs(90_000));
      const countdown = shadow(view).querySelector('[data-countdown]')!;
      expect(visibleText(countdown)).to.contain('2 minutes left to set your new password.');
      expect(visibleText(countdown)).to.contain('Save it now: when the time is over, this step ends and you start again.');
      expect(countdown.classList.contains('important')).to.be.true;
    });

    it('when the time is over: says nothing was saved, clears what was typed, and offers to start again', async () => {
      passwordServer();
      const view = await renderView('reset', inMs(1_500));
      await fill(view, 'purple elephants dance');
      await waitUntil(() => visibleText(shadow(view)).includes('The time to set a new password is over'), 'expired', { timeout: 4_000 });
      expect(visibleText(shadow(view)))
        .to.contain('nothing was saved')
        .and.contain('your user ID is kept');
      expect(shadow(view).querySelectorAll('input[type="password"]')).to.have.length(0);
      expect(deepActiveElement()?.tagName).to.equal('H1');
      const again = oneEvent(view, 'start-again');
      (getByRole(shadow(view), 'button', { name: 'Start again' }) as HTMLButtonElement).click();
      const event = await again;
      expect(event.bubbles && event.composed).to.be.true;
    });

    it('speaks French', async () => {
      passwordServer();
      await applyLanguage('fr', { remember: false });
      const view = await renderView('reset', inMs(3 * 60_000 - 500));
      expect(visibleText(shadow(view))).to.contain('Il vous reste 3 minutes pour choisir votre nouveau mot de passe.');
    });
  });
});
