/**
 * Registers the service worker. A new deployment installs in the background and waits; the app
 * shows the update prompt, and `activateUpdate` hands over to it and reloads the page.
 *
 * Written against the ServiceWorker API itself rather than through workbox-window (what
 * `virtual:pwa-register` wraps): the flow is the standard one — a worker installed while another
 * controls the page waits until told `SKIP_WAITING` (client/sw/sw.ts), and the page reloads once
 * the new one is in charge — and the library was 2 KB of the sign-in screen's 30.
 */
const SW_URL = '/sw.js';
const UPDATE_CHECK_MS = 60 * 60_000;

export function registerServiceWorker(onUpdateReady: (activateUpdate: () => Promise<void>) => void): void {
  // The development server serves no worker (vite-plugin-pwa precaches the build only).
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const container = navigator.serviceWorker;
  let offered: ServiceWorker | null = null;

  /** A worker waiting behind the one in charge is a new version; a page's first worker is not. */
  const offerWaiting = (registration: ServiceWorkerRegistration) => {
    const waiting = registration.waiting;
    if (!waiting || !container.controller || waiting === offered) return;
    offered = waiting;
    onUpdateReady(async () => {
      container.addEventListener('controllerchange', () => location.reload(), { once: true });
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
  };

  container
    .register(SW_URL, { scope: '/' })
    .then((registration) => {
      // Installed on an earlier visit and still waiting: offered at once.
      offerWaiting(registration);
      registration.addEventListener('updatefound', () => {
        const installing = registration.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'installed') offerWaiting(registration);
        });
      });
      // Phones keep an installed app open for days: look for a new version every hour too.
      setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    })
    .catch(() => undefined);
}
