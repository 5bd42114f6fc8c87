import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { sesameApi } from '../api/api-client';
import { NewPasswordScreen } from './new-password-screen';

/** How long the set-password step lasts when the server does not say (its default). */
const DEFAULT_MINUTES = 10;

/**
 * "Set a new password": after proving identity through "Forgot your password?" (reason `reset`),
 * or after signing in with a temporary password (reason `temporary`). No current password.
 * Fires `password-set` with the session's new access when the server accepts it.
 */
@customElement('set-password-view')
@localized()
export class SetPasswordView extends NewPasswordScreen {
  /** Why the step: a forgotten password (`reset`) or a temporary one; and when it ends (ISO time). */
  get #step(): { reason: 'reset' | 'temporary'; until: string } {
    const { access } = this.flow;
    return access?.level === 'set-password' ? access : { reason: 'reset', until: '' };
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    this.failure = null;
    this.problems = this.newPasswordProblems();
    if (this.problems.length > 0) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.setPassword(this.newPassword);
    this.busy = false;
    if (!result.ok) return this.showFailure(result.failure);
    this.clearFields();
    this.emit('password-set', result.data.access);
  }

  #minutesLeft(): number {
    const until = Date.parse(this.#step.until);
    if (Number.isNaN(until)) return DEFAULT_MINUTES;
    return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
  }

  #intro(): string {
    if (this.#step.reason === 'temporary') return msg('Your password is temporary. Choose your own before you continue.');
    const minutes = this.#minutesLeft();
    // @lit/localize has no plural rules: the one-minute case is its own message.
    return minutes === 1
      ? msg('You proved who you are. Choose a new password within 1 minute.')
      : msg(str`You proved who you are. Choose a new password within ${minutes} minutes.`);
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Set a new password')}</h1>
      ${this.renderSummary()}
      <form class="card" novalidate @submit=${this.#submit}>
        <p>${this.#intro()}</p>
        ${this.renderUsername()} ${this.renderNewPasswordFields()}
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
