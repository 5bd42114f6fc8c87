import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../client/views/sign-in-view';
import type { IdentifiedDetail, SignInView } from '../../client/views/sign-in-view';
import { applyLanguage } from '../../client/i18n/language';
import {
  accessibleDescription,
  canadaPost,
  deepActiveElement,
  errorSummaryOf,
  getByLabelText,
  getByRole,
  jsonResponse,
  networkFailure,
  queryAllByRole,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
} from './helpers';
import { flowFixture } from './flow-fixture';

const HINT = 'User ID can be found on your pay statement beside your Employee ID.';
const FORMAT_ERROR = 'Enter your user ID as it appears on your pay statement: letters and digits only.';

async function renderView(): Promise<SignInView> {
  const view = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, { organisation: canadaPost });
  await settled(view);
  return view;
}

function userIdField(view: SignInView): HTMLInputElement {
  return getByLabelText(shadow(view), 'User ID');
}

async function submitWith(view: SignInView, value: string): Promise<void> {
  userIdField(view).value = value;
  getByRole(shadow(view), 'button', { name: 'Continue' }).click();
  await settled(view);
}

/** Resolves once the view has finished its request and shown the outcome. */
async function untilIdle(view: SignInView): Promise<void> {
  const button = getByRole(shadow(view), 'button', { name: 'Continue' }) as HTMLButtonElement;
  await waitUntil(() => !button.disabled, 'Continue is enabled again');
  await settled(view);
}

describe('<sign-in-view>', () => {
  afterEach(restoreFetch);
  afterEach(resetLanguage);

  it('asks phones for the numeric keypad when the organisation says user IDs are digits', async () => {
    const view = await renderView();
    expect(userIdField(view).inputMode).to.equal('numeric');
    const text = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, {
      organisation: { ...canadaPost, userIdInputMode: 'text' },
    });
    expect(userIdField(text).inputMode).to.equal('text');
  });

  it('ignores spaces inside a typed user ID ("100 001" is 100001)', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password', 'questions'] }));
    const view = await renderView();
    const identified = oneEvent(view, 'identified');
    await submitWith(view, ' 100 001 ');
    expect(((await identified) as CustomEvent<IdentifiedDetail>).detail.userId).to.equal('100001');
    expect(requests[0]?.body).to.deep.equal({ userId: '100001' });
  });

  it('says when what was typed looks like an employee ID, from its form alone (nothing is sent)', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    await submitWith(view, 'E-200001');
    const { alert } = errorSummaryOf(view);
    expect(visibleText(alert)).to.contain('This looks like an employee ID. Your user ID is beside it on your pay statement.');
    expect(userIdField(view).getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(userIdField(view))).to.contain('This looks like an employee ID.');
    expect(requests, 'a format check, never a lookup').to.have.length(0);
  });

  it('says it in French: « Ceci ressemble à un ID d’employé. »', async () => {
    stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    await applyLanguage('fr', { remember: false });
    const view = await renderView();
    shadow(view).querySelector<HTMLInputElement>('#user-id')!.value = 'e200002';
    getByRole(shadow(view), 'button', { name: 'Continuer' }).click();
    await settled(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain(
      "Ceci ressemble à un ID d'employé. Votre ID utilisateur figure à côté sur votre bulletin de paie.",
    );
  });

  it('announces "You are logged out." after a log-out', async () => {
    const view = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, { signInNotice: 'logged-out' });
    expect(visibleText(getByRole(shadow(view), 'status'))).to.equal('You are logged out.');
  });

  it('announces that the session ended when it expired', async () => {
    const view = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, { signInNotice: 'session-ended' });
    expect(visibleText(getByRole(shadow(view), 'status'))).to.equal('Your session has ended. Sign in again.');
  });

  it('keeps the user ID it was given (coming back from a later screen)', async () => {
    const view = await flowFixture<SignInView>(html`<sign-in-view></sign-in-view>`, { userId: '100001' });
    expect(userIdField(view).value).to.equal('100001');
  });

  it('is headed "Self-service password: Sign in"', async () => {
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Self-service password: Sign in' })).to.exist;
  });

  it('asks for the user ID in a labelled field described by where to find it', async () => {
    const view = await renderView();
    const field = userIdField(view);
    expect(field.type).to.equal('text');
    expect(field.autocomplete).to.equal('username');
    expect(accessibleDescription(field)).to.equal(HINT);
    expect(field.getAttribute('aria-invalid')).not.to.equal('true');
    // No error box before the user has done anything.
    expect(visibleText(errorSummaryOf(view).alert)).to.equal('');
  });

  it('says "Enter your user ID." when submitted empty, with a link to the field', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    await submitWith(view, '   ');

    expect(requests, 'nothing is sent').to.have.length(0);
    const { alert, root, summary } = errorSummaryOf(view);
    expect(getByRole(alert, 'heading', { name: 'There is a problem' })).to.exist;
    const link = getByRole(root, 'link', { name: 'Enter your user ID.' });
    expect(link.getAttribute('href')).to.equal('#user-id');
    expect(deepActiveElement(), 'focus moves to the summary').to.equal(summary);

    const field = userIdField(view);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(field)).to.equal(`${HINT} Enter your user ID.`);

    link.click();
    expect(deepActiveElement(), 'the link takes the user to the field').to.equal(field);
  });

  it('explains the format when the user ID has other characters', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    await submitWith(view, 'ab$%');

    expect(requests).to.have.length(0);
    const { root } = errorSummaryOf(view);
    expect(getByRole(root, 'link', { name: FORMAT_ERROR }).getAttribute('href')).to.equal('#user-id');
    expect(userIdField(view).getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(userIdField(view))).to.contain(FORMAT_ERROR);
  });

  it('clears the error once a valid user ID is sent', async () => {
    stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    await submitWith(view, '');
    expect(userIdField(view).getAttribute('aria-invalid')).to.equal('true');
    await submitWith(view, '100001');
    await untilIdle(view);
    expect(userIdField(view).getAttribute('aria-invalid')).to.equal('false');
    expect(visibleText(errorSummaryOf(view).alert)).to.equal('');
  });

  it('sends the normalised user ID (spaces trimmed, full-width digits folded) and fires identified', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    const identified = oneEvent(view, 'identified');
    await submitWith(view, '  １００００１  ');

    const { detail } = (await identified) as CustomEvent<IdentifiedDetail>;
    expect(detail).to.deep.equal({ userId: '100001', methods: ['password'] });
    expect(requests).to.have.length(1);
    const [request] = requests;
    expect(new URL(request!.url).pathname).to.equal('/api/auth/identify');
    expect(request!.method).to.equal('POST');
    expect(request!.body).to.deep.equal({ userId: '100001' });
    expect(request!.headers.get('Accept-Language')).to.equal('en');
  });

  it('continues with Enter in the field, as a person types it', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    const identified = oneEvent(view, 'identified');
    userIdField(view).focus();
    await sendKeys({ type: '100001' });
    await sendKeys({ press: 'Enter' });
    expect(((await identified) as CustomEvent<IdentifiedDetail>).detail.userId).to.equal('100001');
    expect(requests).to.have.length(1);
  });

  it('asks the server to answer in French on French pages', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    userIdField(view).value = '100001';
    await applyLanguage('fr', { remember: false });
    await settled(view);
    const identified = oneEvent(view, 'identified');
    getByRole(shadow(view), 'button', { name: 'Continuer' }).click();
    await identified;
    expect(requests[0]!.headers.get('Accept-Language')).to.equal('fr');
  });

  it('folds capitals, as the directory compares user IDs without case', async () => {
    const requests = stubFetch(() => jsonResponse(200, { methods: ['password'] }));
    const view = await renderView();
    const identified = oneEvent(view, 'identified');
    await submitWith(view, ' JTremblay ');
    expect(((await identified) as CustomEvent<IdentifiedDetail>).detail.userId).to.equal('jtremblay');
    expect(requests[0]!.body).to.deep.equal({ userId: 'jtremblay' });
  });

  it('says the device is offline when the request cannot reach the network', async () => {
    stubFetch(networkFailure);
    const view = await renderView();
    let identified = false;
    view.addEventListener('identified', () => (identified = true));
    await submitWith(view, '100001');
    await untilIdle(view);

    const { alert } = errorSummaryOf(view);
    expect(visibleText(alert)).to.contain('You are offline. Connect to a network, then try again.');
    expect(identified).to.be.false;
    // The field itself was fine: it is not marked invalid.
    expect(userIdField(view).getAttribute('aria-invalid')).to.equal('false');
    const button = getByRole(shadow(view), 'button', { name: 'Continue' }) as HTMLButtonElement;
    expect(button.disabled, 'the user can try again').to.be.false;
  });

  it('disables Continue while the request is on its way', async () => {
    let answer: ((response: Response) => void) | undefined;
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const view = await renderView();
    const identified = oneEvent(view, 'identified');
    await submitWith(view, '100001');
    const button = getByRole(shadow(view), 'button', { name: 'Continue' }) as HTMLButtonElement;
    expect(button.disabled).to.be.true;
    await waitUntil(() => answer !== undefined, 'the request reaches fetch');
    answer!(jsonResponse(200, { methods: ['password'] }));
    await identified;
    await settled(view);
    expect(button.disabled).to.be.false;
  });

  it('translates an error already on screen when the page switches to French', async () => {
    const view = await renderView();
    await submitWith(view, '');
    await applyLanguage('fr', { remember: false });
    await settled(view);
    expect(getByRole(shadow(view), 'heading', { level: 1 }).textContent?.trim()).not.to.equal('Self-service password: Sign in');
    expect(getByRole(errorSummaryOf(view).root, 'link', { name: "Entrez votre code d'utilisateur." })).to.exist;
    const field = getByLabelText(shadow(view), 'ID utilisateur');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
  });

  it("shows the server's error in the summary when it refuses the request", async () => {
    stubFetch(() => jsonResponse(500, { error: 'internal', message: 'Internal error' }));
    const view = await renderView();
    await submitWith(view, '100001');
    await untilIdle(view);
    expect(visibleText(errorSummaryOf(view).alert)).to.contain(
      'Something went wrong on our side. Try again, or call the Help Desk at 1-877-411-8585.',
    );
    expect(queryAllByRole(errorSummaryOf(view).root, 'link')).to.have.length(0);
  });
});
