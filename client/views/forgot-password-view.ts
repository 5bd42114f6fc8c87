import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MethodId } from '../../shared/methods';
import { telHref } from '../state/organisation';
import { sharedStyles } from '../styles/shared-styles';
import { METHODS, resetMethods } from './method-registry';
import { ScreenView } from './screen-view';

/**
 * "Forgot your password?": the ways to prove who you are without it — an enrolled method, then
 * "Set a new password" — and, for whoever has not enrolled, the Help Desk.
 */
@customElement('forgot-password-view')
@localized()
export class ForgotPasswordView extends ScreenView {
  static override styles = sharedStyles;

  override render() {
    const { organisation, userId } = this.flow;
    const phone = organisation?.helpDeskPhone;
    const methods = resetMethods(this.flow.methods);
    return html`
      <h1 tabindex="-1">${msg('Forgot your password?')}</h1>
      ${
        methods.length > 0
          ? html`<section class="card" aria-labelledby="prove">
              <h2 id="prove">${msg('Prove who you are another way')}</h2>
              <p>${msg(str`User ID: ${userId}`)}</p>
              <p>${msg('Then you can set a new password without your current one.')}</p>
              <ul class="choices">
                ${methods.map(
                  (method) =>
                    html`<li>
                      <button type="button" class="primary" @click=${() => this.emit<MethodId>('reset-with', method)}>
                        ${METHODS[method].choice()}
                      </button>
                    </li>`,
                )}
              </ul>
            </section>`
          : ''
      }
      <section class="card" aria-labelledby="call">
        <h2 id="call">${msg('Not enrolled yet? Call the Help Desk')}</h2>
        <p>${msg('The Help Desk can confirm who you are and give you a temporary password.')}</p>
        ${phone ? html`<p><a class="primary" href=${telHref(phone)}>${msg(str`Call ${phone}`)}</a></p>` : ''}
        <p>${msg('Then sign in with the temporary password: you will choose a new one and enrol at once.')}</p>
      </section>
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
