import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MethodId } from '../../shared/methods';
import { sharedStyles } from '../styles/shared-styles';
import { methodChoice } from './method-names';
import { ScreenView } from './screen-view';

/** "Authentication methods": one choice per method the server offers. */
@customElement('methods-view')
@localized()
export class MethodsView extends ScreenView {
  static override styles = sharedStyles;

  @property() userId = '';
  @property({ attribute: false }) methods: MethodId[] = [];

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Authentication methods')}</h1>
      <p>${msg(str`User ID: ${this.userId}`)}</p>
      <p>${msg('Choose how you will prove who you are.')}</p>
      <ul class="choices">
        ${this.methods.map(
          (method) =>
            html`<li>
              <button type="button" class="primary" @click=${() => this.emit<MethodId>('method-chosen', method)}>
                ${methodChoice(method)}
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
