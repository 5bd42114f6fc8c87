/**
 * The sync worker: delivers new passwords to linked accounts (server/accounts/password-sync.ts).
 * Each step claims one due job under a lease — so that instances on one PostgreSQL database never
 * run the same job at once, and a job whose worker died is taken up again once its lease ends —
 * decrypts the change's password, asks the target's connector to set it, and settles the job:
 *
 * - set → done; refused by the system → failed with the refusal's kind (retrying would not help);
 * - unavailable (or any unexpected error) → retried with exponential backoff and jitter until
 *   the job's deadline (24 hours after the change), then failed as `unavailable`.
 *
 * The change's password is deleted in the same write as its last job's end. Logs name the target,
 * the account and the directory's own refusal text — never the password.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SYNC_CHANNEL } from '../accounts/password-sync';
import type { Clock } from '../clock';
import { TargetUnavailable } from '../connectors/connector';
import type { TargetRegistry } from '../connectors/target-registry';
import {
  claimDueSyncJob,
  findAccountLink,
  findPendingPassword,
  finishSyncJob,
  nextSyncDueAt,
  rescheduleSyncJob,
  wipePendingPasswordsIfDone,
  type SyncJobRow,
} from '../db/queries/password-sync';
import type { Store } from '../db/store';
import type { KeyService } from '../keys/key-service';
import type { Logger } from '../logger';
import type { SyncFailureReason } from '../../shared/sync-status';
import { createQueueWorker } from './queue-worker';
import type { Worker } from './worker';

export interface SyncWorkerOptions {
  store: Store;
  log: Logger;
  now: Clock;
  keys: KeyService;
  targets: TargetRegistry;
  /** Longer than a connector's time-out, so a live claim never lapses. */
  leaseMs?: number;
  intervalMs?: number;
  /** Delay before attempt `attempts + 1`, after `attempts` failures. */
  retryDelayMs?: (attempts: number) => number;
}

export const SYNC_INTERVAL_MS = 30_000;
const DEFAULT_LEASE_MS = 60_000;

/** 5 s, 10 s, 20 s … up to 15 minutes, each between 50 % and 100 % of that (full jitter's upper half). */
export function defaultSyncRetryDelayMs(attempts: number): number {
  const base = Math.min(5000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

type Outcome = { kind: 'done' } | { kind: 'failed'; reason: SyncFailureReason; raw?: string } | { kind: 'retry'; reason: string };

export function createSyncWorker(options: SyncWorkerOptions): Worker {
  const { store, log, now, keys, targets } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const intervalMs = options.intervalMs ?? SYNC_INTERVAL_MS;
  const retryDelayMs = options.retryDelayMs ?? defaultSyncRetryDelayMs;
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  async function attempt(job: SyncJobRow): Promise<Outcome & { target?: string; account?: string }> {
    const link = await findAccountLink(store, job.linkId);
    const target = link && targets.get(link.targetId);
    if (!link || !target) return { kind: 'failed', reason: 'refused', raw: 'the target is no longer configured' };
    const pending = await findPendingPassword(store, job.changeId);
    if (!pending) return { kind: 'failed', reason: 'refused', raw: 'the pending password is gone' };
    const where = { target: target.id, account: link.account };
    try {
      // Inside the try: a key this instance lacks (another instance's SESAME_SECRET_KEY) is retried, then fails at the deadline.
      const password = keys.decrypt('pending-password', pending.ciphertext, job.changeId).toString('utf8');
      const result = await target.connector.setPassword(link.account, password);
      if (result.ok) return { kind: 'done', ...where };
      return { kind: 'failed', reason: result.refusal.kind, raw: result.refusal.raw, ...where };
    } catch (error) {
      const reason = error instanceof TargetUnavailable ? error.reason : error instanceof Error ? error.message : String(error);
      return { kind: 'retry', reason, ...where };
    }
  }

  async function settle(job: SyncJobRow, outcome: Awaited<ReturnType<typeof attempt>>): Promise<void> {
    const at = now();
    const attempts = job.attempts + 1;
    const context = { job: job.id, change: job.changeId, target: outcome.target, account: outcome.account, attempts };
    const finish = (status: 'done' | 'failed', reason: SyncFailureReason | null) =>
      store.write(async (w) => {
        if (!(await finishSyncJob(w, job, claimant, { status, reason, attempts }, at))) return;
        await wipePendingPasswordsIfDone(w, [job.changeId]);
        await store.events.publish(w, SYNC_CHANNEL, { employeeId: job.employeeId });
      });
    switch (outcome.kind) {
      case 'done':
        log.info(context, 'password synchronised');
        return finish('done', null);
      case 'failed':
        log.warn({ ...context, reason: outcome.reason, directorySaid: outcome.raw }, 'password refused by the target system');
        return finish('failed', outcome.reason);
      case 'retry': {
        const next = new Date(at.getTime() + retryDelayMs(attempts));
        if (next >= job.deadlineAt) {
          log.warn({ ...context, reason: outcome.reason }, 'target unavailable until the deadline: synchronisation failed');
          return finish('failed', 'unavailable');
        }
        log.info({ ...context, reason: outcome.reason, nextAttemptAt: next.toISOString() }, 'target unavailable: will retry');
        await store.write(async (w) => {
          if (await rescheduleSyncJob(w, job, claimant, attempts, next))
            await store.events.publish(w, SYNC_CHANNEL, { employeeId: job.employeeId });
        });
      }
    }
  }

  return createQueueWorker({
    name: 'sync',
    store,
    log,
    now,
    channel: SYNC_CHANNEL,
    intervalMs,
    async step(signal) {
      const at = now();
      const job = await store.write((w) => claimDueSyncJob(w, { claimant, now: at, leaseUntil: new Date(at.getTime() + leaseMs) }));
      if (job) {
        await settle(job, await attempt(job));
        if (!signal.aborted) return 'more';
      }
      return { nextDueAt: await nextSyncDueAt(store, now()) };
    },
  });
}
