/**
 * The waiting browser's event stream (`GET /api/auth/mobile/events`): Server-Sent Events that
 * send the request's status each time it changes, woken by the `approvals` channel (any
 * instance's change, on PostgreSQL) and re-reading the database each time — on a wake, on a
 * heartbeat, and at the request's expiry. The callback stays alive until the status is final or
 * the browser leaves (`onAbort` then unwatches); a comment every 15 s keeps proxies from closing an
 * idle stream. Never behind `compress()`, which would buffer it.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApprovalWatch } from './approval-watch';
import type { Approvals } from './approval-service';

export const HEARTBEAT_MS = 15_000;
/** How soon an EventSource that lost the stream reconnects (to this or another instance). */
const RETRY_MS = 2_000;

export function approvalStream(c: Context, requestId: string, approvals: Approvals, watch: ApprovalWatch) {
  // nginx buffers proxied responses unless told not to; an event stream must flow as written.
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let woken = false;
    let left = false;
    let wake: () => void = () => {};
    const poke = () => {
      woken = true;
      wake();
    };
    const unwatch = await watch.watch(requestId, poke);
    stream.onAbort(() => {
      left = true;
      unwatch();
      wake();
    });
    try {
      let last = '';
      let first = true;
      while (!left && !stream.aborted) {
        woken = false;
        // Read after watching: a change committed before the watch began is not missed.
        const current = await approvals.waitingStatus(requestId);
        if (current.status !== last) {
          await stream.writeSSE({ event: 'status', data: JSON.stringify(current), ...(first ? { retry: RETRY_MS } : {}) });
          last = current.status;
          first = false;
        }
        if (current.status !== 'pending') break;
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), Math.min(HEARTBEAT_MS, current.secondsLeft * 1000 + 100));
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
          if (woken || left) wake();
        });
        wake = () => {};
        if (timedOut && !left) await stream.write(': heartbeat\n\n');
      }
    } finally {
      unwatch();
    }
  });
}
