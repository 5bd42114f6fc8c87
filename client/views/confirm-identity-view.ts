import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { ScreenView } from './screen-view';

/**
 * "Confirm your identity": the current password typed again before the employee changes how
 * they prove who they are (security questions; devices next), when their last proof is not
 * recent. Fires `identity-confirmed` (detail: the server's answer) so that the app goes back to
 * the screen that asked, with what it had kept; `back-to-profile` on Cancel.
 */
@customElement('confirm-identity-view')
@localized()
export class ConfirmIdentityView extends ScreenView {
  static override styles = sharedStyles;

  @state() private empty = false;
  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;

  /** The password is what this screen is for: arriving puts the focus there, not on the heading. */
  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#password')?.focus();
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#password');
    const password = input?.value ?? '';
    this.failure = null;
    this.empty = password === '';
    if (this.empty) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.reauthenticate(password);
    this.busy = false;
    if (input) input.value = '';
    if (!result.ok) {
      this.failure = result.failure;
      return this.focusErrors();
    }
    this.emit('identity-confirmed', result.data);
  }

  #cancel(event: MouseEvent) {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    this.emit('back-to-profile');
  }

  override render() {
    const errors = [
      ...(this.empty ? [{ text: msg('Enter your password.'), fieldId: 'password' }] : []),
      ...(this.failure ? [{ text: errorText(this.failure, this.flow.organisation?.helpDeskPhone ?? ''), fieldId: 'password' }] : []),
    ];
    return html`
      <h1 tabindex="-1">${msg('Confirm your identity')}</h1>
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      <form class="card" novalidate @submit=${this.#submit}>
        <p>${msg('To change how you prove who you are, enter your password again.')}</p>
        <input type="text" name="username" autocomplete="username" .value=${this.flow.profile?.userId ?? ''} readonly hidden />
        <div class="field">
          <label for="password">${msg('Password')}</label>
          ${this.empty ? html`<p class="field-error" id="password-error">${msg('Enter your password.')}</p>` : ''}
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            autocapitalize="none"
            spellcheck="false"
            maxlength="1024"
            aria-invalid=${this.empty || this.failure ? 'true' : 'false'}
            aria-describedby=${this.empty ? 'password-error' : ''}
          />
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Continue')}</button>
          <a href="/profile" @click=${this.#cancel}>${msg('Cancel')}</a>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-identity-view': ConfirmIdentityView;
  }
}
