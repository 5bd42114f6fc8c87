/**
 * Pushes handed to the app's service worker as the browser's push service would, and what it
 * then shows. Headless Chromium reaches no push service, so the decrypted payload is delivered
 * through DevTools (`ServiceWorker.deliverPushMessage`); the server half of the path — web-push
 * encrypting to a receiver that decrypts — is test/server/push.test.ts (its receiver,
 * test/server/support/push-receiver.ts, can feed these functions).
 *
 * Functions given to `evaluate` run in the page or in the service worker; this file is
 * type-checked without DOM or worker types, so they reach those globals through casts.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  lang: string;
  data: unknown;
}

interface Registration {
  registrationId: string;
  scopeURL: string;
  isDeleted: boolean;
}

/** The app's service worker registration, as DevTools names it. */
export async function registrationId(cdp: CDPSession, origin: string): Promise<string> {
  const found = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no service worker registration reported')), 10_000);
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }: { registrations: Registration[] }) => {
      const mine = registrations.find((r) => !r.isDeleted && r.scopeURL === `${origin}/`);
      if (mine) {
        clearTimeout(timer);
        resolve(mine.registrationId);
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

export interface PushDelivery {
  deliver(data: string): Promise<void>;
  worker: Worker;
}

/** Grants notifications, finds the active worker and its registration: ready to deliver pushes. */
export async function preparePushDelivery(context: BrowserContext, page: Page, origin: string): Promise<PushDelivery> {
  await context.grantPermissions(['notifications'], { origin });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(origin)) ?? (await context.waitForEvent('serviceworker'));
  const cdp = await context.newCDPSession(page);
  const id = await registrationId(cdp, origin);
  return {
    worker,
    deliver: async (data) => {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: id, data });
    },
  };
}

/** The notifications the app shows now, read from the page (`registration.getNotifications()`). */
export async function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(async () => {
    type Shown = { title: string; body: string; tag: string; lang: string; data: unknown };
    const nav = (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<{ getNotifications(): Promise<Shown[]> }> } } })
      .navigator;
    const registration = await nav.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, lang: n.lang, data: n.data }));
  });
}

/** Waits until `count` notifications are shown (a push is handled asynchronously). */
export async function waitForNotifications(page: Page, count: number, timeoutMs = 10_000): Promise<ShownNotification[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const shown = await shownNotifications(page);
    if (shown.length >= count) return shown;
    if (Date.now() > end) throw new Error(`${shown.length} of ${count} notifications shown`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The language the service worker keeps for notifications (client/sw/device-language.ts), or null. */
export async function storedDeviceLanguage(worker: Worker): Promise<string | null> {
  return worker.evaluate(async () => {
    type Request = { result: unknown; onsuccess: (() => void) | null; onerror: (() => void) | null };
    type Database = {
      objectStoreNames: { contains(name: string): boolean };
      transaction(store: string): { objectStore(name: string): { get(key: string): Request } };
      close(): void;
    };
    const idb = (
      globalThis as unknown as {
        indexedDB: { databases(): Promise<Array<{ name: string }>>; open(name: string): Request & { result: Database } };
      }
    ).indexedDB;
    // Opening a database that does not exist would create it empty: look first.
    if (!(await idb.databases()).some((d) => d.name === 'sesame-service-worker')) return null;
    return new Promise<string | null>((resolve) => {
      const open = idb.open('sesame-service-worker');
      open.onerror = () => resolve(null);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('settings')) return resolve(null);
        const get = db.transaction('settings').objectStore('settings').get('language');
        get.onerror = () => resolve(null);
        get.onsuccess = () => {
          db.close();
          resolve(typeof get.result === 'string' ? get.result : null);
        };
      };
    });
  });
}

export async function waitForDeviceLanguage(worker: Worker, language: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await storedDeviceLanguage(worker)) !== language) {
    if (Date.now() > end) throw new Error(`the service worker did not keep the language ${language}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A tap on the notification tagged `tag`. Playwright cannot click an operating system's
 * notification, so the test dispatches, in the service worker, a `notificationclick`
 * NotificationEvent carrying the very notification `getNotifications()` returns — the app's own
 * handler runs unchanged. A script-made event is not trusted, and `waitUntil` refuses untrusted
 * events, so the test takes the promise the handler hands it instead and waits for it, as the
 * browser would.
 */
export async function tapNotification(worker: Worker, tag: string): Promise<void> {
  await worker.evaluate(async (wanted) => {
    type Note = { tag: string };
    const scope = globalThis as unknown as {
      registration: { getNotifications(filter: { tag: string }): Promise<Note[]> };
      NotificationEvent: new (type: string, init: { notification: Note }) => { waitUntil(promise: Promise<unknown>): void };
      dispatchEvent(event: unknown): boolean;
    };
    const [notification] = await scope.registration.getNotifications({ tag: wanted });
    if (!notification) throw new Error(`no notification tagged ${wanted}`);
    const event = new scope.NotificationEvent('notificationclick', { notification });
    const pending: Array<Promise<unknown>> = [];
    // (A bound method, not an arrow: tsx would name an arrow with a helper the worker lacks.)
    Object.defineProperty(event, 'waitUntil', { value: pending.push.bind(pending) });
    scope.dispatchEvent(event);
    await Promise.all(pending);
  }, tag);
}
