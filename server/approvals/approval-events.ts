/**
 * The `approvals` event channel: published in the transaction of every change of an approval
 * request's status, delivered after commit in this process (SQLite) or on every instance
 * (PostgreSQL's LISTEN/NOTIFY). The payload is the request's id only; the status is read from the
 * database by whoever wakes.
 */
import type { Store, Writer } from '../db/store';

export const APPROVALS_CHANNEL = 'approvals';

export function publishApprovalChange(store: Store, w: Writer, requestId: string): Promise<void> {
  return store.events.publish(w, APPROVALS_CHANNEL, { requestId });
}

export function requestIdOf(payload: unknown): string | null {
  const id = (payload as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' ? id : null;
}
