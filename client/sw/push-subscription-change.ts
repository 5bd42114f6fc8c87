/**
 * A push service may replace a device's subscription (it expired, or its keys were rotated) and
 * say so with `pushsubscriptionchange`, often with no page open. Unless the server learns the new
 * one, its pushes go to the old endpoint, are answered 404 or 410, and the subscription is deleted:
 * the phone would silently fall back to pulling requests when opened, and its user would stop
 * being told of sign-in requests. So the worker re-subscribes when the browser did not already,
 * and hands the subscription to the server with the device credential cookie — the same request
 * the app makes at enrolment.
 *
 * Browsers differ: some give the new subscription, some only the old one, some neither.
 */
import type { PushSubscriptionRequest } from '../../shared/device-schemas';

declare const self: ServiceWorkerGlobalScope;

/** The event's fields as the Push API defines them; TypeScript's worker types do not have it. */
export interface SubscriptionChange {
  readonly oldSubscription?: PushSubscription | null;
  readonly newSubscription?: PushSubscription | null;
}

async function serverKey(): Promise<ArrayBuffer | null> {
  const response = await fetch('/api/push/public-key', { credentials: 'same-origin' });
  if (!response.ok) return null;
  const { publicKey } = (await response.json()) as { publicKey: string };
  const bytes = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return bytes.buffer;
}

async function currentSubscription(change: SubscriptionChange): Promise<PushSubscription | null> {
  if (change.newSubscription) return change.newSubscription;
  const existing = await self.registration.pushManager.getSubscription();
  if (existing) return existing;
  const applicationServerKey = change.oldSubscription?.options.applicationServerKey ?? (await serverKey());
  if (!applicationServerKey) return null;
  return self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
}

function requestBody(subscription: PushSubscription): PushSubscriptionRequest | null {
  const { endpoint, expirationTime, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) return null;
  return { endpoint, expirationTime: expirationTime ?? null, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/** True once the server has the subscription; false when there is none, or the device is no longer enrolled. */
export async function renewPushSubscription(change: SubscriptionChange): Promise<boolean> {
  try {
    const subscription = await currentSubscription(change);
    const body = subscription && requestBody(subscription);
    if (!body) return false;
    const response = await fetch('/api/devices/current/push-subscription', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.ok;
  } catch (error) {
    // Offline or refused: the app pulls requests when opened, and the device list says "No notifications".
    console.warn('Sésame: the renewed push subscription could not be saved', error);
    return false;
  }
}

export function listenForSubscriptionChanges(): void {
  self.addEventListener('pushsubscriptionchange', (event) => {
    const change = event as ExtendableEvent & SubscriptionChange;
    change.waitUntil(renewPushSubscription(change));
  });
}
