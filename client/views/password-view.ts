import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
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

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#password');
    const password = input?.value ?? '';
    this.failure = null;
    this.empty = password === '';
    if (this.empty) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.signInWithPassword(this.flow.userId, password);
    this.busy = false;
    if (!result.ok) {
      this.failure = result.failure;
      if (input) input.value = '';
      return this.focusErrors();
    }
    this.emit('signed-in');
  }

  override render() {
    const { userId, organisation } = this.flow;
    const system = organisation?.primarySystem[currentLanguage()] ?? 'Intranet';
    const errors = [
      ...(this.empty ? [{ text: msg('Enter your password.'), fieldId: 'password' }] : []),
      ...(this.failure ? [{ text: errorText(this.failure, organisation?.helpDeskPhone ?? ''), fieldId: 'password' }] : []),
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
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Log in')}</button>
          <a href="/forgot-password" @click=${this.#forgot}>${msg('Forgot your password?')}</a>
        </div>
      </form>
      <p>
        <button type="button" class="link-button" @click=${() => this.emit('choose-another-method')}>
          ${msg('Choose another method')}
        </button>
      </p>
    `;
  }

  #forgot(event: MouseEvent) {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    this.emit('forgot-password');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'password-view': PasswordView;
  }
}
