/**
 * Registers the service worker. A new deployment installs in the background and waits; the app
 * shows the update prompt, and `activateUpdate` hands over to it and reloads the page.
 */
import { registerSW } from 'virtual:pwa-register';

const UPDATE_CHECK_MS = 60 * 60_000;

export function registerServiceWorker(onUpdateReady: (activateUpdate: () => Promise<void>) => void): void {
  if (!('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh: () => onUpdateReady(() => updateSW(true)),
    onRegisteredSW: (_url, registration) => {
      // Phones keep an installed app open for days: look for a new version every hour too.
      if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
  });
}
