import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../styles/shared-styles';

export interface SummaryError {
  /** Plain text, or a template when the message holds a link of its own (a `tel:` number). */
  text: string | TemplateResult;
  /** The id of the field the error is about, in the same form; clicking the error focuses it. */
  fieldId?: string;
}

/**
 * The list of errors at the top of a form. It is announced when it appears, and each entry
 * takes the user to its field.
 */
@customElement('error-summary')
@localized()
export class ErrorSummary extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .summary {
        border: 3px solid var(--error);
        background: var(--error-bg);
        border-radius: var(--radius);
        padding: 0.75rem 1rem;
        margin: 0 0 var(--space);
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.05rem;
      }
      ul {
        margin: 0;
        padding-left: 1.25rem;
      }
      a,
      li {
        color: var(--error);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) errors: SummaryError[] = [];

  /** Fires `focus-field` with the field id; the form that owns the field focuses it. */
  #goTo(event: Event, fieldId: string) {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('focus-field', { detail: fieldId, bubbles: true, composed: true }));
  }

  override render() {
    if (this.errors.length === 0) return html`<div role="alert"></div>`;
    return html`
      <div role="alert" class="summary">
        <h2>${msg('There is a problem')}</h2>
        <ul>
          ${this.errors.map((e) =>
            e.fieldId
              ? html`<li><a href="#${e.fieldId}" @click=${(ev: Event) => this.#goTo(ev, e.fieldId ?? '')}>${e.text}</a></li>`
              : html`<li>${e.text}</li>`,
          )}
        </ul>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'error-summary': ErrorSummary;
  }
}
