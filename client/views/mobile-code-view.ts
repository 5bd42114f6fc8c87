import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { isPlainClick, routeHref } from '../navigation/route-link';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { lockNotice } from './lock-notice';
import { LockTimer } from './lock-timer';
import { ScreenView } from './screen-view';

/**
 * "Use a code from the app instead": the 6-digit offline code the phone's app shows (it needs
 * no network there), typed here for the user ID entered. Signs in, or — from "Forgot your
 * password?" — opens Set a new password.
 */
@customElement('mobile-code-view')
@localized()
export class MobileCodeView extends ScreenView {
  static override styles = sharedStyles;

  @state() private problem: 'empty' | 'format' | null = null;
  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;
  readonly #lock = new LockTimer(this);

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code');
    const code = (input?.value ?? '').replace(/\s+/g, '');
    this.failure = null;
    this.problem = code === '' ? 'empty' : /^\d{6}$/.test(code) ? null : 'format';
    if (this.problem) return this.focusErrors();
    if (this.#lock.locked) return;
    this.busy = true;
    const result = await sesameApi.signInWithOfflineCode(this.flow.userId, code, this.flow.purpose);
    this.busy = false;
    if (!result.ok) {
      this.failure = result.failure;
      this.#lock.lockFrom(result.failure);
      if (input) input.value = '';
      return this.focusErrors();
    }
    this.emit('signed-in', result.data.access);
  }

  override render() {
    const { userId, organisation, purpose } = this.flow;
    const phone = organisation?.helpDeskPhone ?? '';
    const lockedUntil = this.#lock.until;
    const failure = this.failure;
    const fieldProblem =
      this.problem === 'empty' ? msg('Enter the code the app shows.') : this.problem === 'format' ? msg('The code is 6 digits.') : null;
    const errors = [
      ...(fieldProblem ? [{ text: fieldProblem, fieldId: 'code' }] : []),
      ...(failure && lockedUntil && (failure.error === 'locked' || failure.error === 'rate_limited')
        ? [{ text: lockNotice(failure.error, lockedUntil, phone) }]
        : failure
          ? [{ text: errorText(failure, phone), fieldId: 'code' }]
          : []),
    ];
    return html`
      <h1 tabindex="-1">${msg('Enter a code from the app')}</h1>
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      <form class="card" novalidate @submit=${this.#submit}>
        <p>${msg(str`User ID: ${userId}`)}</p>
        <p id="code-hint">${msg('On your phone, open Sésame and choose "Show a sign-in code". It works without a network.')}</p>
        <div class="field">
          <label for="code">${msg('Sign-in code')}</label>
          ${fieldProblem ? html`<p class="field-error" id="code-error">${fieldProblem}</p>` : ''}
          <input
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="7"
            spellcheck="false"
            aria-invalid=${fieldProblem || failure ? 'true' : 'false'}
            aria-describedby=${fieldProblem ? 'code-error code-hint' : 'code-hint'}
          />
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy || this.#lock.locked}>
            ${purpose === 'reset' ? msg('Continue') : msg('Log in')}
          </button>
        </div>
      </form>
      <p>
        <a class="nav-link" href=${routeHref('methods')} @click=${this.#another}>${msg('Choose another method')}</a>
      </p>
    `;
  }

  #another = (event: MouseEvent) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.emit('choose-another-method');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'mobile-code-view': MobileCodeView;
  }
}
