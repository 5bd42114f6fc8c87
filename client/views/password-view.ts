import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { currentLanguage } from '../i18n/language';
import { isPlainClick, routeHref } from '../navigation/route-link';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { activeLock, type MethodLock } from '../state/flow-state';
import { lockNotice } from './lock-notice';
import { LockTimer } from './lock-timer';
import { ScreenView } from './screen-view';

/** "Use password": the password for the user ID entered, then Log in. */
@customElement('password-view')
@localized()
export class PasswordView extends ScreenView {
  static override styles = sharedStyles;

  @state() private empty = false;
  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;
  @state() private reveal = false;
  /** While the method is locked, Log in is disabled; it comes back by itself when the lock ends. */
  readonly #lock = new LockTimer(this);

  protected override willUpdate() {
    // A lock reported before the screen was left (Choose another method) shows again when it opens.
    const kept = this.#lock.locked ? null : activeLock(this.flow, 'password');
    if (kept) {
      this.#lock.resume(new Date(kept.until));
      this.failure = { error: kept.reason };
    }
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#password');
    const password = input?.value ?? '';
    this.failure = null;
    this.empty = password === '';
    if (this.empty) return this.focusErrors();
    if (this.#lock.locked) return;
    this.busy = true;
    const result = await sesameApi.signInWithPassword(this.flow.userId, password);
    this.busy = false;
    if (!result.ok) {
      this.failure = result.failure;
      if (this.#lock.lockFrom(result.failure) && this.#lock.until) {
        const lock: MethodLock = {
          userId: this.flow.userId,
          method: 'password',
          reason: result.failure.error as MethodLock['reason'],
          until: this.#lock.until.getTime(),
        };
        this.emit('method-locked', lock);
      }
      if (input) input.value = '';
      return this.focusErrors();
    }
    this.emit('signed-in');
  }

  override render() {
    const { userId, organisation } = this.flow;
    const system = organisation?.primarySystem[currentLanguage()] ?? 'Intranet';
    const phone = organisation?.helpDeskPhone ?? '';
    const lockedUntil = this.#lock.until;
    const failure = this.failure;
    const errors = [
      ...(this.empty ? [{ text: msg('Enter your password.'), fieldId: 'password' }] : []),
      // A lock's message holds the help-desk number as a link: no link to the field around it.
      ...(failure && lockedUntil && (failure.error === 'locked' || failure.error === 'rate_limited')
        ? [{ text: lockNotice(failure.error, lockedUntil, phone) }]
        : failure
          ? [{ text: errorText(failure, phone), fieldId: 'password' }]
          : []),
    ];
    return html`
      <h1 tabindex="-1">${msg('Log in')}</h1>
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      <form class="card" novalidate @submit=${this.#submit}>
        <p>${msg(str`User ID: ${userId}`)}</p>
        <input type="text" name="username" autocomplete="username" .value=${userId} readonly hidden />
        <p>${msg(str`Enter password: the same one you use to sign in to ${system}.`)}</p>
        <div class="field">
          <label for="password">${msg('Password')}</label>
          ${this.empty ? html`<p class="field-error" id="password-error">${msg('Enter your password.')}</p>` : ''}
          <input
            id="password"
            name="password"
            type=${this.reveal ? 'text' : 'password'}
            autocomplete="current-password"
            autocapitalize="none"
            spellcheck="false"
            maxlength="1024"
            aria-invalid=${this.empty || this.failure ? 'true' : 'false'}
            aria-describedby=${this.empty ? 'password-error' : ''}
          />
        </div>
        <div class="field checkbox">
          <input
            id="reveal"
            type="checkbox"
            .checked=${this.reveal}
            @change=${(e: Event) => (this.reveal = (e.target as HTMLInputElement).checked)}
          />
          <label for="reveal">${msg('Show password')}</label>
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy || this.#lock.locked}>${msg('Log in')}</button>
          <a class="nav-link" href=${routeHref('forgot-password')} @click=${(e: MouseEvent) => this.#follow(e, 'forgot-password')}
            >${msg('Forgot your password?')}</a
          >
        </div>
      </form>
      <p>
        <a class="nav-link" href=${routeHref('methods')} @click=${(e: MouseEvent) => this.#follow(e, 'choose-another-method')}
          >${msg('Choose another method')}</a
        >
      </p>
    `;
  }

  /** A plain click stays in the app (the shell routes the event); others open the address. */
  #follow(event: MouseEvent, name: 'forgot-password' | 'choose-another-method') {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.emit(name);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'password-view': PasswordView;
  }
}
