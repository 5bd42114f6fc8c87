/**
 * The pull path of the enrolled phone: whenever the app opens or comes to the front, it asks the
 * server for pending sign-in requests (with its device credential), and while it stays in front
 * it asks again every few seconds — so a lost or blocked push costs nothing. A browser that is
 * no enrolled device is told so (204, no error) and asks again only when it comes to the front.
 * A removed device's credential is refused (401 `device_unknown`, and the server clears the
 * cookie): the app is told once, so that it forgets the phone's offline-code key.
 */
import { sesameApi } from '../api/api-client';

const POLL_MS = 5000;

export class DeviceRequestsWatch {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  readonly #onPending: (requestId: string) => void;
  readonly #onRemoved: () => void;
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible') void this.check();
    else clearTimeout(this.#timer);
  };

  constructor(onPending: (requestId: string) => void, onRemoved: () => void = () => {}) {
    this.#onPending = onPending;
    this.#onRemoved = onRemoved;
  }

  start(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
    void this.check();
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.#onVisible);
    clearTimeout(this.#timer);
  }

  /** Asks once now; polls on while this is an enrolled device and the page is in front. */
  async check(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    clearTimeout(this.#timer);
    const result = await sesameApi.deviceRequests();
    this.#running = false;
    // 204: this browser is no enrolled device; it asks again only when it comes to the front.
    if (!result.ok && result.failure.error === 'device_unknown') this.#onRemoved();
    if (!result.ok || !result.data) return;
    const [newest] = result.data.requests;
    if (newest) this.#onPending(newest.id);
    if (document.visibilityState === 'visible') this.#timer = setTimeout(() => void this.check(), POLL_MS);
  }
}
