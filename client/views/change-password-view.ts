import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sesameApi } from '../api/api-client';
import { FIELD, NewPasswordScreen, type Problem } from './new-password-screen';

/**
 * My Profile → "Change password": the current password, then the new one twice. Fires
 * `password-changed` (detail: the session's access) when saved, `back-to-profile` on Cancel.
 */
@customElement('change-password-view')
@localized()
export class ChangePasswordView extends NewPasswordScreen {
  @state() private currentPassword = '';

  async #submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    this.failure = null;
    const problems: Problem[] = this.currentPassword === '' ? [{ kind: 'empty-current' }] : [];
    this.problems = [...problems, ...this.newPasswordProblems()];
    if (this.problems.length > 0) return this.focusErrors();
    this.busy = true;
    const result = await sesameApi.changePassword(this.currentPassword, this.newPassword);
    this.busy = false;
    if (!result.ok) {
      const { failure } = result;
      if (failure.error === 'invalid_credentials' || failure.error === 'locked') this.#clearCurrent();
      if (failure.error === 'invalid_credentials') {
        this.problems = [{ kind: 'wrong-current' }];
        return this.focusErrors();
      }
      return this.showFailure(failure);
    }
    this.clearFields();
    this.currentPassword = '';
    this.emit('password-changed', result.data.access);
  }

  #clearCurrent() {
    this.currentPassword = '';
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#${FIELD.current}`);
    if (input) input.value = '';
  }

  #cancel(event: MouseEvent) {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    this.emit('back-to-profile');
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Change password')}</h1>
      ${this.renderSummary()}
      <form class="card" novalidate @submit=${this.#submit}>
        <p>${msg('Other devices where you are signed in will be signed out.')}</p>
        ${this.renderUsername()}
        ${this.renderPasswordField(FIELD.current, msg('Current password'), 'current-password', (value) => {
          this.currentPassword = value;
          this.problems = this.problems.filter((p) => p.kind !== 'empty-current' && p.kind !== 'wrong-current');
        })}
        ${this.renderNewPasswordFields()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Change password')}</button>
          <a href="/profile" @click=${this.#cancel}>${msg('Cancel')}</a>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'change-password-view': ChangePasswordView;
  }
}
