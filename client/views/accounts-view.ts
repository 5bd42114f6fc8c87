import { html, css, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  ATTACH_ROWS_MAX,
  type AccountsResponse,
  type AttachAccountsResponse,
  type AttachOutcome,
  type TargetItem,
} from '../../shared/account-schemas';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { currentLanguage } from '../i18n/language';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import '../components/linked-accounts';
import type { SummaryError } from '../components/error-summary';
import type { LinkedAccounts } from '../components/linked-accounts';
import { ScreenView } from './screen-view';

/** The source document's form starts with four rows. */
const FIRST_ROWS = 4;

interface Row {
  key: number;
  targetId: string;
  account: string;
  password: string;
  outcome: AttachOutcome | null;
}

/**
 * My Profile → "Attach other accounts": the source document's table of target system, account
 * and password, four rows and more on demand. Each filled row is proved against its system and
 * answered on its own line (attached, wrong account or password, system unavailable). Passwords
 * typed here go to the server once, are cleared from the page after the answer, and are never
 * kept. Below, "Your accounts" lists the found and attached accounts with their synchronisation.
 * At 320 px the table becomes one card per row, each field still labelled.
 */
@customElement('accounts-view')
@localized()
export class AccountsView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        margin: 0 0 var(--space);
      }
      th {
        text-align: start;
        font-weight: 600;
        padding: 0 0.5rem 0.25rem 0;
      }
      td {
        padding: 0.25rem 0.5rem 0.25rem 0;
        vertical-align: top;
      }
      td input,
      td select {
        width: 100%;
        box-sizing: border-box;
      }
      td label {
        /* The column heading names the field; the label stays for screen readers and the cards. */
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      .outcome {
        margin: 0.25rem 0 0;
        font-weight: 600;
      }
      .outcome.ok {
        color: var(--success, inherit);
      }
      .outcome.bad {
        color: var(--error);
      }
      @media (max-width: 40rem) {
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        table,
        tbody,
        tr,
        td {
          display: block;
          width: 100%;
        }
        tr {
          border: 1px solid var(--border);
          border-radius: var(--radius);
          padding: 0.75rem;
          margin: 0 0 0.75rem;
          box-sizing: border-box;
        }
        td {
          padding: 0 0 0.5rem;
        }
        td label {
          position: static;
          width: auto;
          height: auto;
          overflow: visible;
          clip: auto;
          white-space: normal;
        }
      }
    `,
  ];

  @state() private targets: TargetItem[] = [];
  @state() private rows: Row[] = [];
  @state() private errors: SummaryError[] = [];
  @state() private busy = false;
  @state() private announcement = '';
  @query('linked-accounts') private linked?: LinkedAccounts;
  #nextKey = 0;

  override connectedCallback() {
    super.connectedCallback();
    if (this.rows.length === 0) this.rows = Array.from({ length: FIRST_ROWS }, () => this.#emptyRow());
  }

  #emptyRow(): Row {
    return { key: this.#nextKey++, targetId: '', account: '', password: '', outcome: null };
  }

  #loaded(data: AccountsResponse) {
    this.targets = data.targets;
  }

  #edit(row: Row, change: Partial<Row>) {
    this.rows = this.rows.map((r) => (r.key === row.key ? { ...r, ...change, outcome: null } : r));
  }

  async #addRow() {
    if (this.rows.length >= ATTACH_ROWS_MAX) return;
    const row = this.#emptyRow();
    this.rows = [...this.rows, row];
    await this.updateComplete;
    this.focusField(`target-${row.key}`);
  }

  /** What is missing in a row that was started (empty rows are left out). */
  #problems(): SummaryError[] {
    const problems: SummaryError[] = [];
    this.rows.forEach((row, index) => {
      const n = index + 1;
      const started = row.targetId || row.account.trim() || row.password;
      if (!started) return;
      if (!row.targetId) problems.push({ text: msg(str`Row ${n}: choose the target system.`), fieldId: `target-${row.key}` });
      if (!row.account.trim()) problems.push({ text: msg(str`Row ${n}: enter the account.`), fieldId: `account-${row.key}` });
      if (!row.password) problems.push({ text: msg(str`Row ${n}: enter the password.`), fieldId: `password-${row.key}` });
    });
    return problems;
  }

  async #attach(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    this.announcement = '';
    const filled = this.rows.filter((r) => r.targetId && r.account.trim() && r.password);
    const problems = this.#problems();
    if (problems.length === 0 && filled.length === 0) {
      const first = this.rows[0];
      problems.push({
        text: msg('Enter at least one target system, account and password.'),
        fieldId: first ? `target-${first.key}` : undefined,
      });
    }
    this.errors = problems;
    if (problems.length > 0) return this.focusErrors();

    this.busy = true;
    const result = await sesameApi.attachAccounts(
      filled.map((r) => ({ targetId: r.targetId, account: r.account.trim(), password: r.password })),
    );
    this.busy = false;
    // Whatever the answer, the passwords typed leave the page.
    this.rows = this.rows.map((r) => ({ ...r, password: '' }));
    if (!result.ok) return this.#fail(result.failure);
    this.#showOutcomes(filled, result.data);
    await this.linked?.reload(false);
  }

  #fail(failure: ApiFailure) {
    if (failure.error === 'unauthenticated') return this.emit('session-ended');
    this.errors = [{ text: errorText(failure, this.flow.organisation?.helpDeskPhone ?? '') }];
    void this.focusErrors();
    // Rows proved before a lock may have been attached: the list says which.
    void this.linked?.reload(false);
  }

  #showOutcomes(sent: Row[], response: AttachAccountsResponse) {
    const outcomes = new Map(sent.map((row, i) => [row.key, response.results[i]?.outcome ?? null]));
    // An attached row is done with: it empties, keeping its outcome to say so.
    this.rows = this.rows.map((r) => {
      const outcome = outcomes.get(r.key) ?? null;
      if (outcome === 'attached' || outcome === 'already_linked') return { ...r, targetId: '', account: '', outcome };
      return { ...r, outcome };
    });
    const attached = response.results.filter((r) => r.outcome === 'attached').length;
    const failed = response.results.length - attached - response.results.filter((r) => r.outcome === 'already_linked').length;
    this.announcement =
      failed === 0
        ? attached === 1
          ? msg('1 account attached.')
          : msg(str`${attached} accounts attached.`)
        : msg(str`${attached} attached, ${failed} not attached: see each row.`);
  }

  #outcomeText(outcome: AttachOutcome): string {
    switch (outcome) {
      case 'attached':
        return msg('Attached.');
      case 'already_linked':
        return msg('Already linked to your profile.');
      case 'wrong_account_or_password':
        return msg('Wrong account or password.');
      case 'unavailable':
        return msg('This system is unavailable. Try again later.');
      case 'unknown_target':
        return msg('This system is not known. Reload the page and choose it again.');
    }
  }

  override render() {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    return html`
      <h1 tabindex="-1">${msg('Attach other accounts')}</h1>
      <error-summary tabindex="-1" .errors=${this.errors}></error-summary>
      <section class="card" aria-labelledby="attach">
        <h2 id="attach" class="visually-hidden">${msg('Attach other accounts')}</h2>
        <p>${msg('Please enter user ID and password combinations to attach additional accounts to your profile.')}</p>
        <form novalidate @submit=${this.#attach}>
          <table>
            <thead>
              <tr>
                <th scope="col">${msg('Target system')}</th>
                <th scope="col">${msg('Account')}</th>
                <th scope="col">${msg('Password')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.rows.map((row, index) => this.#row(row, index + 1))}
            </tbody>
          </table>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Attach')}</button>
            ${
              this.rows.length < ATTACH_ROWS_MAX
                ? html`<button type="button" class="secondary" @click=${() => void this.#addRow()}>${msg('Add a row')}</button>`
                : nothing
            }
          </div>
          <p role="status" class="status">${this.announcement}</p>
        </form>
      </section>
      <section class="card" aria-labelledby="your-accounts">
        <h2 id="your-accounts">${msg('Your accounts')}</h2>
        <p class="hint">
          ${msg('The accounts that use the same user ID and password as your computer sign-in, and the ones you attached. Each new password is sent to all of them.')}
        </p>
        <linked-accounts
          .helpDeskPhone=${phone}
          @accounts-loaded=${(e: CustomEvent<AccountsResponse>) => this.#loaded(e.detail)}
        ></linked-accounts>
      </section>
      <p><button type="button" class="link-button" @click=${() => this.emit('back-to-profile')}>${msg('Back to My Profile')}</button></p>
    `;
  }

  #row(row: Row, n: number) {
    const language = currentLanguage();
    const outcome = row.outcome;
    const good = outcome === 'attached' || outcome === 'already_linked';
    const outcomeId = `outcome-${row.key}`;
    const described = outcome ? outcomeId : nothing;
    return html`<tr>
      <td>
        <label for="target-${row.key}">${msg(str`Target system, row ${n}`)}</label>
        <select
          id="target-${row.key}"
          aria-describedby=${described}
          .value=${row.targetId}
          @change=${(e: Event) => this.#edit(row, { targetId: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${row.targetId === ''}>${msg('Choose…')}</option>
          ${this.targets.map((t) => html`<option value=${t.id} ?selected=${row.targetId === t.id}>${t.name[language]}</option>`)}
        </select>
      </td>
      <td>
        <label for="account-${row.key}">${msg(str`Account, row ${n}`)}</label>
        <input
          id="account-${row.key}"
          type="text"
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          maxlength="256"
          aria-describedby=${described}
          .value=${row.account}
          @input=${(e: InputEvent) => this.#edit(row, { account: (e.target as HTMLInputElement).value })}
        />
      </td>
      <td>
        <label for="password-${row.key}">${msg(str`Password, row ${n}`)}</label>
        <input
          id="password-${row.key}"
          type="password"
          autocomplete="off"
          maxlength="256"
          aria-describedby=${described}
          .value=${row.password}
          @input=${(e: InputEvent) => this.#edit(row, { password: (e.target as HTMLInputElement).value })}
        />
        ${outcome ? html`<p id=${outcomeId} class="outcome ${good ? 'ok' : 'bad'}">${this.#outcomeText(outcome)}</p>` : nothing}
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'accounts-view': AccountsView;
  }
}
