/**
 * A clean stop on SIGTERM or SIGINT: stop accepting connections, stop the workers (each
 * finishes the item under way), let requests in flight finish, close the events listener and
 * the store, exit 0. If that takes longer than the deadline, exit anyway with 1, so that an
 * orchestrator's stop never hangs.
 */
import type { Server } from 'node:http';
import type { Store } from './db/store';
import type { Stopping } from './http/stopping';
import type { Logger } from './logger';
import type { Worker } from './workers/worker';

export interface Running {
  server: Server;
  workers: Worker[];
  store: Store;
  log: Logger;
  deadlineMs: number;
  /** Ends the event streams, which would otherwise hold their connections until the deadline. */
  stopping?: Stopping;
  /** Last writes once requests and workers are done, before the store closes (the audit's final checkpoint). */
  beforeStoreClose?: () => Promise<void>;
}

export async function shutDown({ server, workers, store, log, beforeStoreClose, stopping }: Omit<Running, 'deadlineMs'>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  stopping?.stop();
  // Keep-alive connections waiting for a next request would hold `close` open until they time
  // out; the streams that just ended leave theirs idle a moment later, hence again until closed.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  void closed.then(() => clearInterval(sweep));
  await Promise.all(
    workers.map((worker) =>
      worker.stop().then(
        () => log.info({ worker: worker.name }, 'worker stopped'),
        (error: unknown) => log.error({ err: error, worker: worker.name }, 'worker failed to stop'),
      ),
    ),
  );
  await closed;
  if (beforeStoreClose) await beforeStoreClose();
  await store.events.close();
  await store.close();
}

export function stopOnSignals(running: Running): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal (a terminal sends Ctrl-C to npm, tsx and node alike) changes nothing.
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'stopping');
    const deadline = setTimeout(() => {
      running.log.error({ deadlineMs: running.deadlineMs }, 'stop took too long: exiting anyway');
      process.exit(1);
    }, running.deadlineMs);
    shutDown(running).then(
      () => {
        clearTimeout(deadline);
        running.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        running.log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
