/**
 * Tells the employee's devices that a sign-in request waits, inside the request's own
 * transaction (so a push goes out only for a request that exists). The phone never depends on
 * it: opening the app pulls pending requests anyway.
 *
 * TODO(push, at merge): call `enqueuePush(w, { employeeId, payload: { type: 'sign-in-request',
 * requestId }, expiresAt })` from `server/push/push-outbox.ts` (the push sender's outbox, drained
 * by its worker). Until that module exists this is deliberately a no-op.
 */
import type { Writer } from '../db/store';

export interface SignInRequestNotice {
  employeeId: string;
  requestId: string;
  expiresAt: Date;
}

export function notifyDevices(_w: Writer, _notice: SignInRequestNotice): Promise<void> {
  return Promise.resolve();
}
