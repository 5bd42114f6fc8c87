import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { OrganisationResponse } from '../../shared/api-schemas';
import { telHref } from '../state/organisation';
import { sharedStyles } from '../styles/shared-styles';
import { ScreenView } from './screen-view';

/**
 * "Forgot your password?": the ways to prove who you are without it. Until an enrolled method
 * exists, that way is the Help Desk.
 */
@customElement('forgot-password-view')
@localized()
export class ForgotPasswordView extends ScreenView {
  static override styles = sharedStyles;

  @property({ attribute: false }) organisation: OrganisationResponse | null = null;

  override render() {
    const phone = this.organisation?.helpDeskPhone;
    return html`
      <h1 tabindex="-1">${msg('Forgot your password?')}</h1>
      <div class="card">
        <h2>${msg('Call the Help Desk')}</h2>
        <p>${msg('The Help Desk can confirm who you are and give you a temporary password.')}</p>
        ${phone
          ? html`<p><a class="primary" href=${telHref(phone)}>${msg(str`Call ${phone}`)}</a></p>`
          : ''}
        <p>${msg('Then sign in with the temporary password and choose a new one.')}</p>
      </div>
      <p>
        <button type="button" class="link-button" @click=${() => this.emit('start-over')}>${msg('Back to sign-in')}</button>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'forgot-password-view': ForgotPasswordView;
  }
}
