import { html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { sesameApi } from '../api/api-client';
import { NewPasswordScreen } from './new-password-screen';

/** How long the set-password step lasts when the server does not say (its default). */
const DEFAULT_MINUTES = 10;
/** Minutes left at which screen readers hear the time: often enough to plan, not every minute. */
const ANNOUNCED_AT = [5, 2, 1];
/** From this many minutes left, the time shows as a warning. */
const WARN_FROM_MINUTES = 2;

/**
 * "Set a new password": after proving identity through "Forgot your password?" (reason `reset`),
 * or after signing in with a temporary password (reason `temporary`). No current password.
 * Counts down the minutes the session's `until` leaves; when they are over, says so and offers
 * to start again with the user ID kept (`start-again`). Fires `password-set` with the session's
 * new access when the server accepts the password.
 */
@customElement('set-password-view')
@localized()
export class SetPasswordView extends NewPasswordScreen {
  /** Minutes left, rounded up; null when the server gave no end. Changes once a minute. */
  @state() private minutesLeft: number | null = null;
  @state() private expired = false;
  /** The minutes last announced to screen readers (see ANNOUNCED_AT). */
  @state() private announced: number | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Why the step: a forgotten password (`reset`) or a temporary one; and when it ends (ISO time). */
  get #step(): { reason: 'reset' | 'temporary'; until: string } {
    const { access } = this.flow;
    return access?.level === 'set-password' ? access : { reason: 'reset', until: '' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick();
    // A second's precision for the end; the page re-renders only when the minute changes.
    this.#timer = setInterval(() => this.#tick(), 1_000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#timer);
    super.disconnectedCallback();
  }

  #tick(): void {
    const until = Date.parse(this.#step.until);
    if (Number.isNaN(until)) {
      this.minutesLeft = null;
      return;
    }
    const left = until - Date.now();
    if (left <= 0) return this.#expire();
    this.minutesLeft = Math.ceil(left / 60_000);
    if (ANNOUNCED_AT.includes(this.minutesLeft) && this.announced !== this.minutesLeft) this.announced = this.minutesLeft;
  }

  #expire(): void {
    clearInterval(this.#timer);
    if (this.expired) return;
    this.expired = true;
    this.clearFields();
    void this.focusHeading();
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy || this.expired) return;
    this.failure = null;
    this.problems = this.newPasswordProblems();
    if (this.problems.length > 0) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.setPassword(this.newPassword);
    this.busy = false;
    if (!result.ok) return this.showFailure(result.failure);
    clearInterval(this.#timer);
    this.clearFields();
    this.emit('password-set', result.data.access);
  }

  #minutes(): number {
    return this.minutesLeft ?? DEFAULT_MINUTES;
  }

  #intro(): string {
    if (this.#step.reason === 'temporary') return msg('Your password is temporary. Choose your own before you continue.');
    const minutes = this.#minutes();
    // @lit/localize has no plural rules: the one-minute case is its own message.
    return minutes === 1
      ? msg('You proved who you are. Choose a new password within 1 minute.')
      : msg(str`You proved who you are. Choose a new password within ${minutes} minutes.`);
  }

  #timeLeft(minutes: number): string {
    return minutes === 1 ? msg('1 minute left to set your new password.') : msg(str`${minutes} minutes left to set your new password.`);
  }

  /** The visible countdown (not a live region: it would speak every minute), and a warning near the end. */
  #renderCountdown(): TemplateResult | string {
    if (this.minutesLeft === null) return '';
    const warn = this.minutesLeft <= WARN_FROM_MINUTES;
    return html`<p class=${warn ? 'important' : 'hint'} data-countdown>
      ${this.#timeLeft(this.minutesLeft)} ${warn ? msg('Save it now: when the time is over, this step ends and you start again.') : ''}
    </p>`;
  }

  #renderExpired(): TemplateResult {
    return html`
      <h1 tabindex="-1">${msg('Set a new password')}</h1>
      <div class="card">
        <p class="important" role="alert">
          ${msg('The time to set a new password is over, so nothing was saved. Start again to prove who you are; your user ID is kept.')}
        </p>
        <div class="actions">
          <button class="primary" type="button" @click=${() => this.emit('start-again')}>${msg('Start again')}</button>
        </div>
      </div>
    `;
  }

  override render() {
    if (this.expired) return this.#renderExpired();
    return html`
      <h1 tabindex="-1">${msg('Set a new password')}</h1>
      ${this.renderSummary()}
      <p class="visually-hidden" role="status">${this.announced === null ? '' : this.#timeLeft(this.announced)}</p>
      <form class="card" novalidate @submit=${this.#submit}>
        <p>${this.#intro()}</p>
        ${this.#renderCountdown()} ${this.renderUsername()} ${this.renderNewPasswordFields()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the new password')}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'set-password-view': SetPasswordView;
  }
}
