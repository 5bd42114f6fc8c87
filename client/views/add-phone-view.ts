import { html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { localized, msg, str } from '@lit/localize';
import type { EnrolmentLinkResponse, EnrolmentLinkStatusResponse } from '../../shared/enrolment-link-schemas';
import { enrolmentLinkEventsUrl, sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { ScreenView } from './screen-view';

/** When polling stands in for a broken event stream, it asks this often. */
const POLL_MS = 3000;
/** The seconds left at which a screen reader hears the time left (not every second). */
const ANNOUNCE_AT = new Set([240, 180, 120, 60, 30]);

type Shown =
  { kind: 'loading' } | { kind: 'link'; link: EnrolmentLinkResponse } | { kind: 'added'; deviceName: string } | { kind: 'ended' };

/** "4:05": minutes and seconds left. */
function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * "Add a phone" (My Profile → Mobile devices), on a computer: a QR code of a single-use link,
 * valid 5 minutes, and the link as text with a Copy button for whoever cannot scan. The phone
 * opens it and enrols with no sign-in; this screen learns it through Server-Sent Events (polling
 * when the stream breaks) and turns to "Phone added" with the phone's name, without a reload.
 *
 * Creating a link adds a way to prove who the employee is, so it needs a recent proof: when the
 * page knows the proof is old, or the server says so, the screen fires `confirm-identity` and
 * makes its link on the way back. Fires `back-to-profile` from its back link.
 */
@customElement('add-phone-view')
@localized()
export class AddPhoneView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      .qr {
        width: min(18rem, 100%);
        background: #fff;
        padding: 0.5rem;
        border: 1px solid var(--border);
        margin: 0 0 var(--space);
      }
      .qr svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .link {
        font-family: ui-monospace, monospace;
        word-break: break-all;
        user-select: all;
        background: var(--notice-bg);
        padding: 0.5rem;
        border-radius: var(--radius);
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  @state() private shown: Shown = { kind: 'loading' };
  @state() private failure: ApiFailure | null = null;
  @state() private secondsLeft = 0;
  @state() private announced = '';
  @state() private copied = false;
  @state() private busy = false;

  #events: EventSource | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;
  /** The countdown's end on this device's clock (the server's seconds left, from when they came). */
  #endsAt = 0;

  override connectedCallback() {
    super.connectedCallback();
    const until = this.flow.recentProofUntil;
    const returned = this.flow.stepUp?.returnTo === 'add-phone';
    if (!returned && this.flow.access?.level !== 'enrol' && until !== null && Date.parse(until) <= Date.now()) {
      this.emit('confirm-identity', { returnTo: 'add-phone', draft: null });
      return;
    }
    void this.#newLink();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stopFollowing();
  }

  async #newLink() {
    this.#stopFollowing();
    this.busy = true;
    this.failure = null;
    this.copied = false;
    const result = await sesameApi.createEnrolmentLink();
    this.busy = false;
    if (!result.ok) {
      if (result.failure.error === 'reauthentication_required') {
        this.emit('confirm-identity', { returnTo: 'add-phone', draft: null });
        return;
      }
      this.failure = result.failure;
      this.shown = { kind: 'ended' };
      return this.focusErrors();
    }
    const link = result.data;
    this.shown = { kind: 'link', link };
    this.#endsAt = Date.now() + link.expiresInSeconds * 1000;
    this.#countDown();
    this.#tick = setInterval(() => this.#countDown(), 1000);
    this.#follow(link.id);
  }

  #countDown() {
    this.secondsLeft = Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
    if (ANNOUNCE_AT.has(this.secondsLeft)) this.announced = this.#timeLeftText();
    if (this.secondsLeft === 0) this.#expired();
  }

  #timeLeftText(): string {
    const left = clock(this.secondsLeft);
    return msg(str`This code works for ${left} more.`);
  }

  /** The event stream first; polling when it breaks (a proxy that buffers, a dropped connection). */
  #follow(id: string) {
    if (typeof EventSource === 'function') {
      const events = new EventSource(enrolmentLinkEventsUrl(id));
      events.addEventListener('status', (event) => this.#statusChanged(JSON.parse((event as MessageEvent<string>).data)));
      events.onerror = () => {
        events.close();
        if (this.#events === events) this.#events = null;
        if (this.shown.kind === 'link') this.#startPolling(id);
      };
      this.#events = events;
    } else {
      this.#startPolling(id);
    }
  }

  #startPolling(id: string) {
    if (this.#poll) return;
    this.#poll = setInterval(async () => {
      const result = await sesameApi.enrolmentLinkStatus(id);
      if (result.ok) this.#statusChanged(result.data);
    }, POLL_MS);
  }

  #statusChanged(status: EnrolmentLinkStatusResponse) {
    if (this.shown.kind !== 'link') return;
    if (status.state === 'used') {
      this.#stopFollowing();
      this.shown = { kind: 'added', deviceName: status.deviceName ?? '' };
      void this.focusHeading();
    } else if (status.state !== 'waiting') {
      this.#expired();
    }
  }

  #expired() {
    if (this.shown.kind !== 'link') return;
    this.#stopFollowing();
    this.shown = { kind: 'ended' };
    this.announced = msg('This code has expired.');
  }

  #stopFollowing() {
    this.#events?.close();
    this.#events = null;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = null;
  }

  async #copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      this.copied = true;
    } catch {
      // No clipboard permission: the link is selectable text, the person copies it by hand.
      const range = document.createRange();
      const node = this.renderRoot.querySelector('.link');
      if (node) {
        range.selectNodeContents(node);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
  }

  #back(event: MouseEvent) {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    this.emit('back-to-profile');
  }

  override render() {
    const errors = this.failure ? [{ text: errorText(this.failure, this.flow.organisation?.helpDeskPhone ?? '') }] : [];
    const shown = this.shown;
    const back = html`<p><a href="/profile" @click=${this.#back}>${msg('Back to My Profile')}</a></p>`;
    if (shown.kind === 'added') {
      return html`
        <h1 tabindex="-1">${msg('Phone added')}</h1>
        <div class="card" role="status">
          <p>${msg(str`${shown.deviceName} is now one of your mobile devices.`)}</p>
          <p>${msg('It can approve your sign-ins and show sign-in codes. Your other devices were told it was added.')}</p>
        </div>
        ${back}
      `;
    }
    return html`
      <h1 tabindex="-1">${msg('Add a phone')}</h1>
      <error-summary tabindex="-1" .errors=${errors}></error-summary>
      <p class="visually-hidden" aria-live="polite">${this.announced}</p>
      ${
        shown.kind === 'link'
          ? html`
              <div class="card">
                <p>
                  ${msg('On your phone, open the camera and scan this code. Then follow the steps on the phone: no need to sign in there.')}
                </p>
                <div class="qr" role="img" aria-label=${msg('QR code of the link to add a phone')}>${unsafeHTML(shown.link.qrSvg)}</div>
                <p>${this.#timeLeftText()}</p>
                <h2>${msg('Cannot scan?')}</h2>
                <p id="link-label">${msg('Open this link on your phone:')}</p>
                <p class="link" aria-labelledby="link-label">${shown.link.url}</p>
                <div class="actions">
                  <button type="button" @click=${() => this.#copy(shown.link.url)}>${msg('Copy the link')}</button>
                  <button type="button" ?disabled=${this.busy} @click=${() => this.#newLink()}>${msg('Show a new code')}</button>
                </div>
                ${this.copied ? html`<p role="status">${msg('Link copied.')}</p>` : nothing}
                <p class="hint">${msg('The code works once, for 5 minutes. Showing a new code stops the previous one.')}</p>
              </div>
            `
          : nothing
      }
      ${
        shown.kind === 'ended'
          ? html`
              <div class="card">
                ${this.failure ? nothing : html`<p>${msg('This code has expired.')}</p>`}
                <div class="actions">
                  <button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.#newLink()}>
                    ${msg('Show a new code')}
                  </button>
                </div>
              </div>
            `
          : nothing
      }
      ${shown.kind === 'loading' ? html`<p role="status">${msg('Preparing a code…')}</p>` : nothing} ${back}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'add-phone-view': AddPhoneView;
  }
}
