/**
 * Queueing a push: `services.push.enqueue(w, …)` inside the write that makes the push true (a sign-in
 * request created, a device added) writes one outbox row per subscription of the employee, so
 * the push exists exactly when that write commits. After the commit the `push` event wakes the
 * push worker of every instance (in process on SQLite, NOTIFY on PostgreSQL); whichever claims
 * a row first sends it.
 */
import { randomUUID } from 'node:crypto';
import { findPushSubscriptions, insertPushes } from '../db/queries/push-outbox';
import type { Writer } from '../db/store';
import type { Events } from '../events/events';
import type { PushPayload } from '../../shared/push-payload';
import { encodePushPayload } from '../../shared/push-payload';

/** The event channel the push workers listen on; its payload only wakes them. */
export const PUSH_CHANNEL = 'push';

/** A new row is due at once: the oldest possible attempt time puts it before any retry. */
const DUE_AT_ONCE = new Date(0);

export interface PushRequest {
  employeeId: string;
  /** Opaque: a kind and a request id, never a name, a number or an address (shared/push-payload.ts). */
  payload: PushPayload;
  /** When the push stops meaning anything (the request's expiry): never sent after, TTL until then. */
  expiresAt: Date;
  /** The device the news comes from, which need not hear it (the device just added). */
  exceptDeviceId?: string;
}

export interface PushOutbox {
  /** Queues the push for each of the employee's subscribed devices, inside `w`; returns how many. */
  enqueue(w: Writer, request: PushRequest): Promise<number>;
}

/** The outbox of one store, whose events wake the workers (`services.push`). */
export function createPushOutbox(events: Pick<Events, 'publish'>): PushOutbox {
  return { enqueue: (w, request) => enqueuePush(w, events, request) };
}

export async function enqueuePush(
  w: Writer,
  events: Pick<Events, 'publish'>,
  { employeeId, payload, expiresAt, exceptDeviceId }: PushRequest,
): Promise<number> {
  // Refuse a payload the phone would refuse, here rather than in the worker.
  encodePushPayload(payload);
  const subscriptions = await findPushSubscriptions(w, employeeId, exceptDeviceId);
  await insertPushes(
    w,
    subscriptions.map((s) => ({
      id: randomUUID(),
      deviceId: s.deviceId,
      endpoint: s.endpoint,
      p256dh: s.p256dh,
      auth: s.auth,
      payload,
      expiresAt,
      attempts: 0,
      nextAttemptAt: DUE_AT_ONCE,
      claimedBy: null,
      claimedUntil: null,
    })),
  );
  if (subscriptions.length > 0) await events.publish(w, PUSH_CHANNEL, { pushes: subscriptions.length });
  return subscriptions.length;
}
