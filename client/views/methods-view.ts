import { html, css } from 'lit';
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
  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        margin: 0 0 var(--space);
        padding: 0;
        display: grid;
        gap: 0.75rem;
        max-width: 24rem;
      }
      .method {
        width: 100%;
        justify-content: flex-start;
        text-align: left;
      }
    `,
  ];

  @property() userId = '';
  @property({ attribute: false }) methods: MethodId[] = [];

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Authentication methods')}</h1>
      <p>${msg(str`User ID: ${this.userId}`)}</p>
      <p>${msg('Choose how you will prove who you are.')}</p>
      <ul>
        ${this.methods.map(
          (method) => html`<li>
            <button type="button" class="primary method" @click=${() => this.emit<MethodId>('method-chosen', method)}>
              ${methodChoice(method)}
            </button>
          </li>`,
        )}
      </ul>
      <p>
        <button type="button" class="link-button" @click=${() => this.emit('start-over')}>
          ${msg('Not you? Use another user ID')}
        </button>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'methods-view': MethodsView;
  }
}
