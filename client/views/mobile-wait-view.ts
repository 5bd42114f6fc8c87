import { html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { MobileStartResponse, WaitingStatus } from '../../shared/approval-schemas';
import type { SignInPurpose } from '../../shared/api-schemas';
import { MOBILE_EVENTS_URL, sesameApi, type ApiFailure } from '../api/api-client';
import { errorText } from '../api/error-text';
import { isPlainClick, routeHref } from '../navigation/route-link';
import { isRouteName } from '../navigation/route-table';
import { sharedStyles } from '../styles/shared-styles';
import '../components/error-summary';
import { ScreenView } from './screen-view';

/** The offline-code screen's address; its route (`mobile-code`) is added by the offline-code work. */
const OFFLINE_CODE_PATH = '/mobile/code';
/** How often the status is polled while the event stream is not open. */
const POLL_MS = 3000;

/** When the countdown is said to screen readers: every 30 s, then each of the last 10 s. */
export function announcesAt(secondsLeft: number): boolean {
  return secondsLeft > 0 && (secondsLeft <= 10 || secondsLeft % 30 === 0);
}

/**
 * "Approve on your phone": the waiting screen of a "Mobile device" sign-in. It starts a request
 * (this browser gets the request's secret cookie), shows the number to type on the phone and a
 * countdown, and learns the outcome from the server's event stream — polling the status while
 * the stream is broken — without a reload. Approved: it collects its session and fires
 * `signed-in` (My Profile, or Set a new password after "Forgot your password?"). Denied, expired
 * or replaced: it says so and offers a new request.
 */
@customElement('mobile-wait-view')
@localized()
export class MobileWaitView extends ScreenView {
  static override styles = [
    sharedStyles,
    css`
      .number {
        font-size: 3rem;
        font-weight: 700;
        letter-spacing: 0.1em;
        margin: 0.25rem 0;
      }
      .countdown {
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @state() private request: MobileStartResponse | null = null;
  @state() private status: WaitingStatus | 'starting' | 'collecting' = 'starting';
  @state() private failure: ApiFailure | null = null;
  @state() private secondsLeft = 0;
  /** What the live region says: the countdown at its intervals, and the outcome. */
  @state() private announcement = '';

  #startedFor = '';
  #events: EventSource | null = null;
  #tick: ReturnType<typeof setInterval> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  #endsAt = 0;

  get purpose(): SignInPurpose {
    return this.flow.purpose;
  }

  protected override willUpdate() {
    const startFor = `${this.purpose} ${this.flow.userId}`;
    if (this.flow.userId && startFor !== this.#startedFor) {
      this.#startedFor = startFor;
      void this.#start();
    }
  }

  override disconnectedCallback() {
    this.#stop();
    super.disconnectedCallback();
  }

  #stop() {
    this.#events?.close();
    this.#events = null;
    clearInterval(this.#tick);
    clearInterval(this.#poll);
  }

  async #start() {
    this.#stop();
    this.status = 'starting';
    this.failure = null;
    this.request = null;
    this.announcement = '';
    const result = await sesameApi.startMobile(this.flow.userId, this.purpose);
    if (!result.ok) {
      this.failure = result.failure;
      return this.focusErrors();
    }
    this.request = result.data;
    this.status = 'pending';
    // The device's own clock from the seconds the server gave: a skewed clock does not matter.
    this.#endsAt = Date.now() + result.data.secondsLeft * 1000;
    this.secondsLeft = result.data.secondsLeft;
    this.#tick = setInterval(() => this.#countDown(), 1000);
    this.#listen();
  }

  #countDown() {
    const left = Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
    if (left === this.secondsLeft) return;
    this.secondsLeft = left;
    if (announcesAt(left)) this.announcement = this.#secondsText(left);
    // The server says so too; the screen does not wait for it.
    if (left === 0 && this.status === 'pending') this.#outcome('expired');
  }

  /** The event stream, with polling whenever it is not open (a proxy cut it, the instance went away). */
  #listen() {
    const events = new EventSource(MOBILE_EVENTS_URL);
    this.#events = events;
    events.addEventListener('status', (event) => {
      const { status } = JSON.parse((event as MessageEvent<string>).data) as { status: WaitingStatus };
      this.#outcome(status);
    });
    this.#poll = setInterval(() => {
      if (this.#events?.readyState !== EventSource.OPEN) void this.#pollOnce();
    }, POLL_MS);
  }

  async #pollOnce() {
    const result = await sesameApi.mobileStatus();
    if (result.ok) this.#outcome(result.data.status);
  }

  #outcome(status: WaitingStatus) {
    if (this.status !== 'pending' || status === 'pending') return;
    this.#stop();
    if (status === 'approved') return void this.#collect();
    this.status = status;
    this.announcement = this.#statusText();
  }

  async #collect() {
    this.status = 'collecting';
    this.announcement = msg('Approved. Signing you in…');
    const result = await sesameApi.collectMobile();
    if (result.ok) {
      this.emit('signed-in', result.data.access);
      return;
    }
    this.status = 'expired';
    this.failure = result.failure;
    await this.focusErrors();
  }

  #secondsText(seconds: number): string {
    return seconds === 1 ? msg('1 second left') : msg(str`${seconds} seconds left`);
  }

  #statusText(): string {
    switch (this.status) {
      case 'denied':
        return msg('The sign-in was denied on your phone.');
      case 'expired':
        return msg('The request expired before it was approved.');
      case 'cancelled':
      case 'collected':
        return msg('This request was replaced by a newer one.');
      default:
        return '';
    }
  }

  #offlineCode(event: MouseEvent) {
    const route = 'mobile-code';
    // Until the offline-code screen is in the route table, the link is an ordinary address.
    if (!isPlainClick(event) || !isRouteName(route)) return;
    event.preventDefault();
    this.emit('open-screen', route);
  }

  #otherMethod(event: MouseEvent) {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.emit('choose-another-method');
  }

  override render() {
    const phone = this.flow.organisation?.helpDeskPhone ?? '';
    const errors = this.failure ? [{ text: errorText(this.failure, phone) }] : [];
    const minutes = Math.floor(this.secondsLeft / 60);
    const clock = `${minutes}:${String(this.secondsLeft % 60).padStart(2, '0')}`;
    const finished = this.status === 'denied' || this.status === 'expired' || this.status === 'cancelled' || this.status === 'collected';
    return html`
      <h1 tabindex="-1">${msg('Approve on your phone')}</h1>
      <error-summary tabindex="-1" .errors=${errors}></error-summary>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p>${msg(str`User ID: ${this.flow.userId}`)}</p>
      ${
        this.request && this.status === 'pending'
          ? html`
              <p>${msg(str`Enter ${this.request.number} on your phone`)}</p>
              <p class="number" aria-hidden="true">${this.request.number}</p>
              <p class="countdown">${msg(str`Time left: ${clock}`)}</p>
              <p>${msg('If nothing arrives, open Sésame on your phone.')}</p>
            `
          : ''
      }
      ${this.status === 'starting' && !this.failure ? html`<p>${msg('Sending the request to your phone…')}</p>` : ''}
      ${this.status === 'collecting' ? html`<p>${msg('Approved. Signing you in…')}</p>` : ''}
      ${
        finished
          ? html`<p class="important">${this.#statusText()}</p>
              <div class="actions">
                <button class="primary" type="button" @click=${() => void this.#start()}>${msg('Send a new request')}</button>
              </div>`
          : ''
      }
      <p>
        <a class="nav-link" href=${OFFLINE_CODE_PATH} @click=${(e: MouseEvent) => this.#offlineCode(e)}
          >${msg('Use a code from the app instead')}</a
        >
      </p>
      <p>
        <a class="nav-link" href=${routeHref('methods')} @click=${(e: MouseEvent) => this.#otherMethod(e)}
          >${msg('Choose another method')}</a
        >
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mobile-wait-view': MobileWaitView;
  }
}
