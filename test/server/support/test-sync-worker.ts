/** The sync worker of a test app, as main.ts starts it but on the app's clock, quiet, and polling often. */
import { createLogger } from '../../../server/logger';
import { createSyncWorker } from '../../../server/workers/sync-worker';
import type { Worker } from '../../../server/workers/worker';
import type { TestApp } from './test-app';

/** Started; a retry waits `retryDelayMs` on the app's clock (60 s unless the test says otherwise). */
export function startTestSyncWorker(t: TestApp, retryDelayMs = 60_000): Worker {
  const worker = createSyncWorker({
    store: t.store,
    log: createLogger('silent'),
    now: t.clock.now,
    keys: t.services.keys,
    targets: t.services.targets,
    retryDelayMs: () => retryDelayMs,
    intervalMs: 200,
  });
  worker.start();
  return worker;
}
