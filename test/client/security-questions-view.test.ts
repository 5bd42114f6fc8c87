import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { applyLanguage } from '../../client/i18n/language';
import '../../client/views/security-questions-view';
import type { SecurityQuestionsView } from '../../client/views/security-questions-view';
import type { ProfileResponse } from '../../shared/api-schemas';
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

const catalogue = {
  answerMinLength: 3,
  questions: [
    {
      id: 'first-pet',
      text: { en: 'What was the name of your first pet?', fr: 'Quel était le nom de votre premier animal de compagnie?' },
    },
    {
      id: 'elementary-school',
      text: { en: 'What was the name of your elementary school?', fr: 'Quel était le nom de votre école primaire?' },
    },
    {
      id: 'parents-met',
      text: {
        en: 'In what city or town did your parents meet?',
        fr: 'Dans quelle ville ou quel village vos parents se sont-ils rencontrés?',
      },
    },
    {
      id: 'first-concert',
      text: {
        en: 'Who performed at the first concert you attended?',
        fr: 'Qui était sur scène au premier spectacle auquel vous avez assisté?',
      },
    },
    {
      id: 'first-car',
      text: { en: 'What was the make and model of your first car?', fr: 'Quels étaient la marque et le modèle de votre première voiture?' },
    },
    {
      id: 'first-team',
      text: {
        en: 'What was the name of the first sports team you played on?',
        fr: 'Quel était le nom de la première équipe sportive dont vous avez fait partie?',
      },
    },
  ],
};
const notEnrolled = { enrolledAt: null, questions: [] };
const enrolled = {
  enrolledAt: '2026-03-05T12:00:00.000Z',
  questions: [
    { position: 1, questionId: 'first-pet' },
    { position: 2, questionId: 'elementary-school' },
    { position: 3, customQuestion: { text: 'Où ai-je perdu ma première dent?', language: 'fr' } },
    { position: 4, questionId: 'first-concert' },
    { position: 5, questionId: 'first-car' },
  ],
};
const profile: ProfileResponse = {
  userId: '100002',
  employeeId: 'E-200002',
  displayName: 'Marie Gagnon',
  preferredLanguage: 'fr',
  roles: ['employee'],
  previousSignIn: null,
  currentSignIn: { at: '2026-03-06T09:00:00.000Z', method: 'password' },
};

const path = (request: RecordedRequest) => new URL(request.url).pathname;

function server(options: { current?: unknown; onSave?: (request: RecordedRequest) => Response } = {}) {
  return stubFetch((request) => {
    if (path(request) === '/api/questions/catalogue') return jsonResponse(200, catalogue);
    if (path(request) === '/api/profile/security-questions' && request.method === 'GET')
      return jsonResponse(200, options.current ?? notEnrolled);
    if (path(request) === '/api/profile/security-questions' && request.method === 'PUT') {
      return options.onSave ? options.onSave(request) : jsonResponse(200, { access: { level: 'full' } });
    }
    return jsonResponse(404, { error: 'not_found', message: 'Not found.' });
  });
}

async function renderView(forced = false): Promise<SecurityQuestionsView> {
  const view = await flowFixture<SecurityQuestionsView>(html`<security-questions-view></security-questions-view>`, {
    access: forced ? { level: 'enrol' } : { level: 'full' },
    profile,
    organisation: canadaPost,
  });
  await waitUntil(() => shadow(view).querySelector('form') || visibleText(errorSummaryOf(view).alert) !== '', 'loaded');
  await settled(view);
  return view;
}

const chooser = (view: SecurityQuestionsView, n: number) => getByLabelText<HTMLSelectElement>(shadow(view), `Question ${n}`);
const answerField = (view: SecurityQuestionsView, n: number) => getByLabelText(shadow(view), `Answer ${n}`);

async function choose(view: SecurityQuestionsView, n: number, value: string): Promise<void> {
  const select = chooser(view, n);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await settled(view);
}

async function type(field: HTMLInputElement, value: string, view: SecurityQuestionsView): Promise<void> {
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await settled(view);
}

/** The problems listed under a field, as read. */
function problemsOf(field: HTMLElement): string[] {
  const id = field.getAttribute('aria-describedby');
  if (!id) return [];
  const list = (field.getRootNode() as ShadowRoot).getElementById(id);
  return Array.from(list?.querySelectorAll('li') ?? []).map((li) => visibleText(li));
}

async function fillGoodSet(view: SecurityQuestionsView): Promise<void> {
  const rows: Array<[string, string]> = [
    ['first-pet', 'Pompon'],
    ['elementary-school', 'Sainte-Famille'],
    ['parents-met', 'Rimouski'],
    ['first-concert', 'Céline Dion'],
    ['first-car', 'Honda Civic'],
  ];
  for (const [i, [id, answer]] of rows.entries()) {
    await choose(view, i + 1, id);
    await type(answerField(view, i + 1), answer, view);
  }
}

const save = async (view: SecurityQuestionsView, name = 'Save') => {
  getByRole(shadow(view), 'button', { name }).click();
  await settled(view);
};

describe('<security-questions-view>', () => {
  afterEach(async () => {
    restoreFetch();
    await resetLanguage();
  });

  it('shows 5 rows, each a question chooser with the catalogue and "Write my own question", and an answer', async () => {
    const requests = server();
    const view = await renderView();
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Security questions' })).to.exist;
    expect(requests.map(path).sort()).to.deep.equal(['/api/profile/security-questions', '/api/questions/catalogue']);
    for (let n = 1; n <= 5; n++) {
      const options = Array.from(chooser(view, n).options).map((o) => o.text.trim());
      expect(options).to.deep.equal(['Choose a question', ...catalogue.questions.map((q) => q.text.en), 'Write my own question']);
      const field = answerField(view, n);
      expect(field.type).to.equal('text');
      expect(field.autocomplete).to.equal('off');
      expect(field.spellcheck).to.be.false;
      expect(field.classList.contains('masked')).to.be.true;
    }
    expect(visibleText(shadow(view))).to.contain('You have not chosen your security questions yet.');
    expect(getByRole(shadow(view), 'button', { name: 'Back to My Profile' })).to.exist;
  });

  it('a question chosen in one row cannot be chosen in another', async () => {
    server();
    const view = await renderView();
    await choose(view, 1, 'first-pet');
    const inRow2 = Array.from(chooser(view, 2).options).find((o) => o.value === 'first-pet')!;
    expect(inRow2.disabled).to.be.true;
    expect(Array.from(chooser(view, 1).options).find((o) => o.value === 'first-pet')!.disabled).to.be.false;
    await choose(view, 1, 'first-car');
    expect(Array.from(chooser(view, 2).options).find((o) => o.value === 'first-pet')!.disabled).to.be.false;
  });

  it('gives live feedback from the shared rules as the answer is typed', async () => {
    server();
    const view = await renderView();
    await choose(view, 1, 'first-pet');
    const field = answerField(view, 1);
    await type(field, 'Jo', view);
    expect(problemsOf(field)).to.deep.equal(['The answer must have at least 3 letters or digits.']);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    await type(field, 'my pet Gagnon', view);
    expect(problemsOf(field)).to.deep.equal([
      'The answer must not contain your name.',
      'The answer must not repeat words of the question.',
    ]);
    await type(field, 'Rex 100002', view);
    expect(problemsOf(field)).to.deep.equal(['The answer must not contain your user ID.']);
    await type(field, 'Pompon', view);
    expect(problemsOf(field)).to.deep.equal([]);
    expect(field.getAttribute('aria-invalid')).to.equal('false');
    await choose(view, 2, 'first-car');
    await type(answerField(view, 2), ' POMPON ', view);
    expect(problemsOf(answerField(view, 2))).to.deep.equal(['This answer is the same as another one: each answer must be different.']);
  });

  it('"Write my own question" opens a text field for it, checked like the others', async () => {
    server();
    const view = await renderView();
    await choose(view, 3, '__own__');
    const own = getByLabelText(shadow(view), 'Your own question 3');
    await type(own, 'What was the name of your first pet?', view);
    await choose(view, 1, 'first-pet');
    expect(problemsOf(own)).to.deep.equal(['This question is already chosen: choose a different one.']);
    await type(own, 'Who was my first boss?', view);
    expect(problemsOf(own)).to.deep.equal([]);
    await type(answerField(view, 3), 'The boss', view);
    expect(problemsOf(answerField(view, 3))).to.deep.equal(['The answer must not repeat words of the question.']);
  });

  it('Save with gaps lists every problem, each leading to its field, and sends nothing', async () => {
    const requests = server();
    const view = await renderView();
    await choose(view, 1, 'first-pet');
    await type(answerField(view, 1), 'Pompon', view);
    await save(view);
    expect(requests.filter((r) => r.method === 'PUT')).to.have.length(0);
    const { root, summary } = errorSummaryOf(view);
    expect(deepActiveElement()).to.equal(summary);
    const links = Array.from(root.querySelectorAll('a')).map((a) => visibleText(a));
    expect(links).to.include('Question 2: Choose a question, or write your own.');
    expect(links).to.include('Question 5: Enter an answer.');
    expect(links).to.have.length(8);
    getByRole(root, 'link', { name: 'Question 5: Enter an answer.' }).click();
    expect(deepActiveElement()).to.equal(answerField(view, 5));
    getByRole(root, 'link', { name: 'Question 2: Choose a question, or write your own.' }).click();
    expect(deepActiveElement()).to.equal(chooser(view, 2));
  });

  it('Save sends the 5 questions and answers, fires questions-saved with the access, and forgets the answers', async () => {
    const requests = server({ onSave: () => jsonResponse(200, { access: { level: 'full' } }) });
    const view = await renderView();
    await fillGoodSet(view);
    await choose(view, 5, '__own__');
    await type(getByLabelText(shadow(view), 'Your own question 5'), 'Who was my first boss?', view);
    const saved = oneEvent(view, 'questions-saved');
    await save(view);
    const event = await saved;
    expect(event.detail).to.deep.equal({ level: 'full' });
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.body).to.deep.equal({
      questions: [
        { questionId: 'first-pet', answer: 'Pompon' },
        { questionId: 'elementary-school', answer: 'Sainte-Famille' },
        { questionId: 'parents-met', answer: 'Rimouski' },
        { questionId: 'first-concert', answer: 'Céline Dion' },
        { customQuestion: 'Who was my first boss?', language: 'en', answer: 'Honda Civic' },
      ],
    });
    await settled(view);
    for (let n = 1; n <= 5; n++) expect(answerField(view, n).value).to.equal('');
    expect(visibleText(shadow(view))).to.contain('Your security questions are saved.');
  });

  it('shows the problems the server found, row by row', async () => {
    server({
      onSave: () =>
        jsonResponse(400, { error: 'invalid_answers', message: 'Not saved.', problems: [{ index: 2, rule: 'question_unknown' }] }),
    });
    const view = await renderView();
    await fillGoodSet(view);
    await save(view);
    await waitUntil(() =>
      visibleText(errorSummaryOf(view).alert).includes('Question 3: This question is no longer offered: choose another one.'),
    );
    expect(problemsOf(chooser(view, 3))).to.deep.equal(['This question is no longer offered: choose another one.']);
  });

  it('shows when the current set was enrolled, and starts from its questions — never its answers', async () => {
    server({ current: enrolled });
    const view = await renderView();
    const text = visibleText(shadow(view));
    const when = new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(enrolled.enrolledAt));
    expect(text).to.contain(`Your security questions were saved on ${when}.`);
    expect(text).to.contain('Saving replaces all five: type each answer again.');
    expect(chooser(view, 1).value).to.equal('first-pet');
    expect(chooser(view, 3).value).to.equal('__own__');
    expect(getByLabelText(shadow(view), 'Your own question 3').value).to.equal('Où ai-je perdu ma première dent?');
    for (let n = 1; n <= 5; n++) expect(answerField(view, n).value).to.equal('');
  });

  it('forced: says why before anything else, and offers no way back', async () => {
    server();
    const view = await renderView(true);
    expect(visibleText(shadow(view))).to.contain(
      'Before you continue, choose 5 security questions: they let you reset your password without calling the Help Desk.',
    );
    expect(queryByRole(shadow(view), 'button', { name: 'Back to My Profile' })).to.be.null;
  });

  it('fires back-to-profile from the back link', async () => {
    server();
    const view = await renderView();
    const back = oneEvent(view, 'back-to-profile');
    getByRole(shadow(view), 'button', { name: 'Back to My Profile' }).click();
    await back;
  });

  it('offline: says so, and tries again on request', async () => {
    let online = false;
    stubFetch((request) => {
      if (!online) throw new TypeError('Failed to fetch');
      return path(request) === '/api/questions/catalogue' ? jsonResponse(200, catalogue) : jsonResponse(200, notEnrolled);
    });
    const view = await renderView();
    expect(visibleText(errorSummaryOf(view).alert)).to.contain('You are offline.');
    online = true;
    getByRole(shadow(view), 'button', { name: 'Try again' }).click();
    await waitUntil(() => shadow(view).querySelector('form'));
  });

  it('speaks French: heading, questions, feedback and the forced wording', async () => {
    server();
    await applyLanguage('fr', { remember: false });
    const view = await renderView(true);
    expect(getByRole(shadow(view), 'heading', { level: 1, name: 'Questions de sécurité' })).to.exist;
    const important = shadow(view).querySelector('.important')!;
    expect(important.textContent, 'a no-break space before the colon').to.contain(
      'Avant de continuer, choisissez 5 questions de sécurité\u00a0:',
    );
    const options = Array.from(getByLabelText<HTMLSelectElement>(shadow(view), 'Question 1').options).map((o) => o.text.trim());
    expect(options[1]).to.equal('Quel était le nom de votre premier animal de compagnie?');
    expect(options.at(-1)).to.equal('Rédiger ma propre question');
    await choose(view, 1, 'first-pet');
    const field = getByLabelText(shadow(view), 'Réponse 1');
    await type(field, 'Jo', view);
    expect(problemsOf(field)).to.deep.equal(['La réponse doit compter au moins 3 lettres ou chiffres.']);
  });

  for (const language of ['en', 'fr'] as const) {
    it(`has no axe violations (${language})`, async () => {
      server({ current: enrolled });
      await applyLanguage(language, { remember: false });
      const view = await renderView();
      await type(shadow(view).querySelector<HTMLInputElement>('#answer-0')!, 'Jo', view);
      await save(view, language === 'en' ? 'Save' : 'Enregistrer');
      await expect(view).to.be.accessible();
    });
  }
});
