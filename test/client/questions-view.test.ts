import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { applyLanguage } from '../../client/i18n/language';
import '../../client/views/questions-view';
import type { QuestionsView } from '../../client/views/questions-view';
import {
  canadaPost,
  deepActiveElement,
  errorSummaryOf,
  getByLabelText,
  getByRole,
  jsonResponse,
  queryByRole,
  resetLanguage,
  restoreFetch,
  settled,
  shadow,
  stubFetch,
  visibleText,
  type RecordedRequest,
} from './helpers';
import { flowFixture } from './flow-fixture';

const firstAttempt = {
  questions: [
    { position: 1, text: { en: 'What was the name of your first pet?', fr: 'Quel était le nom de votre premier animal de compagnie?' } },
    {
      position: 3,
      text: {
        en: 'In what city or town did your parents meet?',
        fr: 'Dans quelle ville ou quel village vos parents se sont-ils rencontrés?',
      },
    },
    { position: 5, text: { en: 'Who was my first boss?', fr: 'Who was my first boss?' } },
  ],
};
const secondAttempt = {
  questions: [
    { position: 2, text: { en: 'What was the name of your elementary school?', fr: 'Quel était le nom de votre école primaire?' } },
    {
      position: 4,
      text: { en: 'What was the make and model of your first car?', fr: 'Quels étaient la marque et le modèle de votre première voiture?' },
    },
    { position: 5, text: { en: 'Who was my first boss?', fr: 'Who was my first boss?' } },
  ],
};

const path = (request: RecordedRequest) => new URL(request.url).pathname;

/** Answers `start` with the attempts in turn, and `answer` with `onAnswer`. */
function server(onAnswer: (request: RecordedRequest) => Response, attempts = [firstAttempt, secondAttempt]) {
  let started = 0;
  return stubFetch((request) => {
    if (path(request) === '/api/auth/questions/start') return jsonResponse(200, attempts[Math.min(started++, attempts.length - 1)]);
    if (path(request) === '/api/auth/questions/answer') return onAnswer(request);
    return jsonResponse(404, { error: 'not_found', message: 'Not found.' });
  });
}

async function renderView(purpose: 'sign-in' | 'reset' = 'sign-in'): Promise<QuestionsView> {
  const view = await flowFixture<QuestionsView>(html`<questions-view></questions-view>`, {
    userId: '100001',
    purpose,
    organisation: canadaPost,
  });
  await untilLoaded(view);
  return view;
}

async function untilLoaded(view: QuestionsView): Promise<void> {
  await waitUntil(() => !shadow(view).querySelector('[role="status"]'), 'the questions are loaded');
  await settled(view);
}

function fields(view: QuestionsView): HTMLInputElement[] {
  return Array.from(shadow(view).querySelectorAll<HTMLInputElement>('form input[type="text"]'));
}

function labels(view: QuestionsView): string[] {
  return fields(view).map((field) => visibleText(field.labels![0]!));
}

async function submit(view: QuestionsView, answers: string[], button = 'Log in'): Promise<void> {
  fields(view).forEach((field, i) => (field.value = answers[i] ?? ''));
  getByRole(shadow(view), 'button', { name: button }).click();
  await settled(view);
}

describe('<questions-view>', () => {
  afterEach(async () => {
    restoreFetch();
    await resetLanguage();
  });

  it("fetches the attempt's three questions on open and asks each one, masked, never remembered", async () => {
    const requests = server(() => jsonResponse(500, {}));
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Answer security questions' })).to.exist;
    expect(requests).to.have.length(1);
    expect(path(requests[0]!)).to.equal('/api/auth/questions/start');
    expect(requests[0]!.body).to.deep.equal({ userId: '100001', purpose: 'sign-in' });
    expect(labels(view)).to.deep.equal(firstAttempt.questions.map((q) => q.text.en));
    for (const field of fields(view)) {
      expect(field.autocomplete).to.equal('off');
      expect(field.spellcheck).to.be.false;
      expect(field.classList.contains('masked')).to.be.true;
    }
    expect(visibleText(shadow(view))).to.contain('User ID: 100001');
  });

  it('"Show answers" shows what is typed, and hides it again', async () => {
    server(() => jsonResponse(500, {}));
    const view = await renderView();
    const reveal = getByRole(shadow(view), 'checkbox', { name: 'Show answers' });
    reveal.click();
    await settled(view);
    expect(fields(view).every((f) => !f.classList.contains('masked'))).to.be.true;
    reveal.click();
    await settled(view);
    expect(fields(view).every((f) => f.classList.contains('masked'))).to.be.true;
  });

  it('asks for every answer before sending, each error leading to its field', async () => {
    const requests = server(() => jsonResponse(200, { access: { level: 'full' } }));
    const view = await renderView();
    await submit(view, ['Pompon', '', ' ']);
    expect(requests).to.have.length(1, 'nothing sent');
    const { root, summary } = errorSummaryOf(view);
    expect(deepActiveElement()).to.equal(summary);
    getByRole(root, 'link', { name: 'Answer question 3.' }).click();
    expect(deepActiveElement()).to.equal(fields(view)[2]);
    expect(getByRole(root, 'link', { name: 'Answer question 2.' })).to.exist;
    expect(fields(view)[1]!.getAttribute('aria-invalid')).to.equal('true');
    expect(visibleText(shadow(view))).to.contain('Answer this question.');
  });

  it('sends the three answers with their positions and fires signed-in with the access', async () => {
    const requests = server(() => jsonResponse(200, { access: { level: 'full' } }));
    const view = await renderView();
    const signedIn = oneEvent(view, 'signed-in');
    await submit(view, ['Pompon', 'Rimouski', 'Gérald']);
    const event = await signedIn;
    expect(event.detail).to.deep.equal({ level: 'full' });
    expect(event.bubbles && event.composed).to.be.true;
    expect(path(requests[1]!)).to.equal('/api/auth/questions/answer');
    expect(requests[1]!.body).to.deep.equal({
      userId: '100001',
      purpose: 'sign-in',
      answers: [
        { position: 1, answer: 'Pompon' },
        { position: 3, answer: 'Rimouski' },
        { position: 5, answer: 'Gérald' },
      ],
    });
  });

  it("on wrong answers says so, clears them and asks the next attempt's questions", async () => {
    const requests = server(() => jsonResponse(401, { error: 'wrong_answers', message: 'Wrong.' }));
    const view = await renderView();
    await submit(view, ['Rex', 'Paris', 'Bob']);
    await waitUntil(() => labels(view)[0] === secondAttempt.questions[0]!.text.en, 'the next questions show');
    await settled(view);
    expect(requests.map(path)).to.deep.equal(['/api/auth/questions/start', '/api/auth/questions/answer', '/api/auth/questions/start']);
    const { alert, summary } = errorSummaryOf(view);
    expect(visibleText(alert)).to.contain('One or more answers are incorrect.');
    expect(deepActiveElement()).to.equal(summary);
    expect(labels(view)).to.deep.equal(secondAttempt.questions.map((q) => q.text.en));
    expect(fields(view).map((f) => f.value)).to.deep.equal(['', '', '']);
  });

  it('when the method is locked, says for how long with the Help Desk number, and asks nothing more', async () => {
    server(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 900 }));
    const view = await renderView();
    await submit(view, ['Rex', 'Paris', 'Bob']);
    await waitUntil(() => fields(view).length === 0, 'the questions are gone');
    const text = visibleText(errorSummaryOf(view).alert);
    expect(text).to.contain('locked for 15 minutes');
    expect(text).to.contain('1-877-411-8585');
    expect(queryByRole(shadow(view), 'button', { name: 'Try again' })).to.be.null;
  });

  it('a lock already in place shows as soon as the screen opens', async () => {
    stubFetch(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 60 }));
    const view = await renderView();
    expect(visibleText(errorSummaryOf(view).alert)).to.contain('locked for 1 minute');
    expect(fields(view)).to.have.length(0);
  });

  it('offline at open: says so, and tries again on request', async () => {
    let online = false;
    stubFetch(() => {
      if (!online) throw new TypeError('Failed to fetch');
      return jsonResponse(200, firstAttempt);
    });
    const view = await renderView();
    expect(visibleText(errorSummaryOf(view).alert)).to.contain('You are offline.');
    online = true;
    getByRole(shadow(view), 'button', { name: 'Try again' }).click();
    await untilLoaded(view);
    await waitUntil(() => fields(view).length === 3);
    expect(visibleText(errorSummaryOf(view).alert)).to.equal('');
  });

  it('offline when answering: says so and keeps the questions and what was typed', async () => {
    server(() => {
      throw new TypeError('Failed to fetch');
    });
    const view = await renderView();
    await submit(view, ['Pompon', 'Rimouski', 'Gérald']);
    await waitUntil(() => visibleText(errorSummaryOf(view).alert).includes('You are offline.'));
    expect(fields(view).map((f) => f.value)).to.deep.equal(['Pompon', 'Rimouski', 'Gérald']);
  });

  it('for a forgotten password: says what comes next, and Continue sends purpose "reset"', async () => {
    const requests = server(() =>
      jsonResponse(200, { access: { level: 'set-password', reason: 'reset', until: '2026-11-26T09:10:00.000Z' } }),
    );
    const view = await renderView('reset');
    expect(requests[0]!.body).to.deep.equal({ userId: '100001', purpose: 'reset' });
    expect(visibleText(shadow(view))).to.contain('you will then choose a new password');
    const signedIn = oneEvent(view, 'signed-in');
    await submit(view, ['Pompon', 'Rimouski', 'Gérald'], 'Continue');
    expect((await signedIn).detail).to.deep.equal({ level: 'set-password', reason: 'reset', until: '2026-11-26T09:10:00.000Z' });
    expect((requests[1]!.body as { purpose: string }).purpose).to.equal('reset');
  });

  it('speaks French: heading, questions and errors', async () => {
    server(() => jsonResponse(401, { error: 'wrong_answers', message: 'Wrong.' }));
    await applyLanguage('fr', { remember: false });
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Répondre aux questions de sécurité' })).to.exist;
    expect(labels(view)).to.deep.equal(firstAttempt.questions.map((q) => q.text.fr));
    expect(getByLabelText(shadow(view), 'Quel était le nom de votre premier animal de compagnie?')).to.exist;
    await submit(view, ['Rex', 'Paris', 'Bob'], 'Ouverture de session');
    await waitUntil(() => visibleText(errorSummaryOf(view).alert).includes('Une ou plusieurs réponses sont incorrectes.'));
  });

  it('when a wrong answer locks the method: says until when, with the help-desk number to tap; the questions come back by themselves', async () => {
    const requests = server(() => jsonResponse(429, { error: 'locked', message: 'Locked.', retryAfterSeconds: 1, minutes: 1 }));
    const view = await renderView();
    await submit(view, ['Rex', 'Paris', 'Bob']);
    await waitUntil(() => visibleText(errorSummaryOf(view).alert).includes('Try again at'), 'the lock is explained');
    const alert = errorSummaryOf(view).alert;
    expect(visibleText(alert)).to.match(/This sign-in method is locked for 1 minute for this user ID\. Try again at .+, or call/);
    expect(getByRole(alert, 'link', { name: '1-877-411-8585' }).getAttribute('href')).to.equal('tel:18774118585');
    expect(queryByRole(shadow(view), 'button', { name: 'Log in' }), 'nothing to submit while locked').to.be.null;
    await waitUntil(() => queryByRole(shadow(view), 'button', { name: 'Log in' }) !== null, 'the next attempt opens when the lock ends', {
      timeout: 3000,
    });
    expect((getByRole(shadow(view), 'button', { name: 'Log in' }) as HTMLButtonElement).disabled).to.be.false;
    expect(requests.filter((r) => path(r) === '/api/auth/questions/start')).to.have.length(2);
  });

  it('makes "Choose another method" a link to the methods, or to "Forgot your password?" when resetting', async () => {
    server(() => jsonResponse(500, {}));
    const signIn = await renderView();
    expect(getByRole(shadow(signIn), 'link', { name: 'Choose another method' }).getAttribute('href')).to.equal('/methods');
    expect(getByRole(shadow(signIn), 'link', { name: 'Choose another method' }).getBoundingClientRect().height).to.be.at.least(44);
    const reset = await renderView('reset');
    expect(getByRole(shadow(reset), 'link', { name: 'Choose another method' }).getAttribute('href')).to.equal('/forgot-password');
  });

  it('fires choose-another-method', async () => {
    server(() => jsonResponse(500, {}));
    const view = await renderView();
    const event = oneEvent(view, 'choose-another-method');
    getByRole(shadow(view), 'link', { name: 'Choose another method' }).click();
    await event;
  });

  for (const language of ['en', 'fr'] as const) {
    it(`has no axe violations (${language})`, async () => {
      server(() => jsonResponse(401, { error: 'wrong_answers', message: 'Wrong.' }));
      await applyLanguage(language, { remember: false });
      const view = await renderView();
      await submit(view, ['', 'Paris', ''], language === 'en' ? 'Log in' : 'Ouverture de session');
      await expect(view).to.be.accessible();
    });
  }
});
