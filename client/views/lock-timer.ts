import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiFailure } from '../api/api-client';

/** When the server did not say how long (it always does today): the default lock time. */
const FALLBACK_SECONDS = 15 * 60;

/**
 * A lock the server reported (`locked`, `rate_limited`) and when it ends. The end is counted on
 * this device's clock from `retryAfterSeconds` as the answer arrived, so that a device whose
 * clock is off still re-enables its button at the right moment. The host re-renders when the
 * lock ends, and `onEnd` runs.
 */
export class LockTimer implements ReactiveController {
  #until: Date | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEnd: () => void = () => undefined,
  ) {
    host.addController(this);
  }

  /** When the lock ends; null when not locked. */
  get until(): Date | null {
    return this.#until;
  }

  get locked(): boolean {
    return this.#until !== null;
  }

  /** Starts the lock a failure reports; false (and nothing changes) for other failures. */
  lockFrom(failure: ApiFailure): boolean {
    if (failure.error !== 'locked' && failure.error !== 'rate_limited') return false;
    this.#until = new Date(Date.now() + (failure.retryAfterSeconds ?? FALLBACK_SECONDS) * 1000);
    this.#arm();
    this.host.requestUpdate();
    return true;
  }

  /** Resumes a lock already known (kept in the flow) until `until`, without a new render request. */
  resume(until: Date): void {
    if (until.getTime() <= Date.now()) return;
    this.#until = until;
    this.#arm();
  }

  hostConnected(): void {
    if (this.#until) this.#arm();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  #arm(): void {
    clearTimeout(this.#timer);
    const until = this.#until;
    if (!until) return;
    this.#timer = setTimeout(() => this.#end(), Math.max(0, until.getTime() - Date.now()));
  }

  #end(): void {
    this.#until = null;
    this.host.requestUpdate();
    this.onEnd();
  }
}
