/**
 * The offline-code key on the phone: imported once from the enrolment's answer as a
 * non-extractable WebCrypto HMAC-SHA-1 key and kept in IndexedDB (`idb`), so that a code can be
 * computed with no network while no script can read the key's bytes back.
 */
import { openDB } from 'idb';

const DB_NAME = 'sesame-device';
const STORE = 'keys';
const OFFLINE_KEY = 'offline-code';

function base64urlBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const database = () =>
  openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });

/** Imports the key (base64url) as non-extractable and stores it; the bytes are not kept. */
export async function saveOfflineKey(offlineKey: string): Promise<void> {
  const key = await crypto.subtle.importKey('raw', base64urlBytes(offlineKey), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const db = await database();
  await db.put(STORE, key, OFFLINE_KEY);
  db.close();
}

export async function loadOfflineKey(): Promise<CryptoKey | null> {
  const db = await database();
  const key = (await db.get(STORE, OFFLINE_KEY)) as CryptoKey | undefined;
  db.close();
  return key ?? null;
}
