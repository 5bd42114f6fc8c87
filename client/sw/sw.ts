/**
 * The service worker: precaches the built app so that it opens without a network, answers
 * navigations with the app shell, and waits for the user's go-ahead before a new version takes
 * over. It never handles /api: those requests always go to the server. It shows pushes as
 * notifications in the device's language and opens their screen when tapped (push-notifications.ts),
 * and tells the server when the push service replaces the subscription (push-subscription-change.ts).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isDeviceLanguageMessage } from '../../shared/device-language-message';
import { rememberDeviceLanguage } from './device-language';
import { listenForPushes } from './push-notifications';
import { listenForSubscriptionChanges } from './push-subscription-change';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/healthz$/, /^\/readyz$/],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (isDeviceLanguageMessage(event.data)) event.waitUntil(rememberDeviceLanguage(event.data.language));
});

listenForPushes();
listenForSubscriptionChanges();
