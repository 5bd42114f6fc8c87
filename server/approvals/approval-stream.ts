/**
 * The waiting browser's event stream (`GET /api/auth/mobile/events`): the request's status each
 * time it changes (http/status-stream.ts), woken through this process's approval watch — any
 * instance's change, on PostgreSQL — and read again at the request's expiry. A status other than
 * `pending` is final and ends the stream. The heartbeat reads nothing: every change of an
 * approval's status publishes on `approvals`, and a lost notification is a gap that wakes every
 * watcher, so ten thousand waiting browsers cost no database reads while nothing happens.
 */
import type { Context } from 'hono';
import { statusStream } from '../http/status-stream';
import type { Services } from '../services';

export const HEARTBEAT_MS = 15_000;
/** How soon an EventSource that lost the stream reconnects (to this or another instance). */
const RETRY_MS = 2_000;

export function approvalStream(
  c: Context,
  requestId: string,
  { approvals, approvalWatch, stopping, log }: Pick<Services, 'approvals' | 'approvalWatch' | 'stopping' | 'log'>,
) {
  return statusStream(
    c,
    {
      // Watching before the first read: a change committed before the watch began is not missed.
      watch: (wake) => approvalWatch.watch(requestId, wake),
      read: () => approvals.waitingStatus(requestId),
      encode: (current) => JSON.stringify(current),
      // The countdown moves on its own; the browser is told when the status changes.
      key: (current) => current.status,
      isFinal: (current) => current.status !== 'pending',
      changesInMs: (current) => current.secondsLeft * 1000,
    },
    {
      keepAliveMs: HEARTBEAT_MS,
      retryMs: RETRY_MS,
      stopping,
      onError: (error) => log.error({ err: error }, 'approval event stream failed'),
    },
  );
}
