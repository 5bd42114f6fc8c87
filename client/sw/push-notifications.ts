/**
 * Pushes become notifications; a tap on one opens its screen.
 *
 * Every well-formed push shows a notification: browsers require it (`userVisibleOnly`), and iOS
 * revokes a subscription whose pushes show none. The text says only what kind of thing
 * happened, in the device's language; the payload carries an opaque request id, never who or
 * from where (shared/push-payload.ts).
 *
 * A malformed payload shows nothing, on purpose: the server checks every payload against the
 * same parser before queuing it, so a malformed push comes from a bug or from someone who
 * obtained a subscription's endpoint and keys — whose text must not reach the screen. It is
 * logged and ignored. The cost is that Chrome may show its own "updated in the background"
 * notice, and iOS may revoke the subscription if this repeats; the app still pulls pending
 * requests when opened, and the device list shows that notifications are off.
 */
import { notificationText, notificationTexts } from '../../shared/messages/notification-texts';
import type { Language } from '../../shared/languages';
import { parsePushPayload, type PushPayload } from '../../shared/push-payload';
import { deviceLanguage } from './device-language';

declare const self: ServiceWorkerGlobalScope;

export interface SesameNotification {
  title: string;
  options: NotificationOptions & { data: { url: string } };
}

/** Where a tap leads: the approval screen of that request, or Recent activity. */
export function screenFor(payload: PushPayload): string {
  return payload.type === 'sign-in-request' ? `/approve/${encodeURIComponent(payload.requestId)}` : '/profile/activity';
}

export function notificationFor(payload: PushPayload, language: Language): SesameNotification {
  return {
    title: notificationTexts.title[language],
    options: {
      body: notificationText(payload.type, language),
      // One notification per request: a repeated push (a retry) replaces it rather than adding one.
      tag: payload.type === 'sign-in-request' ? payload.requestId : 'device-added',
      lang: language,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { url: screenFor(payload) },
    },
  };
}

function readPayload(data: PushMessageData | null): PushPayload | null {
  if (!data) return null;
  try {
    return parsePushPayload(data.json());
  } catch {
    return null;
  }
}

export async function showPush(data: PushMessageData | null): Promise<void> {
  const payload = readPayload(data);
  if (!payload) {
    console.warn('Sésame: a push that is not one of ours was ignored');
    return;
  }
  const { title, options } = notificationFor(payload, await deviceLanguage());
  await self.registration.showNotification(title, options);
}

/** The screen's address, only if it is one of ours: notifications from elsewhere open nothing. */
function targetOf(notification: Notification): string | null {
  const url = (notification.data as { url?: unknown } | null)?.url;
  if (typeof url !== 'string') return null;
  const target = new URL(url, self.registration.scope);
  return target.origin === self.location.origin ? target.href : null;
}

/**
 * Focuses a window of the app and takes it to the screen, or opens one there. A window the
 * worker does not control cannot be navigated by it: a new window is opened instead.
 */
export async function openNotification(notification: Notification): Promise<void> {
  notification.close();
  const url = targetOf(notification);
  if (!url) return;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.focused) ?? windows.find((client) => client.visibilityState === 'visible') ?? windows[0];
  if (open) {
    // Focus first, while the tap still allows it; navigating takes a moment.
    await open.focus().catch(() => undefined);
    const navigated = await open.navigate(url).catch(() => null);
    if (navigated) return;
  }
  await self.clients.openWindow(url);
}

export function listenForPushes(): void {
  self.addEventListener('push', (event: PushEvent) => event.waitUntil(showPush(event.data)));
  self.addEventListener('notificationclick', (event: NotificationEvent) => event.waitUntil(openNotification(event.notification)));
}
