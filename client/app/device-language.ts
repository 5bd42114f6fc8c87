/**
 * Tells the service worker the language the page shows, so that notifications arriving while
 * no page is open are in it (client/sw/device-language.ts keeps it).
 */
import { DEVICE_LANGUAGE_MESSAGE, type DeviceLanguageMessage } from '../../shared/device-language-message';
import type { Language } from '../../shared/languages';

export function shareLanguageWithServiceWorker(language: Language): void {
  if (!('serviceWorker' in navigator)) return;
  const message: DeviceLanguageMessage = { type: DEVICE_LANGUAGE_MESSAGE, language };
  // `ready` waits for an active worker (never settling where none is registered, as in dev).
  void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message)).catch(() => undefined);
}
