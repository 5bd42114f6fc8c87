import { html, css } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { ApproveRequest, DeviceRequestItem } from '../../shared/approval-schemas';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { formatDateTime } from '../i18n/format-date';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { ScreenView } from './screen-view';

type Outcome = 'approved' | 'reported' | null;

/**
 * "Approve the sign-in", on the enrolled phone (its device credential, not a session): when and
 * from where the request came, the number shown on the other screen, and "Approve" — a WebAuthn
 * assertion with user verification over the challenge the server issued for this request — or
 * "It wasn't me". The options are fetched before the tap: Safari wants `startAuthentication`
 * called directly in the tap's handler. After a failed attempt the next options are fetched at
 * once (each challenge is single use).
 */
@customElement('approve-view')
@localized()
export class ApproveView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0 0 var(--space);
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      #number {
        max-width: 6rem;
        font-size: 1.5rem;
        letter-spacing: 0.1em;
      }
    `,
  ];

  @property() requestId = '';
  @state() private request: DeviceRequestItem | null = null;
  @state() private failure: ApiFailure | null = null;
  /** The phone refused or cancelled the passkey check (nothing reached the server). */
  @state() private cancelled = false;
  @state() private emptyNumber = false;
  @state() private busy = false;
  @state() private outcome: Outcome = null;
  @state() private loading = true;

  #options: PublicKeyCredentialRequestOptionsJSON | null = null;
  #loadedFor = '';

  protected override willUpdate() {
    if (this.requestId && this.requestId !== this.#loadedFor) {
      this.#loadedFor = this.requestId;
      this.outcome = null;
      this.failure = null;
      void this.#load();
    }
  }

  async #load() {
    this.loading = true;
    const found = await sesameApi.deviceRequest(this.requestId);
    this.loading = false;
    if (!found.ok) {
      this.request = null;
      this.failure = found.failure;
      return this.focusErrors();
    }
    this.request = found.data.request;
    if (this.request.status === 'pending') await this.#fetchOptions();
  }

  /** The next ceremony's options, before the tap. */
  async #fetchOptions() {
    this.#options = null;
    const result = await sesameApi.approvalOptions(this.requestId);
    if (result.ok) this.#options = result.data.options as unknown as PublicKeyCredentialRequestOptionsJSON;
    else {
      this.failure = result.failure;
      if (result.failure.error === 'approval_closed') this.request = this.request ? { ...this.request, status: 'expired' } : null;
      await this.focusErrors();
    }
  }

  #numberField(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#number');
  }

  async #approve(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const typed = (this.#numberField()?.value ?? '').trim();
    this.failure = null;
    this.cancelled = false;
    this.emptyNumber = !/^\d{2}$/.test(typed);
    if (this.emptyNumber) return this.focusErrors();
    const options = this.#options;
    if (!options) return;
    this.busy = true;
    let assertion;
    try {
      // Directly in the tap's handler: no await before it but the checks above.
      assertion = await startAuthentication({ optionsJSON: options });
    } catch {
      this.busy = false;
      this.cancelled = true;
      return this.focusErrors();
    }
    // The browser's JSON as the server's schema reads it (its extension results are an open record).
    const result = await sesameApi.approve(this.requestId, Number(typed), assertion as unknown as ApproveRequest['assertion']);
    if (result.ok) {
      this.busy = false;
      this.outcome = 'approved';
      return this.focusHeading();
    }
    const field = this.#numberField();
    if (field) field.value = '';
    if (result.failure.error === 'too_many_wrong_numbers' || result.failure.error === 'approval_closed') {
      this.request = this.request ? { ...this.request, status: 'denied' } : null;
    } else {
      // The challenge is spent: the next tap needs the next options, fetched now (still busy meanwhile).
      await this.#fetchOptions();
    }
    this.failure ??= result.failure;
    this.busy = false;
    return this.focusErrors();
  }

  async #report() {
    if (this.busy) return;
    this.busy = true;
    this.failure = null;
    const result = await sesameApi.reportRequest(this.requestId);
    this.busy = false;
    if (result.ok) {
      this.outcome = 'reported';
      return this.focusHeading();
    }
    this.failure = result.failure;
    return this.focusErrors();
  }

  override render() {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    const errors = [
      ...(this.emptyNumber ? [{ text: msg('Enter the two-digit number shown on the other screen.'), fieldId: 'number' }] : []),
      ...(this.cancelled ? [{ text: msg('The passkey check was cancelled or did not succeed. Try again.') }] : []),
      ...(this.failure
        ? [{ text: errorText(this.failure, phone), fieldId: this.request?.status === 'pending' ? 'number' : undefined }]
        : []),
    ];
    return html`
      <h1 tabindex="-1">${msg('Approve the sign-in')}</h1>
      <error-summary tabindex="-1" .errors=${errors} @focus-field=${(e: CustomEvent<string>) => this.focusField(e.detail)}></error-summary>
      ${
        this.outcome === 'approved'
          ? html`<p class="important" role="status">${msg('Approved. You can go back to the other screen.')}</p>`
          : this.outcome === 'reported'
            ? html`<p class="important" role="status">
                ${msg('Thank you. The sign-in was denied and reported. Requests to your account are paused for 20 minutes.')}
              </p>`
            : this.#details()
      }
    `;
  }

  #details() {
    const request = this.request;
    if (this.loading) return html`<p role="status">${msg('Loading…')}</p>`;
    if (!request) return '';
    const source =
      request.browser && request.system
        ? msg(str`${request.browser} on ${request.system}`)
        : (request.browser ?? request.system ?? msg('Unknown'));
    const facts = html`
      <p>${msg('Someone asked to sign in to your account. Approve only if it is you, on the other screen.')}</p>
      <dl>
        <dt>${msg('When')}</dt>
        <dd>${formatDateTime(request.createdAt)}</dd>
        <dt>${msg('Browser and system')}</dt>
        <dd>${source}</dd>
        <dt>${msg('IP address')}</dt>
        <dd>${request.ip}</dd>
      </dl>
    `;
    if (request.status !== 'pending') {
      return html`${facts}
        <p class="important">${msg('This request is no longer waiting for an answer.')}</p>`;
    }
    return html`
      ${facts}
      <form novalidate @submit=${this.#approve}>
        <div class="field">
          <label for="number">${msg('Number shown on the other screen')}</label>
          <input
            id="number"
            name="number"
            inputmode="numeric"
            pattern="[0-9]*"
            maxlength="2"
            autocomplete="off"
            aria-invalid=${this.emptyNumber || this.failure?.error === 'wrong_number' ? 'true' : 'false'}
          />
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Approve')}</button>
          <button class="secondary" type="button" ?disabled=${this.busy} @click=${() => void this.#report()}>${msg("It wasn't me")}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'approve-view': ApproveView;
  }
}
