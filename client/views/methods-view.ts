import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MethodId } from '../../shared/methods';
import { sharedStyles } from '../styles/shared-styles';
import { METHODS } from './method-registry';
import { ScreenView } from './screen-view';

/** "Authentication methods": one choice per method the server offers. */
@customElement('methods-view')
@localized()
export class MethodsView extends ScreenView {
  static override styles = sharedStyles;

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Authentication methods')}</h1>
      <p>${msg(str`User ID: ${this.flow.userId}`)}</p>
      <p>${msg('Choose how you will prove who you are.')}</p>
      <ul class="choices">
        ${this.flow.methods.map(
          (method) =>
            html`<li>
              <button type="button" class="primary" @click=${() => this.emit<MethodId>('method-chosen', method)}>
                ${METHODS[method].choice()}
              </button>
            </li>`,
        )}
      </ul>
      <p>
        <button type="button" class="link-button" @click=${() => this.emit('start-over')}>${msg('Not you? Use another user ID')}</button>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'methods-view': MethodsView;
  }
}
