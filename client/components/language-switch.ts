import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { localized } from '@lit/localize';
import type { Language } from '../../shared/languages';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';

/**
 * Offers the other official language, named in that language ("Français" on English pages,
 * "English" on French ones). Fires `language-change`; the app applies and remembers it.
 */
@customElement('language-switch')
@localized()
export class LanguageSwitch extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      button {
        min-height: 2.75rem;
        padding: 0.25rem 0.75rem;
        color: inherit;
        background: transparent;
        border: 2px solid currentColor;
        border-radius: var(--radius);
      }
    `,
  ];

  override render() {
    const other: Language = currentLanguage() === 'en' ? 'fr' : 'en';
    const label = other === 'fr' ? 'Français' : 'English';
    return html`<button type="button" lang=${other} @click=${() => this.#switch(other)}>${label}</button>`;
  }

  #switch(language: Language) {
    this.dispatchEvent(new CustomEvent<Language>('language-change', { detail: language, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'language-switch': LanguageSwitch;
  }
}
