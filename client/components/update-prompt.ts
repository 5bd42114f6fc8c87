import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../styles/shared-styles';

/** Offers a newly deployed version; the page reloads into it only when the user says so. */
@customElement('update-prompt')
@localized()
export class UpdatePrompt extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1rem;
        background: var(--notice-bg);
        border-bottom: 1px solid var(--border);
      }
      p {
        margin: 0;
      }
    `,
  ];

  @property({ type: Boolean }) busy = false;

  override render() {
    return html`
      <div class="bar" role="status">
        <p>${msg('A new version of Self-service password is available.')}</p>
        <button type="button" class="primary" ?disabled=${this.busy} @click=${this.#reload}>${msg('Reload')}</button>
      </div>
    `;
  }

  #reload() {
    this.busy = true;
    this.dispatchEvent(new CustomEvent('reload-requested', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'update-prompt': UpdatePrompt;
  }
}
