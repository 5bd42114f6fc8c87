import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { passkeySignInRequest } from '../../shared/mobile-sign-in-schemas';
import type { z } from 'zod';
import { sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { isPlainClick, routeHref } from '../navigation/route-link';
import { INITIAL_FLOW, flowContext, type FlowState } from '../state/flow-state';
import { sharedStyles } from '../styles/shared-styles';
import './error-summary';

/**
 * The enrolled phone's own part of the first screen: "Sign in with this device" — a
 * discoverable-credential passkey sign-in, no user ID typed — and "Show a sign-in code". Shown by
 * the sign-in screen only when this browser holds the offline-code key (what "enrolled phone"
 * means on the client: the device cookie is HttpOnly), and loaded only then.
 *
 * The options are fetched as it appears, before the tap (Safari wants the WebAuthn call straight
 * in the tap's handler); each challenge is single use, so a failed attempt fetches the next.
 * Success is an ordinary `signed-in`: the shell lands where any sign-in lands.
 */
@customElement('phone-sign-in')
@localized()
export class PhoneSignIn extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .actions {
        margin-bottom: 0;
      }
    `,
  ];

  @consume({ context: flowContext, subscribe: true })
  @state()
  private flow: FlowState = INITIAL_FLOW;

  @state() private failure: ApiFailure | null = null;
  @state() private busy = false;

  #options: Promise<PublicKeyCredentialRequestOptionsJSON | ApiFailure> | null = null;

  override connectedCallback() {
    super.connectedCallback();
    this.#options = this.#fetchOptions();
  }

  async #fetchOptions(): Promise<PublicKeyCredentialRequestOptionsJSON | ApiFailure> {
    const result = await sesameApi.passkeyOptions();
    // The library's JSON type, as the shared response type names it.
    return result.ok ? (result.data.options as unknown as PublicKeyCredentialRequestOptionsJSON) : result.failure;
  }

  async #signIn() {
    if (this.busy) return;
    this.failure = null;
    this.busy = true;
    let options = await (this.#options ?? this.#fetchOptions());
    // Fetched while offline, or refused: ask again now that the person tapped.
    if ('error' in options) options = await this.#fetchOptions();
    if ('error' in options) return this.#failed(options);
    let assertion;
    try {
      assertion = await startAuthentication({ optionsJSON: options });
    } catch {
      return this.#failed({ error: 'passkey_cancelled' });
    }
    // The browser's JSON as the server's schema reads it (its extension results are an open record).
    const result = await sesameApi.signInWithPasskey(assertion as unknown as z.input<typeof passkeySignInRequest>['assertion']);
    if (!result.ok) return this.#failed(result.failure);
    this.busy = false;
    this.dispatchEvent(new CustomEvent('signed-in', { detail: result.data.access, bubbles: true, composed: true }));
  }

  async #failed(failure: ApiFailure) {
    this.failure = failure;
    // The challenge is spent (or was never had): the next tap needs new options.
    this.#options = this.#fetchOptions();
    this.busy = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('error-summary')?.focus();
  }

  #showCode = (event: MouseEvent) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('open-screen', { detail: 'device-code', bubbles: true, composed: true }));
  };

  override render() {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    const errors = this.failure ? [{ text: errorText(this.failure, phone) }] : [];
    return html`
      <section class="card" aria-labelledby="this-phone">
        <h2 id="this-phone">${msg('On this phone')}</h2>
        <p>${msg('This phone is enrolled as your Mobile device.')}</p>
        <error-summary tabindex="-1" .errors=${errors}></error-summary>
        <div class="actions">
          <button class="primary" type="button" ?disabled=${this.busy} @click=${() => void this.#signIn()}>
            ${msg('Sign in with this device')}
          </button>
          <a class="nav-link" href=${routeHref('device-code')} @click=${this.#showCode}>${msg('Show a sign-in code')}</a>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-sign-in': PhoneSignIn;
  }
}
