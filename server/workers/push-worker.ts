/**
 * The push worker: sends what the outbox holds (server/push/push-outbox.ts). Each step deletes
 * the expired rows, claims a batch of due rows under a lease (so that instances on one
 * PostgreSQL database never send the same row at once, and a row an instance died holding is
 * retried once its lease ends), sends them together, then settles each row:
 * delivered or dropped → deleted; gone (404, 410) → the subscription deleted, and with it every
 * push waiting for it; retry → attempted again later with a growing delay, while it has not expired.
 *
 * It wakes on the `push` event (a row was queued, on any instance), at the next retry's time,
 * and otherwise every `intervalMs` to pick up what an event may not have announced (a lost
 * NOTIFY, a lease that ran out). Logs name the device and the push service's host, never the
 * endpoint nor the keys.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import {
  claimDuePushes,
  deleteClaimedPush,
  deleteExpiredPushes,
  deleteGoneSubscription,
  nextPushDueAt,
  reschedulePush,
  type PushOutboxRow,
} from '../db/queries/push-outbox';
import type { Store } from '../db/store';
import type { Logger } from '../logger';
import { PUSH_CHANNEL } from '../push/push-outbox';
import type { PushOutcome } from '../push/push-outcome';
import { pushServiceOf, type PushSender } from '../push/push-sender';
import { createQueueWorker } from './queue-worker';
import type { Worker } from './worker';

export interface PushWorkerOptions {
  store: Store;
  log: Logger;
  now: Clock;
  /** The sender, signing with the shared VAPID keys; asked for when there is something to send. */
  sender: () => Promise<PushSender>;
  /** Rows claimed and sent together in one step. */
  batchSize?: number;
  /** How long a claim holds: longer than a send's time-out, so a live claim never lapses. */
  leaseMs?: number;
  /** The longest an idle worker sleeps without an event. */
  intervalMs?: number;
  /** Delay before attempt `attempts + 1`, after `attempts` failures. */
  retryDelayMs?: (attempts: number) => number;
}

export const PUSH_INTERVAL_MS = 30_000;
const DEFAULT_BATCH = 32;
const DEFAULT_LEASE_MS = 60_000;

/** 1 s, 2 s, 4 s … up to 30 s, with up to 20 % jitter so that instances do not retry in step. */
export function defaultRetryDelayMs(attempts: number): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempts - 1), 30_000);
  return Math.round(base * (1 + Math.random() * 0.2));
}

export function createPushWorker(options: PushWorkerOptions): Worker {
  const { store, log, now, sender } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const intervalMs = options.intervalMs ?? PUSH_INTERVAL_MS;
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const settle = async (row: PushOutboxRow, outcome: PushOutcome, at: Date, signal: AbortSignal) => {
    const context = {
      deviceId: row.deviceId,
      pushService: pushServiceOf(row.endpoint),
      type: row.payload.type,
      attempts: row.attempts + 1,
    };
    switch (outcome.kind) {
      case 'delivered':
        log.debug({ ...context, status: outcome.status }, 'push delivered');
        await store.write((w) => deleteClaimedPush(w, row.id, claimant));
        return;
      case 'drop':
        log.warn({ ...context, status: outcome.status, reason: outcome.reason }, 'push refused: dropped');
        await store.write((w) => deleteClaimedPush(w, row.id, claimant));
        return;
      case 'gone':
        log.info({ ...context, status: outcome.status }, 'push subscription gone: deleted');
        await store.write((w) => deleteGoneSubscription(w, row.deviceId, row.endpoint));
        return;
      case 'retry': {
        if (signal.aborted) {
          // Stopping: hand the row back at once, for another instance (or the next start).
          await store.write((w) => reschedulePush(w, row.id, claimant, row.attempts, at));
          return;
        }
        const attempts = row.attempts + 1;
        const next = new Date(at.getTime() + Math.max(retryDelayMs(attempts), outcome.retryAfterMs ?? 0));
        if (next >= row.expiresAt) {
          log.info({ ...context, status: outcome.status, reason: outcome.reason }, 'push not delivered before it expired');
          await store.write((w) => deleteClaimedPush(w, row.id, claimant));
          return;
        }
        log.info({ ...context, status: outcome.status, reason: outcome.reason }, 'push failed: will retry');
        await store.write((w) => reschedulePush(w, row.id, claimant, attempts, next));
      }
    }
  };

  const send = async (push: PushSender, row: PushOutboxRow, at: Date, signal: AbortSignal) => {
    const ttlSeconds = Math.floor((row.expiresAt.getTime() - at.getTime()) / 1000);
    if (ttlSeconds < 1) {
      await store.write((w) => deleteClaimedPush(w, row.id, claimant));
      return;
    }
    const outcome = await push.send(row, row.payload, { ttlSeconds, signal });
    await settle(row, outcome, now(), signal);
  };

  return createQueueWorker({
    name: 'push',
    store,
    log,
    now,
    channel: PUSH_CHANNEL,
    intervalMs,
    async step(signal) {
      const at = now();
      await store.write((w) => deleteExpiredPushes(w, at));
      const rows = await store.write((w) =>
        claimDuePushes(w, { claimant, now: at, leaseUntil: new Date(at.getTime() + leaseMs), limit: batchSize }),
      );
      if (rows.length > 0) {
        const push = await sender();
        const results = await Promise.allSettled(rows.map((row) => send(push, row, at, signal)));
        for (const result of results) {
          // The row stays claimed until its lease ends, then is tried again.
          if (result.status === 'rejected') log.error({ err: result.reason, worker: 'push' }, 'push not settled');
        }
      }
      if (rows.length === batchSize && !signal.aborted) return 'more';
      return { nextDueAt: await nextPushDueAt(store) };
    },
  });
}
