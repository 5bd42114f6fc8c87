import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { OrganisationResponse } from '../../shared/api-schemas';
import { currentLanguage } from '../i18n/language';
import { telHref } from '../state/organisation';
import { sharedStyles } from '../styles/shared-styles';

/** "If you experience any login difficulties, please contact the … Help Desk at …" with a tel: link. */
@customElement('help-desk-line')
@localized()
export class HelpDeskLine extends LitElement {
  static override styles = sharedStyles;

  @property({ attribute: false }) organisation: OrganisationResponse | null = null;

  override render() {
    const org = this.organisation;
    if (!org) return html`<p>${msg('If you experience any login difficulties, please contact the Help Desk.')}</p>`;
    const name = org.name[currentLanguage()];
    const phone = html`<a href=${telHref(org.helpDeskPhone)}>${org.helpDeskPhone}</a>`;
    return html`<p>${msg(html`If you experience any login difficulties, please contact the ${name} Help Desk at ${phone}.`)}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'help-desk-line': HelpDeskLine;
  }
}
