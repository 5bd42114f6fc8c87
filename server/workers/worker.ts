/**
 * A background worker: a loop that runs one item at a time. `step` does one item and says
 * whether more may be waiting ('more': run again at once) or not ('idle': sleep until the
 * interval passes or `wake()` is called, e.g. by an event). `stop()` lets the current item
 * finish — its signal is aborted, so a long one can release what it holds — and starts nothing
 * new. Push sending and password synchronisation are to be such workers.
 */
import type { Logger } from '../logger';

export type StepResult = 'more' | 'idle';

export interface Worker {
  readonly name: string;
  start(): void;
  /** Wakes an idle worker now, rather than at the end of its interval. */
  wake(): void;
  /** Resolves once the item under way (if any) has finished; no item starts after the call. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  name: string;
  log: Logger;
  /** How long an idle worker sleeps before looking again. */
  intervalMs: number;
  step(signal: AbortSignal): Promise<StepResult>;
}

export function createWorker({ name, log, intervalMs, step }: WorkerOptions): Worker {
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  let wakeSleeper: (() => void) | undefined;
  let woken = false;

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (woken || abort.signal.aborted) return resolve();
      const timer = setTimeout(done, intervalMs);
      function done() {
        clearTimeout(timer);
        wakeSleeper = undefined;
        resolve();
      }
      wakeSleeper = done;
    });

  const loop = async () => {
    while (!abort.signal.aborted) {
      woken = false;
      let result: StepResult = 'idle';
      try {
        result = await step(abort.signal);
      } catch (error) {
        // A failing item is logged and retried after the interval, not in a tight loop.
        log.error({ err: error, worker: name }, 'worker step failed');
      }
      if (result === 'idle') await sleep();
    }
  };

  return {
    name,
    start() {
      if (running || abort.signal.aborted) return;
      running = loop();
    },
    wake() {
      woken = true;
      wakeSleeper?.();
    },
    async stop() {
      abort.abort();
      wakeSleeper?.();
      await running;
    },
  };
}
