import { html, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { ProfileResponse } from '../../shared/api-schemas';
import type { Language } from '../../shared/languages';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import { methodInSentence } from './method-names';
import { ScreenView } from './screen-view';

function formatWhen(iso: string): string {
  const locale = currentLanguage() === 'fr' ? 'fr-CA' : 'en-CA';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** "My Profile": who is signed in, their last sign-in and their preferred language. */
@customElement('profile-view')
@localized()
export class ProfileView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.5rem 1.25rem;
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 24rem) {
        dl {
          grid-template-columns: 1fr;
          gap: 0.1rem;
        }
        dd {
          margin-bottom: 0.5rem;
        }
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: 0.5rem;
        padding: 0;
      }
      .checkbox + .checkbox {
        margin-top: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) profile: ProfileResponse | null = null;
  /** Set by the app after the preferred language was saved, so that the change is announced. */
  @property({ type: Boolean }) languageSaved = false;

  #choose(language: Language) {
    this.emit<Language>('language-change', language);
  }

  override render() {
    const p = this.profile;
    if (!p) return html`<h1 tabindex="-1">${msg('My Profile')}</h1>`;
    const previous = p.previousSignIn;
    return html`
      <h1 tabindex="-1">${msg('My Profile')}</h1>
      <p>${msg(str`Welcome, ${p.displayName}.`)}</p>
      <section class="card" aria-labelledby="identity">
        <h2 id="identity">${msg('Your identity')}</h2>
        <dl>
          <dt>${msg('Name')}</dt>
          <dd>${p.displayName}</dd>
          <dt>${msg('User ID')}</dt>
          <dd>${p.userId}</dd>
          <dt>${msg('Employee ID')}</dt>
          <dd>${p.employeeId}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="last-sign-in">
        <h2 id="last-sign-in">${msg('Last sign-in')}</h2>
        <p>
          ${previous
            ? msg(str`${formatWhen(previous.at)}, ${methodInSentence(previous.method)}.`)
            : msg('This is your first sign-in to Self-service password.')}
        </p>
        <p class="hint">${msg('If you do not recognise a sign-in, change your password and call the Help Desk.')}</p>
      </section>
      <section class="card" aria-labelledby="language">
        <h2 id="language">${msg('Preferred language')}</h2>
        <fieldset>
          <legend>${msg('The language Self-service password uses with you')}</legend>
          ${(['en', 'fr'] as const).map(
            (language) => html`<div class="checkbox">
              <input
                type="radio"
                id="language-${language}"
                name="language"
                .checked=${p.preferredLanguage === language}
                @change=${() => this.#choose(language)}
              />
              <label for="language-${language}" lang=${language}>${language === 'en' ? 'English' : 'Français'}</label>
            </div>`,
          )}
        </fieldset>
        <p role="status">${this.languageSaved ? msg('Your preferred language is saved.') : ''}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-view': ProfileView;
  }
}
