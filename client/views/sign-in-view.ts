import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MethodsResponse } from '../../shared/api-schemas';
import { isValidUserId, looksLikeEmployeeId, normaliseUserId } from '../../shared/user-id';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { mayHoldDeviceKey } from '../device/device-database';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { ScreenView } from './screen-view';

export interface IdentifiedDetail {
  userId: string;
  methods: MethodsResponse['methods'];
}

type UserIdProblem = 'empty' | 'format' | 'employee-id';

/** "Self-service password: Sign in": the user ID, then Continue; and who should do what. */
@customElement('sign-in-view')
@localized()
export class SignInView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      .status {
        font-weight: 600;
      }
      section h2 {
        text-transform: none;
      }
    `,
  ];

  @state() private problem: UserIdProblem | null = null;
  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;
  /** This browser holds the offline-code key: an enrolled phone, whose own sign-in comes first. */
  @state() private enrolledPhone = false;

  override connectedCallback() {
    super.connectedCallback();
    void this.#checkPhone();
  }

  /**
   * Only on a phone that holds the key are its actions (and their modules) loaded: the first
   * screen of every other browser stays as light as it was (it does not even open the
   * database). Read from IndexedDB, so offline too.
   */
  async #checkPhone() {
    try {
      if (!(await mayHoldDeviceKey())) return;
      const { loadOfflineKey } = await import('../device/offline-key-store');
      if (!(await loadOfflineKey())) return;
      await import('../components/phone-sign-in');
      this.enrolledPhone = true;
    } catch {
      // No IndexedDB (a private window may refuse it), or the module cannot load offline: the user-ID form is all there is.
    }
  }

  #userIdProblemText(problem: UserIdProblem): string {
    switch (problem) {
      case 'empty':
        return msg('Enter your user ID.');
      case 'employee-id':
        return msg('This looks like an employee ID. Your user ID is beside it on your pay statement.');
      case 'format':
        return msg('Enter your user ID as it appears on your pay statement: letters and digits only.');
    }
  }

  /** What is wrong with what was typed, from its form alone (nothing is looked up). */
  #problemWith(typed: string, userId: string): UserIdProblem | null {
    if (userId === '') return 'empty';
    const employeeIdPattern = this.flow.organisation?.employeeIdPattern;
    if (employeeIdPattern && looksLikeEmployeeId(typed, employeeIdPattern)) return 'employee-id';
    return isValidUserId(userId) ? null : 'format';
  }

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#user-id');
    const typed = input?.value ?? '';
    const userId = normaliseUserId(typed);
    this.failure = null;
    this.problem = this.#problemWith(typed, userId);
    if (this.problem) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.identify(userId);
    this.busy = false;
    if (!result.ok) {
      this.failure = result.failure;
      return this.focusErrors();
    }
    this.emit<IdentifiedDetail>('identified', { userId, methods: result.data.methods });
  }

  override render() {
    const { organisation: org, userId, signInNotice: notice } = this.flow;
    const lang = currentLanguage();
    const system = org?.primarySystem[lang] ?? 'Intranet';
    const phone = org?.helpDeskPhone ?? '';
    const errors = [
      ...(this.problem ? [{ text: this.#userIdProblemText(this.problem), fieldId: 'user-id' }] : []),
      ...(this.failure ? [{ text: errorText(this.failure, phone) }] : []),
    ];
    return html`
      <h1 tabindex="-1">${msg('Self-service password: Sign in')}</h1>
      ${
        notice === 'logged-out'
          ? html`<p class="status" role="status">${msg('You are logged out.')}</p>`
          : notice === 'logged-out-locally'
            ? html`<p class="status" role="status">
                ${msg('You are logged out on this device. Self-service password will end your session on the server as soon as the network is back.')}
              </p>`
            : notice === 'session-ended'
              ? html`<p class="status" role="status">${msg('Your session has ended. Sign in again.')}</p>`
              : notice === 'phone-removed'
                ? html`<p class="important" role="status">
                    ${msg(
                      'This phone was removed from your Mobile devices, so it no longer shows sign-in codes or signs you in. To use it again, sign in and add it from My Profile.',
                    )}
                  </p>`
                : ''
      }
      <p>${msg('Welcome to the Self-service password sign-in page.')}</p>
      ${this.enrolledPhone && notice !== 'phone-removed' ? html`<phone-sign-in></phone-sign-in>` : ''}
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      <form class="card" novalidate @submit=${this.#submit} aria-labelledby=${this.enrolledPhone ? 'with-user-id' : nothing}>
        ${this.enrolledPhone ? html`<h2 id="with-user-id">${msg('Sign in with a user ID')}</h2>` : ''}
        <p>${msg('Enter your user ID:')}</p>
        <div class="field">
          <label for="user-id">${msg('User ID')}</label>
          <p class="hint" id="user-id-hint">${msg('User ID can be found on your pay statement beside your Employee ID.')}</p>
          ${this.problem ? html`<p class="field-error" id="user-id-error">${this.#userIdProblemText(this.problem)}</p>` : ''}
          <input
            id="user-id"
            name="username"
            type="text"
            autocomplete="username"
            inputmode=${org?.userIdInputMode ?? 'text'}
            autocapitalize="none"
            spellcheck="false"
            maxlength="64"
            .value=${userId}
            aria-describedby=${this.problem ? 'user-id-hint user-id-error' : 'user-id-hint'}
            aria-invalid=${this.problem ? 'true' : 'false'}
          />
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Continue')}</button>
      </form>
      <p class="important">
        <strong
          >${msg(
            'If you forgot your password and have not enrolled yet, call the Help Desk for a reset, then sign in to Self-service password with your new password to enrol.',
          )}</strong
        >
      </p>
      <section aria-labelledby="no-computer">
        <h2 id="no-computer">${msg('For employees without a company computer')}</h2>
        <p>
          ${msg(
            'Use Self-service password from any phone, tablet or home computer with an Internet connection: enter your user ID above, then choose how to prove who you are.',
          )}
        </p>
      </section>
      <section aria-labelledby="company-computer">
        <h2 id="company-computer">${msg('For employees with a company computer')}</h2>
        <p>
          ${msg(
            str`Go to ${system} and select Forgot your password?, or open this page directly. Your password is the one you use to sign in to your computer and to ${system}.`,
          )}
        </p>
      </section>
      <section aria-labelledby="mac">
        <h2 id="mac">${msg('Employees with Macintosh computers')}</h2>
        <p>${msg('Mac users keep following the current Mac process to change their password.')}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-view': SignInView;
  }
}
