import { html, css, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { AccountsResponse, LinkedAccountItem } from '../../shared/account-schemas';
import { syncInProgress } from '../../shared/account-schemas';
import { refusalMessages } from '../../shared/messages/refusal-messages';
import type { SyncFailureReason } from '../../shared/sync-status';
import { ACCOUNTS_EVENTS_URL, sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { formatDateTime } from '../i18n/format-date';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import { FirstRenderInOwnTask } from './first-render-in-own-task';
import { LitElement } from 'lit';

/** How often the list is read again when the event stream cannot be used. */
const POLL_MS = 3000;

/**
 * "Your accounts": the employee's accounts on the target systems — found with their own user ID
 * or attached by them — with each one's last synchronisation (sending, done, or not done and why,
 * in words naming the system). While a new password is on its way, the list follows it live:
 * Server-Sent Events, polling when the stream breaks, and a summary read out by screen readers.
 * A failed account can be tried again (the current password typed again: the one sent is never
 * kept); an attached one can be detached, after a confirmation.
 *
 * Fires `accounts-loaded` (detail: AccountsResponse) each time it reads the list, and
 * `session-ended` when the session is gone.
 */
@customElement('linked-accounts')
@localized()
export class LinkedAccounts extends FirstRenderInOwnTask(LitElement) {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul.accounts {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ul.accounts > li {
        border-top: 1px solid var(--border, #ccc);
        padding: 0.75rem 0;
      }
      ul.accounts > li:first-child {
        border-top: none;
      }
      .account-name {
        font-weight: 600;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .facts {
        margin: 0.25rem 0 0.5rem;
      }
      .failed {
        color: var(--error);
      }
      dialog {
        max-width: 32rem;
      }
    `,
  ];

  /** The Help Desk's number, for error texts. */
  @property() helpDeskPhone = '';
  /** Look for found accounts on each target (the first read); later reads come from the database. */
  @property({ type: Boolean }) discover = true;

  @state() private data: AccountsResponse | null = null;
  @state() private failure: ApiFailure | null = null;
  @state() private retrying: { id: string; password: string; failure: ApiFailure | null } | null = null;
  @state() private detaching: LinkedAccountItem | null = null;
  @state() private busy = false;
  @state() private announcement = '';
  @query('dialog') private dialog?: HTMLDialogElement;

  #events: EventSource | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;

  override connectedCallback() {
    super.connectedCallback();
    void this.reload(this.discover);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stopFollowing();
  }

  /** Reads the list again (after attaching, say) and follows it while a synchronisation is under way. */
  async reload(discover = false): Promise<void> {
    const result = discover ? await sesameApi.accounts() : await sesameApi.accountsStatus();
    if (!result.ok) {
      if (result.failure.error === 'unauthenticated') return void this.#emit('session-ended');
      this.failure = result.failure;
      return;
    }
    // An answer without the list (a proxy's page, a server too old): said as unexpected.
    if (!Array.isArray(result.data?.accounts)) {
      this.failure = { error: 'unexpected' };
      return;
    }
    this.failure = null;
    this.#received(result.data);
  }

  #received(data: AccountsResponse) {
    const before = this.data;
    this.data = data;
    this.#emit('accounts-loaded', data);
    if (before && syncInProgress(before.accounts) && !syncInProgress(data.accounts)) this.announcement = this.#summary(data);
    if (syncInProgress(data.accounts)) this.#follow();
    else this.#stopFollowing();
  }

  /** The event stream first; polling when it breaks (a proxy that buffers, a dropped connection). */
  #follow() {
    if (this.#events || this.#poll) return;
    this.announcement = this.#summary(this.data);
    if (typeof EventSource !== 'function') return this.#startPolling();
    const events = new EventSource(ACCOUNTS_EVENTS_URL);
    events.addEventListener('status', (event) => this.#received(JSON.parse((event as MessageEvent<string>).data) as AccountsResponse));
    events.onerror = () => {
      // The server ends the stream once nothing is pending; EventSource would reconnect.
      events.close();
      if (this.#events === events) this.#events = null;
      if (this.data && syncInProgress(this.data.accounts)) this.#startPolling();
    };
    this.#events = events;
  }

  #startPolling() {
    if (this.#poll) return;
    this.#poll = setInterval(() => void this.reload(false), POLL_MS);
  }

  #stopFollowing() {
    this.#events?.close();
    this.#events = null;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }

  #emit<T>(name: string, detail?: T) {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  #systemName(targetId: string): string {
    const target = this.data?.targets.find((t) => t.id === targetId);
    return target ? target.name[currentLanguage()] : targetId;
  }

  #summary(data: AccountsResponse | null): string {
    if (!data) return '';
    const accounts = data.accounts.filter((a) => a.sync);
    const pending = accounts.filter((a) => a.sync?.status === 'pending').length;
    const failed = accounts.filter((a) => a.sync?.status === 'failed').length;
    if (pending === 1) return msg('Sending your new password to 1 account…');
    if (pending > 1) return msg(str`Sending your new password to ${pending} accounts…`);
    if (failed === 1) return msg('1 account did not receive your new password. See below why, and try again.');
    if (failed > 1) return msg(str`${failed} accounts did not receive your new password. See below why, and try again.`);
    return accounts.length === 0 ? '' : msg('Your new password has reached every account.');
  }

  #reasonText(reason: SyncFailureReason | null, system: string): string {
    if (reason === 'unavailable' || reason === null)
      return msg(str`${system} could not be reached for 24 hours, so it did not receive your new password.`);
    return refusalMessages[reason][currentLanguage()](system);
  }

  #syncText(account: LinkedAccountItem) {
    const sync = account.sync;
    const system = this.#systemName(account.targetId);
    if (!sync) return html`${msg('No password sent yet: your next new password will be sent here too.')}`;
    const at = formatDateTime(sync.at);
    switch (sync.status) {
      case 'pending':
        return html`${msg('Sending your new password…')}`;
      case 'done':
        return html`${msg(str`Password synchronized ${at}`)}`;
      case 'superseded':
        return html`${msg('Replaced by a newer password change.')}`;
      case 'failed':
        return html`<span class="failed">${msg(str`Not synchronized (${at}):`)} ${this.#reasonText(sync.reason, system)}</span>`;
    }
  }

  async #retry(event: Event, account: LinkedAccountItem) {
    event.preventDefault();
    const retrying = this.retrying;
    if (!retrying || this.busy) return;
    if (!retrying.password) {
      this.retrying = { ...retrying, failure: { error: 'invalid_request' } };
      return;
    }
    this.busy = true;
    const result = await sesameApi.retrySync(account.id, retrying.password);
    this.busy = false;
    if (!result.ok) {
      if (result.failure.error === 'unauthenticated') return this.#emit('session-ended');
      this.retrying = { ...retrying, password: '', failure: result.failure };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#retry-password-${CSS.escape(account.id)}`)?.focus();
      return;
    }
    this.retrying = null;
    await this.reload(false);
  }

  async #askDetach(account: LinkedAccountItem) {
    this.detaching = account;
    await this.updateComplete;
    this.dialog?.showModal();
  }

  async #detach() {
    const account = this.detaching;
    if (!account || this.busy) return;
    this.busy = true;
    const result = await sesameApi.detachAccount(account.id);
    this.busy = false;
    this.dialog?.close();
    this.detaching = null;
    if (!result.ok) {
      if (result.failure.error === 'unauthenticated') return this.#emit('session-ended');
      this.failure = result.failure;
      return;
    }
    this.announcement = msg(str`${account.account} on ${this.#systemName(account.targetId)} was detached.`);
    await this.reload(false);
  }

  #cancelDetach() {
    this.dialog?.close();
    this.detaching = null;
  }

  override render() {
    return html`
      <p role="status" class="status">${this.announcement}</p>
      ${this.failure ? html`<p class="failed">${errorText(this.failure, this.helpDeskPhone)}</p>` : nothing}
      ${this.data ? this.#list(this.data.accounts) : this.failure ? nothing : html`<p>${msg('Loading…')}</p>`} ${this.#detachDialog()}
    `;
  }

  #list(accounts: LinkedAccountItem[]) {
    if (accounts.length === 0) return html`<p>${msg('No account is linked to your profile yet.')}</p>`;
    return html`<ul class="accounts">
      ${accounts.map((account) => this.#item(account))}
    </ul>`;
  }

  #item(account: LinkedAccountItem) {
    const system = this.#systemName(account.targetId);
    const retrying = this.retrying?.id === account.id ? this.retrying : null;
    return html`<li>
      <p class="account-name">${system} · ${account.account}</p>
      <p class="facts">
        ${account.linkedHow === 'found' ? msg('Found with your user ID') : msg('Attached by you')} · ${this.#syncText(account)}
      </p>
      ${retrying ? this.#retryForm(account, retrying) : this.#actions(account, system)}
    </li>`;
  }

  #actions(account: LinkedAccountItem, system: string) {
    const canRetry = account.sync?.status === 'failed';
    const canDetach = account.linkedHow === 'attached';
    if (!canRetry && !canDetach) return nothing;
    return html`<div class="actions">
      ${
        canRetry
          ? html`<button
              type="button"
              aria-label=${msg(str`Try again: ${account.account} on ${system}`)}
              @click=${() => (this.retrying = { id: account.id, password: '', failure: null })}
            >
              ${msg('Try again')}
            </button>`
          : nothing
      }
      ${
        canDetach
          ? html`<button
              type="button"
              aria-label=${msg(str`Detach ${account.account} on ${system}`)}
              @click=${() => void this.#askDetach(account)}
            >
              ${msg('Detach')}
            </button>`
          : nothing
      }
    </div>`;
  }

  #retryForm(account: LinkedAccountItem, retrying: NonNullable<LinkedAccounts['retrying']>) {
    const id = `retry-password-${account.id}`;
    const error = retrying.failure
      ? retrying.failure.error === 'invalid_request'
        ? msg('Enter your current password.')
        : errorText(retrying.failure, this.helpDeskPhone)
      : '';
    return html`<form novalidate @submit=${(e: Event) => void this.#retry(e, account)}>
      <p class="hint">
        ${msg('Your new password is not kept once it has been sent. Type your current password to send it to this account again.')}
      </p>
      <div class="field">
        <label for=${id}>${msg('Current password')}</label>
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
        <input
          id=${id}
          type="password"
          autocomplete="current-password"
          required
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          .value=${retrying.password}
          @input=${(e: InputEvent) => (this.retrying = { ...retrying, password: (e.target as HTMLInputElement).value })}
        />
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Send again')}</button>
        <button type="button" @click=${() => (this.retrying = null)}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  #detachDialog() {
    const account = this.detaching;
    return html`<dialog aria-labelledby="detach-title" @cancel=${this.#cancelDetach}>
      ${
        account
          ? html`<h2 id="detach-title">${msg(str`Detach ${account.account} on ${this.#systemName(account.targetId)}?`)}</h2>
              <p>
                ${msg('Your new passwords will no longer be sent to this account. The account itself is not changed. You can attach it again later.')}
              </p>
              <div class="actions">
                <button class="primary" type="button" ?disabled=${this.busy} @click=${() => void this.#detach()}>
                  ${msg('Detach account')}
                </button>
                <button type="button" @click=${this.#cancelDetach}>${msg('Cancel')}</button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linked-accounts': LinkedAccounts;
  }
}
