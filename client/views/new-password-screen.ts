import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { DEFAULT_PASSWORD_POLICY, failedRules, type PasswordPolicy, type PasswordRuleId } from '../../shared/password-policy';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import type { SummaryError } from '../components/error-summary';
import { ruleProblem } from '../components/password-rule-text';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import '../components/password-checklist';
import type { PasswordChecklist } from '../components/password-checklist';
import { ScreenView } from './screen-view';
import { currentLanguage } from '../i18n/language';

/** What can be wrong with the form, worded at render time (so that it follows a language switch). */
export type Problem =
  | { kind: 'empty-current' }
  | { kind: 'wrong-current' }
  | { kind: 'empty-new' }
  | { kind: 'rule'; rule: PasswordRuleId }
  | { kind: 'empty-confirm' }
  | { kind: 'mismatch' };

export const FIELD = { current: 'current-password', new: 'new-password', confirm: 'confirm-password' } as const;

/**
 * What "Set a new password" and "Change password" share: the new password with its live
 * checklist (which also says whether the confirmation matches), its confirmation (a mismatch shows as soon as the two part ways, and on submit),
 * "Show passwords", the error summary, and how the server's answers are shown.
 */
export abstract class NewPasswordScreen extends ScreenView {
  static override styles = sharedStyles;

  /** The server's policy; loaded by the screen itself when not given. */
  @property({ attribute: false }) policy: PasswordPolicy | null = null;

  @state() protected newPassword = '';
  @state() protected confirmation = '';
  @state() protected reveal = false;
  @state() protected busy = false;
  @state() protected problems: Problem[] = [];
  @state() protected failure: ApiFailure | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.policy) void this.#loadPolicy();
  }

  async #loadPolicy(): Promise<void> {
    const result = await sesameApi.passwordPolicy();
    // Offline, the checklist uses the defaults; the server judges the password anyway.
    if (result.ok && !this.policy) this.policy = result.data;
  }

  /** The signed-in employee: what the new password must not contain. */
  protected get userId(): string {
    return this.flow.profile?.userId ?? '';
  }

  protected get displayName(): string {
    return this.flow.profile?.displayName ?? '';
  }

  protected get effectivePolicy(): PasswordPolicy {
    return this.policy ?? DEFAULT_PASSWORD_POLICY;
  }

  /** The problems with the new password and its confirmation that the page can see before sending. */
  protected newPasswordProblems(): Problem[] {
    const problems: Problem[] = [];
    if (this.newPassword === '') problems.push({ kind: 'empty-new' });
    else {
      const checklist = this.renderRoot.querySelector<PasswordChecklist>('password-checklist');
      for (const rule of failedRules(checklist?.results ?? [])) problems.push({ kind: 'rule', rule });
    }
    if (this.confirmation === '') problems.push({ kind: 'empty-confirm' });
    else if (this.confirmation !== this.newPassword) problems.push({ kind: 'mismatch' });
    return problems;
  }

  /** Shows a refusal: a policy failure names its rules at the new password; others go to the summary. */
  protected showFailure(failure: ApiFailure): Promise<void> {
    if (failure.error === 'password_policy' && failure.failedRules?.length) {
      this.problems = failure.failedRules.map((rule) => ({ kind: 'rule', rule }));
    } else {
      this.failure = failure;
    }
    // The app shell decides where an ended session goes.
    if (failure.error === 'unauthenticated') this.emit('session-ended');
    return this.focusErrors();
  }

  protected clearFields(): void {
    this.newPassword = '';
    this.confirmation = '';
    for (const input of this.renderRoot.querySelectorAll('input[type="password"], input[type="text"]:not([readonly])')) {
      (input as HTMLInputElement).value = '';
    }
  }

  protected problemText(problem: Problem): string {
    switch (problem.kind) {
      case 'empty-current':
        return msg('Enter your current password.');
      case 'wrong-current':
        return msg('Your current password is incorrect.');
      case 'empty-new':
        return msg('Enter a new password.');
      case 'rule':
        return ruleProblem(problem.rule, this.effectivePolicy);
      case 'empty-confirm':
        return msg('Enter the new password again to confirm it.');
      case 'mismatch':
        return msg('The two new passwords do not match.');
    }
  }

  protected fieldOf(problem: Problem): string {
    switch (problem.kind) {
      case 'empty-current':
      case 'wrong-current':
        return FIELD.current;
      case 'empty-confirm':
      case 'mismatch':
        return FIELD.confirm;
      default:
        return FIELD.new;
    }
  }

  /** The mismatch shows while typing as soon as the confirmation stops being the start of the password. */
  get #liveMismatch(): boolean {
    return this.confirmation !== '' && !this.newPassword.startsWith(this.confirmation);
  }

  protected fieldProblems(field: string): Problem[] {
    const problems = this.problems.filter((p) => this.fieldOf(p) === field);
    if (field === FIELD.confirm && this.#liveMismatch && !problems.some((p) => p.kind === 'mismatch')) {
      problems.push({ kind: 'mismatch' });
    }
    return problems;
  }

  protected renderSummary(): TemplateResult {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    const errors: SummaryError[] = [
      ...this.problems.map((p) => ({ text: this.problemText(p), fieldId: this.fieldOf(p) })),
      ...(this.failure
        ? [
            {
              text: errorText(this.failure, phone, this.flow.organisation?.primarySystem[currentLanguage()] ?? ''),
              // The directory refused the new password: the way on is choosing another one.
              fieldId: this.failure.error === 'password_refused' ? FIELD.new : undefined,
            },
          ]
        : []),
    ];
    return html`<error-summary
      tabindex="-1"
      .errors=${errors}
      @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}
    ></error-summary>`;
  }

  /** A password field with its label and its own errors (linked through aria-describedby). */
  protected renderPasswordField(id: string, label: string, autocomplete: string, onInput: (value: string) => void): TemplateResult {
    const problems = this.fieldProblems(id);
    const errorId = `${id}-error`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${problems.map((p, i) => html`<p class="field-error" id="${errorId}-${i}">${this.problemText(p)}</p>`)}
      <input
        id=${id}
        name=${id}
        type=${this.reveal ? 'text' : 'password'}
        autocomplete=${autocomplete}
        autocapitalize="none"
        spellcheck="false"
        maxlength="1024"
        aria-invalid=${problems.length > 0 ? 'true' : 'false'}
        aria-describedby=${problems.map((_, i) => `${errorId}-${i}`).join(' ')}
        @input=${(e: InputEvent) => onInput((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  /** The user ID, hidden, first in the form: password managers save the new password under it. */
  protected renderUsername(): TemplateResult {
    return html`<input type="text" name="username" autocomplete="username" .value=${this.userId} readonly hidden />`;
  }

  /** New password, its checklist, its confirmation, and "Show passwords". */
  protected renderNewPasswordFields(): TemplateResult {
    return html`
      ${this.renderPasswordField(FIELD.new, msg('New password'), 'new-password', (value) => {
        this.newPassword = value;
        // A rule broken at submit is shown until the password changes; the checklist takes over.
        this.problems = this.problems.filter((p) => p.kind !== 'rule' && p.kind !== 'empty-new');
      })}
      <div class="field">
        <password-checklist
          .password=${this.newPassword}
          .confirmation=${this.confirmation}
          .policy=${this.effectivePolicy}
          .userId=${this.userId}
          .displayName=${this.displayName}
        ></password-checklist>
      </div>
      ${this.renderPasswordField(FIELD.confirm, msg('Confirm the new password'), 'new-password', (value) => {
        this.confirmation = value;
        this.problems = this.problems.filter((p) => p.kind !== 'empty-confirm' && p.kind !== 'mismatch');
      })}
      <div class="field checkbox">
        <input
          id="reveal"
          type="checkbox"
          .checked=${this.reveal}
          @change=${(e: Event) => (this.reveal = (e.target as HTMLInputElement).checked)}
        />
        <label for="reveal">${msg('Show passwords')}</label>
      </div>
    `;
  }
}
