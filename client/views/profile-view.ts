import { html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import type { Language } from '../../shared/languages';
import type { AccountsResponse } from '../../shared/account-schemas';
import { sesameApi } from '../api/api-client';
import { currentLanguage } from '../i18n/language';
import { formatDateTime } from '../i18n/format-date';
import { isPlainClick, routeHref } from '../navigation/route-link';
import type { RouteName } from '../navigation/route-table';
import { sharedStyles } from '../styles/shared-styles';
import { METHODS } from './method-registry';
import { ScreenView } from './screen-view';
import '../components/linked-accounts';

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
      .links {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      .links .hint {
        display: block;
        margin: 0;
      }
      .status {
        font-weight: 600;
      }
    `,
  ];

  /** How many accounts are linked, once the progress list has said (null: not yet). */
  @state() private linkedAccounts: number | null = null;

  /** When the security questions were enrolled: null if never; undefined until known (or unknown). */
  readonly #questionsEnrolledAt = new Task<[], string | null | undefined>(this, {
    task: async () => {
      const result = await sesameApi.securityQuestions();
      return result.ok ? result.data.enrolledAt : undefined;
    },
    args: () => [],
  });

  #noticeText(): string {
    switch (this.flow.profileNotice) {
      case 'password-changed':
        return msg('Your password is changed. Other devices where you were signed in must sign in again.');
      case 'questions-saved':
        return msg('Your security questions are saved.');
      default:
        return '';
    }
  }

  #renderSecurity() {
    const enrolledAt = this.#questionsEnrolledAt.value;
    return html`
      <section class="card" aria-labelledby="security">
        <h2 id="security">${msg('Security')}</h2>
        ${
          enrolledAt === null
            ? html`<p class="important">
                ${msg('You have not enrolled security questions yet. Without them, a forgotten password means a call to the Help Desk.')}
              </p>`
            : ''
        }
        <ul class="links">
          <li>${this.#link('change-password', msg('Change password'))}</li>
          <li>
            ${this.#link('security-questions', enrolledAt === null ? msg('Enrol security questions') : msg('Security questions'))}
            ${enrolledAt ? html`<span class="hint">${msg(str`enrolled ${formatDateTime(enrolledAt)}`)}</span>` : ''}
          </li>
          <li>${this.#link('devices', msg('Mobile devices'))}</li>
          <li>${this.#link('accounts', msg('Attach other accounts'))}</li>
          <li>${this.#link('activity', msg('Recent activity'))}</li>
        </ul>
      </section>
    `;
  }

  /**
   * After a change of password, where it is going: each linked account's progress, live. The
   * list is loaded with the screen only then, and says nothing when no account is linked.
   */
  #syncProgress() {
    // Hidden until the list says there is something to show.
    return html`<section class="card" aria-labelledby="sync-progress" ?hidden=${!this.linkedAccounts}>
      <h2 id="sync-progress">${msg('Your accounts')}</h2>
      <linked-accounts
        .discover=${false}
        .helpDeskPhone=${this.flow.organisation?.helpDeskPhone ?? ''}
        @accounts-loaded=${(e: CustomEvent<AccountsResponse>) => (this.linkedAccounts = e.detail.accounts.length)}
      ></linked-accounts>
    </section>`;
  }

  /** A link to another screen: its address for a new tab; a plain click opens it in the app. */
  #link(route: RouteName, text: string) {
    const open = (event: MouseEvent) => {
      if (!isPlainClick(event)) return;
      event.preventDefault();
      this.emit<RouteName>('open-screen', route);
    };
    return html`<a class="nav-link" href=${routeHref(route)} @click=${open}>${text}</a>`;
  }

  /**
   * The header's switch changes the page on this device; the preference is saved only from a
   * full session. When the two differ (a language chosen on this device before signing in, or
   * during a step that cannot save it), say why rather than show two answers.
   */
  #languageDifference(preferred: Language) {
    if (currentLanguage() === preferred) return '';
    return html`<p class="hint" data-language-difference>
      ${
        preferred === 'fr'
          ? msg(
              'This device shows Self-service password in English, as chosen with the language switch. Your preferred language is still French: choose English above to make it your preference.',
            )
          : msg(
              'This device shows Self-service password in French, as chosen with the language switch. Your preferred language is still English: choose French above to make it your preference.',
            )
      }
    </p>`;
  }

  #choose(language: Language) {
    this.emit<Language>('language-change', language);
  }

  override render() {
    const { profile: p, profileNotice, languageSaved } = this.flow;
    if (!p) return html`<h1 tabindex="-1">${msg('My Profile')}</h1>`;
    const previous = p.previousSignIn;
    return html`
      <h1 tabindex="-1">${msg('My Profile')}</h1>
      ${profileNotice ? html`<p class="status" role="status">${this.#noticeText()}</p>` : ''}
      ${profileNotice === 'password-changed' ? this.#syncProgress() : ''}
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
          ${
            previous
              ? msg(str`${formatDateTime(previous.at)}, ${METHODS[previous.method].inSentence()}.`)
              : msg('This is your first sign-in to Self-service password.')
          }
        </p>
        <p class="hint">${msg('If you do not recognize a sign-in, change your password and call the Help Desk.')}</p>
      </section>
      ${this.#renderSecurity()}
      <section class="card" aria-labelledby="language">
        <h2 id="language">${msg('Preferred language')}</h2>
        <fieldset>
          <legend>${msg('The language Self-service password uses with you')}</legend>
          ${(['en', 'fr'] as const).map(
            (language) =>
              html`<div class="checkbox">
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
        ${this.#languageDifference(p.preferredLanguage)}
        <p role="status">${languageSaved ? msg('Your preferred language is saved.') : ''}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'profile-view': ProfileView;
  }
}
