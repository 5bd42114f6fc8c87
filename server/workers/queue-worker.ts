/**
 * A worker that drains a queue kept in the database (the push outbox, the sync jobs): it wakes
 * on its event channel (a row was queued, on any instance: in process on SQLite, NOTIFY on
 * PostgreSQL), at the next row's due time, and otherwise every `intervalMs`, to pick up what an
 * event may not have announced (a lost NOTIFY, a lease that ran out).
 *
 * `step` handles one batch and says 'more' (run again at once) or when the next row falls due.
 */
import type { Clock } from '../clock';
import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { createWorker, type Worker } from './worker';

/** Sleeps shorter than this are not worth a timer: the row is as good as due. */
const MIN_TIMER_MS = 50;

export interface QueueWorkerOptions {
  name: string;
  store: Store;
  log: Logger;
  now: Clock;
  channel: string;
  intervalMs: number;
  step(signal: AbortSignal): Promise<'more' | { nextDueAt: Date | null }>;
}

export function createQueueWorker({ name, store, log, now, channel, intervalMs, step }: QueueWorkerOptions): Worker {
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: Promise<() => void> | undefined;

  const wakeAt = (at: Date | null) => {
    clearTimeout(timer);
    timer = undefined;
    if (!at) return;
    const delay = at.getTime() - now().getTime();
    if (delay >= intervalMs) return;
    timer = setTimeout(() => worker.wake(), Math.max(delay, MIN_TIMER_MS));
    timer.unref();
  };

  const worker = createWorker({
    name,
    log,
    intervalMs,
    async step(signal) {
      const result = await step(signal);
      if (result === 'more') return 'more';
      wakeAt(result.nextDueAt);
      return 'idle';
    },
  });

  return {
    name,
    wake: () => worker.wake(),
    start() {
      unsubscribe ??= store.events.subscribe(channel, () => worker.wake(), { onGap: () => worker.wake() });
      // A row queued after the first look but before the listen was set up announced itself to
      // no one: look again once listening. Listening or not, the worker runs: the interval still
      // finds the rows.
      unsubscribe.then(
        () => worker.wake(),
        (error: unknown) => log.error({ err: error, worker: name }, 'worker cannot listen for its events'),
      );
      worker.start();
    },
    async stop() {
      clearTimeout(timer);
      await unsubscribe?.then(
        (stop) => stop(),
        () => undefined,
      );
      await worker.stop();
    },
  };
}
