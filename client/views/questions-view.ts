import { html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { QuestionChallengeResponse, SignInPurpose } from '../../shared/api-schemas';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { currentLanguage } from '../i18n/language';
import { isPlainClick, routeHref } from '../navigation/route-link';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { lockNotice } from './lock-notice';
import { LockTimer } from './lock-timer';
import { ScreenView } from './screen-view';

type Question = QuestionChallengeResponse['questions'][number];

/**
 * "Answer security questions": the three questions of the current attempt, one answer each.
 * Answers are masked unless "Show answers" is ticked (kiosks, shared screens), in text fields
 * that browsers neither remember nor offer to save as passwords, nor send to a spell checker.
 * Fires `signed-in` with the session's access when all three are right.
 */
@customElement('questions-view')
@localized()
export class QuestionsView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      .masked {
        -webkit-text-security: disc;
      }
    `,
  ];

  @state() private questions: Question[] | null = null;
  @state() private loading = false;
  @state() private failure: ApiFailure | null = null;
  /** Positions submitted without an answer. */
  @state() private empty: number[] = [];
  @state() private busy = false;
  @state() private reveal = false;

  /** The user ID and purpose the questions on screen were asked for. */
  #askedFor = '';

  /**
   * While the method is locked there is nothing to answer (a locking answer closes its attempt,
   * and a locked user ID gets no questions): when the lock ends, the next attempt's questions
   * come by themselves, with their button.
   */
  readonly #lock = new LockTimer(this, () => void this.#load());

  get userId(): string {
    return this.flow.userId;
  }

  /** Signing in, or proving who one is to set a forgotten password. */
  get purpose(): SignInPurpose {
    return this.flow.purpose;
  }

  protected override willUpdate() {
    // A new attempt when the user ID or the purpose changes, not when the rest of the flow does.
    const askFor = `${this.purpose} ${this.userId}`;
    if (this.userId && askFor !== this.#askedFor) {
      this.#askedFor = askFor;
      void this.#load();
    }
  }

  /** Fetches the attempt's questions; `failure` stays on screen (the reason for a new attempt). */
  async #load(failure: ApiFailure | null = null) {
    this.loading = true;
    this.questions = null;
    this.empty = [];
    const result = await sesameApi.startQuestions(this.userId, this.purpose);
    this.loading = false;
    if (result.ok) {
      this.questions = result.data.questions;
      this.failure = failure;
    } else {
      this.failure = result.failure;
      this.#lock.lockFrom(result.failure);
    }
    if (this.failure) await this.focusErrors();
  }

  #answerField(position: number): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`#answer-${position}`);
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const questions = this.questions;
    if (!questions || this.busy || this.#lock.locked) return;
    const answers = questions.map((q) => ({ position: q.position, answer: this.#answerField(q.position)?.value ?? '' }));
    this.failure = null;
    this.empty = answers.filter((a) => a.answer.trim() === '').map((a) => a.position);
    if (this.empty.length > 0) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.answerQuestions(this.userId, this.purpose, answers);
    this.busy = false;
    if (result.ok) {
      this.emit('signed-in', result.data.access);
      return;
    }
    const failure = result.failure;
    if (failure.error === 'offline') {
      // Nothing was answered: the same questions, the answers as typed, another try.
      this.failure = failure;
      return this.focusErrors();
    }
    for (const q of questions) {
      const field = this.#answerField(q.position);
      if (field) field.value = '';
    }
    if (failure.error === 'wrong_answers') {
      // That attempt is closed: the next one may ask other questions.
      return this.#load(failure);
    }
    this.questions = null;
    this.failure = failure;
    this.#lock.lockFrom(failure);
    return this.focusErrors();
  }

  override render() {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    const lang = currentLanguage();
    const questions = this.questions ?? [];
    const number = (position: number) => questions.findIndex((q) => q.position === position) + 1;
    const failure = this.failure;
    const lockedUntil = this.#lock.until;
    const errors = [
      ...this.empty.map((position) => ({ text: msg(str`Answer question ${number(position)}.`), fieldId: `answer-${position}` })),
      ...(failure && lockedUntil && (failure.error === 'locked' || failure.error === 'rate_limited')
        ? [{ text: lockNotice(failure.error, lockedUntil, phone) }]
        : failure
          ? [{ text: errorText(failure, phone), fieldId: questions[0] ? `answer-${questions[0].position}` : undefined }]
          : []),
    ];
    const canRetry = !this.loading && !this.questions && this.failure?.error !== 'locked' && this.failure?.error !== 'rate_limited';
    return html`
      <h1 tabindex="-1">${msg('Answer security questions')}</h1>
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      <p>${msg(str`User ID: ${this.userId}`)}</p>
      <p>
        ${
          this.purpose === 'reset'
            ? msg('Answer these three questions to prove who you are; you will then choose a new password.')
            : msg('Answer these three questions. Capitals, accents and spaces do not matter.')
        }
      </p>
      ${this.loading ? html`<p role="status">${msg('Loading your questions…')}</p>` : ''}
      ${
        this.questions
          ? html`<form class="card" novalidate @submit=${this.#submit}>
              ${this.questions.map((q) => {
                const missing = this.empty.includes(q.position);
                return html`<div class="field">
                  <label for="answer-${q.position}">${q.text[lang]}</label>
                  ${missing ? html`<p class="field-error" id="answer-${q.position}-error">${msg('Answer this question.')}</p>` : ''}
                  <input
                    id="answer-${q.position}"
                    type="text"
                    class=${this.reveal ? '' : 'masked'}
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    aria-invalid=${missing || this.failure?.error === 'wrong_answers' ? 'true' : 'false'}
                    aria-describedby=${missing ? `answer-${q.position}-error` : ''}
                  />
                </div>`;
              })}
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
                <button class="primary" type="submit" ?disabled=${this.busy || this.#lock.locked}>
                  ${this.purpose === 'reset' ? msg('Continue') : msg('Log in')}
                </button>
              </div>
            </form>`
          : ''
      }
      ${
        canRetry && this.failure
          ? html`<p><button type="button" class="secondary" @click=${() => this.#load()}>${msg('Try again')}</button></p>`
          : ''
      }
      <p>
        <a
          class="nav-link"
          href=${routeHref(this.purpose === 'reset' ? 'forgot-password' : 'methods')}
          @click=${(e: MouseEvent) => this.#chooseAnother(e)}
          >${msg('Choose another method')}</a
        >
      </p>
    `;
  }

  /** A plain click stays in the app (the shell knows where "another method" is); others open the address. */
  #chooseAnother(event: MouseEvent) {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.emit('choose-another-method');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'questions-view': QuestionsView;
  }
}
