import { html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  DEFAULT_ANSWER_MIN_LENGTH,
  ENROLLED_QUESTIONS,
  enrolmentProblems,
  type AnswerProblem,
  type EnrolmentRow,
} from '../../shared/answer-rules';
import type { QuestionCatalogueResponse, SecurityQuestionsRequest, SecurityQuestionsResponse } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { formatDateTime } from '../i18n/format-date';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import type { SummaryError } from '../components/error-summary';
import { answerRuleText } from './answer-rule-text';
import { ScreenView } from './screen-view';

/** The chooser's value for "Write my own question". */
const OWN = '__own__';

interface Row {
  /** A catalogue id, OWN, or '' before a choice. */
  choice: string;
  own: string;
  ownLanguage: Language;
  answer: string;
}

const emptyRow = (): Row => ({ choice: '', own: '', ownLanguage: currentLanguage(), answer: '' });

/**
 * My Profile → "Security questions": 5 rows, each a question (from the catalogue, each at most
 * once, or one's own) and its answer. The shared rules give feedback as the employee types; the
 * server checks them again. Saving replaces the whole set, so every answer is typed again — the
 * answers already enrolled are never shown. Fires `questions-saved` with the session's access
 * (a session sent to enrol first becomes a full one), and `back-to-profile` from the back link.
 *
 * Replacing the questions changes how the employee proves who they are: when the session's last
 * proof is not recent (on arrival, or when the server refuses the save), the screen fires
 * `confirm-identity` with what was typed, and gets it back from the flow on its return.
 */
@customElement('security-questions-view')
@localized()
export class SecurityQuestionsView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      select {
        max-width: 36rem;
      }
      select[aria-invalid='true'] {
        border-color: var(--error);
      }
      input[type='text'].wide {
        max-width: 36rem;
      }
      .masked {
        -webkit-text-security: disc;
      }
      .row h2 {
        margin-top: 0;
      }
      ul.field-error {
        padding-left: 1.25rem;
      }
    `,
  ];

  @state() private enrolled: SecurityQuestionsResponse | null = null;
  @state() private rows: Row[] = Array.from({ length: ENROLLED_QUESTIONS }, emptyRow);
  /** After a first Save, every problem shows (before it, only those of what was typed). */
  @state() private submitted = false;
  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;
  @state() private reveal = false;
  @state() private saved = false;

  /**
   * The catalogue to choose from, with the questions enrolled now as the rows' starting point.
   * Without the catalogue there is no form (the failure shows, with "Try again"); without the
   * enrolled questions, the form starts empty and the failure shows above it.
   */
  readonly #catalogue = new Task<[], QuestionCatalogueResponse>(this, {
    task: async () => {
      this.failure = null;
      const [catalogue, enrolled] = await Promise.all([sesameApi.questionCatalogue(), sesameApi.securityQuestions()]);
      if (!catalogue.ok) throw catalogue.failure;
      this.#startFrom(catalogue.data, enrolled);
      return catalogue.data;
    },
    args: () => [],
    onComplete: () => (this.failure ? this.focusErrors() : undefined),
    onError: () => this.focusErrors(),
  });

  override connectedCallback() {
    super.connectedCallback();
    if (this.#needsRecentProof() && !this.#returned()) this.#confirmIdentity();
  }

  /** Whether the session's proof is too old to save (as far as the page can tell: the server decides). */
  #needsRecentProof(): boolean {
    const until = this.flow.recentProofUntil;
    return !this.#forced && until !== null && Date.parse(until) <= Date.now();
  }

  /** What this screen left with "Confirm your identity", now that the employee is back. */
  #returned(): Row[] | null {
    const stepUp = this.flow.stepUp;
    if (stepUp?.returnTo !== 'security-questions' || !Array.isArray(stepUp.draft)) return null;
    return stepUp.draft.length === ENROLLED_QUESTIONS ? (stepUp.draft as Row[]) : null;
  }

  #confirmIdentity() {
    this.emit('confirm-identity', { returnTo: 'security-questions', draft: this.rows });
  }

  /** Sent to enrol before anything else: the wording says why, and there is no way back. */
  get #forced(): boolean {
    return this.flow.access?.level === 'enrol';
  }

  get #loading(): boolean {
    return this.#catalogue.status === TaskStatus.PENDING;
  }

  /** The catalogue once loaded; null before (or when it could not be). */
  get #catalogueData(): QuestionCatalogueResponse | null {
    return this.#catalogue.status === TaskStatus.COMPLETE ? (this.#catalogue.value ?? null) : null;
  }

  /** What the form shows the API failed at: the last save's refusal, else the loading's. */
  get #failure(): ApiFailure | null {
    return this.failure ?? (this.#catalogue.status === TaskStatus.ERROR ? (this.#catalogue.error as ApiFailure) : null);
  }

  #startFrom(catalogue: QuestionCatalogueResponse, enrolled: Awaited<ReturnType<typeof sesameApi.securityQuestions>>) {
    if (enrolled.ok) {
      this.enrolled = enrolled.data;
      // The questions enrolled now, as a starting point; their answers are never sent back.
      const known = new Set(catalogue.questions.map((q) => q.id));
      const rows = Array.from({ length: ENROLLED_QUESTIONS }, emptyRow);
      for (const q of enrolled.data.questions) {
        const row = rows[q.position - 1];
        if (!row) continue;
        if ('questionId' in q) row.choice = known.has(q.questionId) ? q.questionId : '';
        else Object.assign(row, { choice: OWN, own: q.customQuestion.text, ownLanguage: q.customQuestion.language });
      }
      this.rows = this.#returned() ?? rows;
    } else {
      this.failure = enrolled.failure;
    }
  }

  #update(index: number, change: Partial<Row>) {
    this.rows = this.rows.map((row, i) => (i === index ? { ...row, ...change } : row));
    this.saved = false;
    // The server's verdict was about the rows as they were; the live feedback takes over.
    if (this.failure?.error === 'invalid_answers') this.failure = null;
  }

  #enrolmentRows(): EnrolmentRow[] {
    const byId = new Map((this.#catalogueData?.questions ?? []).map((q) => [q.id, q]));
    return this.rows.map((row) => {
      const question = byId.get(row.choice);
      return {
        question:
          row.choice === OWN
            ? { kind: 'custom', text: row.own }
            : question
              ? { kind: 'catalogue', id: question.id, texts: [question.text.en, question.text.fr] }
              : { kind: 'none' },
        answer: row.answer,
      };
    });
  }

  #problems(): AnswerProblem[] {
    const person = { userId: this.flow.profile?.userId ?? '', displayName: this.flow.profile?.displayName ?? '' };
    const minLength = this.#catalogueData?.answerMinLength ?? DEFAULT_ANSWER_MIN_LENGTH;
    return enrolmentProblems(this.#enrolmentRows(), person, { answerMinLength: minLength });
  }

  /** Problems worth showing now: all after a Save; before it, only those about what was typed. */
  #visibleProblems(): AnswerProblem[] {
    const server = this.failure?.error === 'invalid_answers' ? (this.failure.problems ?? []) : [];
    const local = this.#problems().filter((p) => {
      if (this.submitted) return true;
      const row = this.rows[p.index];
      if (!row) return false;
      if (p.rule === 'question_missing' || p.rule === 'answer_missing') return false;
      return p.rule.startsWith('answer_') ? row.answer !== '' : true;
    });
    const seen = new Set(local.map((p) => `${p.index}:${p.rule}`));
    return [...local, ...server.filter((p) => !seen.has(`${p.index}:${p.rule}`))];
  }

  async #save(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy || !this.#catalogueData) return;
    this.submitted = true;
    this.failure = null;
    this.saved = false;
    if (this.#problems().length > 0) return this.focusErrors();
    const questions: SecurityQuestionsRequest['questions'] = this.rows.map((row) =>
      row.choice === OWN
        ? { customQuestion: row.own, language: row.ownLanguage, answer: row.answer }
        : { questionId: row.choice, answer: row.answer },
    );
    this.busy = true;
    const result = await sesameApi.saveSecurityQuestions(questions);
    this.busy = false;
    if (!result.ok) {
      if (result.failure.error === 'reauthentication_required') return this.#confirmIdentity();
      this.failure = result.failure;
      return this.focusErrors();
    }
    // Answers do not stay in the page once saved.
    this.rows = this.rows.map((row) => ({ ...row, answer: '' }));
    this.submitted = false;
    this.saved = true;
    this.enrolled = { enrolledAt: new Date().toISOString(), questions: this.enrolled?.questions ?? [] };
    this.emit('questions-saved', result.data.access);
  }

  #fieldOf(problem: AnswerProblem): string {
    if (problem.rule.startsWith('answer_')) return `answer-${problem.index}`;
    return this.rows[problem.index]?.choice === OWN ? `own-${problem.index}` : `question-${problem.index}`;
  }

  override render() {
    const lang = currentLanguage();
    const minLength = this.#catalogueData?.answerMinLength ?? DEFAULT_ANSWER_MIN_LENGTH;
    const problems = this.#visibleProblems();
    const errors: SummaryError[] =
      this.submitted || this.failure?.error === 'invalid_answers'
        ? problems.map((p) => ({
            text: msg(str`Question ${p.index + 1}: ${answerRuleText(p.rule, minLength)}`),
            fieldId: this.#fieldOf(p),
          }))
        : [];
    const failure = this.#failure;
    if (failure && failure.error !== 'invalid_answers') {
      errors.push({ text: errorText(failure, this.flow.organisation?.helpDeskPhone ?? '') });
    }
    const chosen = this.rows.map((row) => row.choice);
    return html`
      <h1 tabindex="-1">${msg('Security questions')}</h1>
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      ${
        this.#forced
          ? html`<p class="important">
              ${msg('Before you continue, choose 5 security questions: they let you reset your password without calling the Help Desk.')}
            </p>`
          : html`<p>${msg('Your security questions let you reset your password without calling the Help Desk.')}</p>`
      }
      ${
        this.enrolled?.enrolledAt
          ? html`<p>
              ${msg(str`Your security questions were saved on ${formatDateTime(this.enrolled.enrolledAt)}.`)}
              ${msg('Saving replaces all five: type each answer again.')}
            </p>`
          : this.enrolled
            ? html`<p>${msg('You have not chosen your security questions yet.')}</p>`
            : ''
      }
      <p class="hint">
        ${msg(str`Choose 5 different questions. Each answer needs at least ${minLength} letters or digits, must differ from the others, and must not contain your user ID, your name or words of its question. Capitals, accents and spaces do not matter.`)}
      </p>
      ${this.#loading ? html`<p role="status">${msg('Loading the questions…')}</p>` : ''}
      ${
        this.#catalogueData
          ? html`<form novalidate @submit=${this.#save}>
              ${this.rows.map((row, index) => this.#renderRow(row, index, chosen, problems, lang))}
              <div class="field checkbox">
                <input
                  id="reveal"
                  type="checkbox"
                  .checked=${this.reveal}
                  @change=${(e: Event) => (this.reveal = (e.target as HTMLInputElement).checked)}
                />
                <label for="reveal">${msg('Show answers')}</label>
              </div>
              <div class="actions">
                <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save')}</button>
                ${
                  this.#forced
                    ? ''
                    : html`<button type="button" class="link-button" @click=${() => this.emit('back-to-profile')}>
                        ${msg('Back to My Profile')}
                      </button>`
                }
              </div>
              <p role="status">${this.saved ? msg('Your security questions are saved.') : ''}</p>
            </form>`
          : !this.#loading && this.#failure
            ? html`<p><button type="button" class="secondary" @click=${() => void this.#catalogue.run()}>${msg('Try again')}</button></p>`
            : ''
      }
    `;
  }

  #renderRow(row: Row, index: number, chosen: string[], problems: AnswerProblem[], lang: Language) {
    const n = index + 1;
    const minLength = this.#catalogueData?.answerMinLength ?? DEFAULT_ANSWER_MIN_LENGTH;
    const mine = problems.filter((p) => p.index === index);
    const questionProblems = mine.filter((p) => !p.rule.startsWith('answer_'));
    const answerProblems = mine.filter((p) => p.rule.startsWith('answer_'));
    const questionErrorId = `question-${index}-problems`;
    const answerErrorId = `answer-${index}-problems`;
    const list = (id: string, items: AnswerProblem[]) =>
      items.length
        ? html`<ul class="field-error" id=${id}>
            ${items.map((p) => html`<li>${answerRuleText(p.rule, minLength)}</li>`)}
          </ul>`
        : '';
    const own = row.choice === OWN;
    return html`<div class="card row">
      <div class="field">
        <label for="question-${index}">${msg(str`Question ${n}`)}</label>
        ${own ? '' : list(questionErrorId, questionProblems)}
        <select
          id="question-${index}"
          aria-invalid=${!own && questionProblems.length ? 'true' : 'false'}
          aria-describedby=${!own && questionProblems.length ? questionErrorId : ''}
          @change=${(e: Event) => this.#update(index, { choice: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${row.choice === ''}>${msg('Choose a question')}</option>
          ${(this.#catalogueData?.questions ?? []).map(
            (q) =>
              html`<option value=${q.id} ?selected=${row.choice === q.id} ?disabled=${row.choice !== q.id && chosen.includes(q.id)}>
                ${q.text[lang]}
              </option>`,
          )}
          <option value=${OWN} ?selected=${own}>${msg('Write my own question')}</option>
        </select>
      </div>
      ${
        own
          ? html`<div class="field">
              <label for="own-${index}">${msg(str`Your own question ${n}`)}</label>
              ${list(questionErrorId, questionProblems)}
              <input
                id="own-${index}"
                type="text"
                class="wide"
                .value=${row.own}
                aria-invalid=${questionProblems.length ? 'true' : 'false'}
                aria-describedby=${questionProblems.length ? questionErrorId : ''}
                @input=${(e: Event) => this.#update(index, { own: (e.target as HTMLInputElement).value, ownLanguage: currentLanguage() })}
              />
            </div>`
          : ''
      }
      <div class="field">
        <label for="answer-${index}">${msg(str`Answer ${n}`)}</label>
        ${list(answerErrorId, answerProblems)}
        <input
          id="answer-${index}"
          type="text"
          class=${this.reveal ? '' : 'masked'}
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          .value=${row.answer}
          aria-invalid=${answerProblems.length ? 'true' : 'false'}
          aria-describedby=${answerProblems.length ? answerErrorId : ''}
          @input=${(e: Event) => this.#update(index, { answer: (e.target as HTMLInputElement).value })}
        />
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'security-questions-view': SecurityQuestionsView;
  }
}
