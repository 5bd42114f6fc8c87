/**
 * Tells the employee's devices that a sign-in request waits, inside the request's own
 * transaction (so a push goes out only for a request that exists, and is never lost once it
 * does). The push carries the request id only; the phone never depends on it: opening the app
 * pulls pending requests anyway.
 */
import type { Writer } from '../db/store';
import type { Events } from '../events/events';
import { enqueuePush } from '../push/push-outbox';

export interface SignInRequestNotice {
  employeeId: string;
  requestId: string;
  expiresAt: Date;
}

export async function notifyDevices(w: Writer, events: Pick<Events, 'publish'>, notice: SignInRequestNotice): Promise<void> {
  await enqueuePush(w, events, {
    employeeId: notice.employeeId,
    payload: { type: 'sign-in-request', requestId: notice.requestId },
    expiresAt: notice.expiresAt,
  });
}
