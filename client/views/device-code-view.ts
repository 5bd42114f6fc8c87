import { html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { loadOfflineKey } from '../device/offline-key-store';
import { groupedCode, offlineCodeAt, spokenCode, type OfflineCode } from '../device/offline-code';
import type { TotpKey } from '../../shared/totp';
import { isPlainClick, routeHref } from '../navigation/route-link';
import { sharedStyles } from '../styles/shared-styles';
import { ScreenView } from './screen-view';

/**
 * "Show a sign-in code", on the enrolled phone: the current offline code from the key in this
 * browser's IndexedDB, three digits and three, with the seconds until the next one. Everything
 * happens on the phone (no request at all), so it works with no network. The seconds are shown,
 * not announced: a screen reader hears the code once when the screen opens (it is read from the
 * top) and again, politely, each time it changes.
 */
@customElement('device-code-view')
@localized()
export class DeviceCodeView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      .code {
        font-size: 2.5rem;
        font-weight: 700;
        letter-spacing: 0.12em;
        font-variant-numeric: tabular-nums;
        margin: 0.5rem 0;
      }
    `,
  ];

  @state() private current: OfflineCode | null = null;
  /** No key here: this browser is no enrolled phone, or its device was removed from it. */
  @state() private noKey = false;
  /** The code to announce: set when a new step replaces the one shown, never for the first. */
  @state() private changedTo = '';

  #key: TotpKey | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    void this.#start();
  }

  override disconnectedCallback() {
    clearTimeout(this.#timer);
    this.#key = null;
    super.disconnectedCallback();
  }

  async #start() {
    const stored = await loadOfflineKey();
    if (!this.isConnected) return;
    if (!stored) {
      this.noKey = true;
      return;
    }
    this.#key = stored.key;
    await this.#tick();
  }

  /** Once a second, just after the second turns: the seconds left, and the next code when the step ends. */
  async #tick() {
    const key = this.#key;
    if (!key) return;
    const next = await offlineCodeAt(key, Date.now());
    if (!this.isConnected) return;
    if (this.current && next.step !== this.current.step) this.changedTo = next.code;
    this.current = next;
    this.#timer = setTimeout(() => void this.#tick(), 1000 - (Date.now() % 1000) + 20);
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Sign-in code')}</h1>
      ${this.noKey ? this.#noKey() : this.current ? this.#code(this.current) : html`<p role="status">${msg('Loading…')}</p>`}
      <p>
        <a class="nav-link" href=${routeHref('sign-in')} @click=${this.#back}>${msg('Back to sign-in')}</a>
      </p>
    `;
  }

  #code({ code, secondsLeft }: OfflineCode) {
    return html`
      <div class="card">
        <p>${msg('On the other screen, choose "Mobile device", then "Use a code from the app instead", and enter this code.')}</p>
        <p class="code" aria-hidden="true">${groupedCode(code)}</p>
        <p class="visually-hidden">${msg(str`Code: ${spokenCode(code)}`)}</p>
        <p>${secondsLeft === 1 ? msg('A new code in 1 second.') : msg(str`A new code in ${secondsLeft} seconds.`)}</p>
        <p class="visually-hidden" role="status">${this.changedTo ? msg(str`New code: ${spokenCode(this.changedTo)}`) : ''}</p>
        <p>${msg('This code works without a network. Each code signs in once.')}</p>
      </div>
    `;
  }

  #noKey() {
    return html`<p class="important">
      ${msg(
        'This device has no sign-in code: it is not enrolled, or it was removed. Sign in another way, then add it from My Profile, in Mobile devices.',
      )}
    </p>`;
  }

  #back = (event: MouseEvent) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.emit('open-screen', 'sign-in');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'device-code-view': DeviceCodeView;
  }
}
