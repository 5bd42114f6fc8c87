/**
 * The device's language, as the service worker knows it: the one the page last applied (sent
 * by message and kept in IndexedDB, since a worker is stopped and restarted at will and a push
 * may wake it with no page open), else the browser's own.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages';

declare const self: ServiceWorkerGlobalScope;

/** Its own small database: the app's other IndexedDB data lives and migrates apart from it. */
const DATABASE = 'sesame-service-worker';
const STORE = 'settings';
const KEY = 'language';

let database: Promise<IDBPDatabase> | undefined;

function settings(): Promise<IDBPDatabase> {
  database ??= openDB(DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
  // A failure (storage refused) is not remembered: the next call tries again.
  database.catch(() => (database = undefined));
  return database;
}

export async function rememberDeviceLanguage(language: Language): Promise<void> {
  const db = await settings();
  await db.put(STORE, language, KEY);
}

/** The first of the browser's languages that Sésame speaks, English otherwise. */
export function navigatorLanguage(languages: readonly string[] = self.navigator.languages ?? [self.navigator.language]): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

export async function deviceLanguage(): Promise<Language> {
  try {
    const stored: unknown = await (await settings()).get(STORE, KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // No storage in this context: the browser's language will do.
  }
  return navigatorLanguage();
}
