import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { OrganisationResponse } from '../../shared/api-schemas';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import { FirstRenderInOwnTask } from './first-render-in-own-task';
import './help-desk-line';

/** On every page: the help-desk line and the authorized-use notice. */
@customElement('site-footer')
@localized()
export class SiteFooter extends FirstRenderInOwnTask(LitElement) {
  static override styles = [
    sharedStyles,
    css`
      .notice {
        color: var(--muted);
        font-size: 0.875rem;
      }
      h2 {
        font-size: 0.95rem;
        margin-top: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) organisation: OrganisationResponse | null = null;

  override render() {
    const notice = this.organisation?.notice[currentLanguage()];
    return html`
      <help-desk-line .organisation=${this.organisation}></help-desk-line>
      ${
        notice
          ? html`<h2>${msg('Authorized use')}</h2>
              <p class="notice">${notice}</p>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'site-footer': SiteFooter;
  }
}
