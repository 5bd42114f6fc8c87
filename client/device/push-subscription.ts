/**
 * Subscribing this device to pushes, right after the tap that added it: time-boxed, because a
 * browser may refuse, ask and never get an answer, or — headless Chromium, a phone with no push
 * service — never settle at all. A device without a subscription still works: the app pulls
 * pending requests when it opens, and the list says "No notifications".
 */
import { sesameApi } from '../api/api-client';
import { fromBase64url } from './base64url';

export const PUSH_SUBSCRIBE_TIMEOUT_MS = 4000;

async function subscribe(publicKey: string): Promise<PushSubscriptionJSON | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return null;
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(publicKey) }));
  return subscription.toJSON();
}

/** The subscription's JSON, or null when the browser could not subscribe within the time box. */
export async function subscribeWithin(publicKey: string, ms = PUSH_SUBSCRIBE_TIMEOUT_MS): Promise<PushSubscriptionJSON | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([subscribe(publicKey).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Subscribes after the tap and tells the server (with this device's credential cookie). True
 * when the device now has a subscription the server knows of; false when the browser could not
 * subscribe in time or the server did not take it: the device is enrolled all the same.
 */
export async function subscribeToPush(): Promise<boolean> {
  const key = await sesameApi.pushPublicKey();
  if (!key.ok) return false;
  const subscription = await subscribeWithin(key.data.publicKey);
  if (!subscription?.endpoint || !subscription.keys?.p256dh || !subscription.keys.auth) return false;
  const saved = await sesameApi.savePushSubscription({
    endpoint: subscription.endpoint,
    expirationTime: subscription.expirationTime ?? null,
    keys: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth },
  });
  return saved.ok;
}
