/**
 * The enrolled phone's Web Push subscription, asked for right after the tap that enrolled it.
 * Time-boxed: a browser that cannot subscribe (no push service, notifications refused, or a
 * `subscribe()` that never settles, as in headless Chromium) still enrols, and the device list
 * says "no notifications"; the app pulls pending requests when it opens anyway.
 */
import { sesameApi } from '../api/api-client';

const SUBSCRIBE_TIMEOUT_MS = 4000;

function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}

function base64urlBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** True when the device now has a subscription the server knows of. */
export async function subscribeToPush(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return false;
  const attempt = async () => {
    const key = await sesameApi.pushPublicKey();
    if (!key.ok) return false;
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64urlBytes(key.data.publicKey),
    });
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return false;
    const saved = await sesameApi.savePushSubscription({
      endpoint: json.endpoint,
      keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
    });
    return saved.ok;
  };
  try {
    return (await within(attempt(), SUBSCRIBE_TIMEOUT_MS)) ?? false;
  } catch {
    return false;
  }
}
