/**
 * The offline-code key on the phone: imported once, from the enrolment response, as a
 * NON-EXTRACTABLE WebCrypto HMAC-SHA-1 key (RFC 6238), and kept in IndexedDB (`idb`) as that
 * CryptoKey — the browser stores the key object, script can sign with it but never read it
 * back. The raw bytes are overwritten as soon as the key is imported; nothing else keeps them.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { importTotpKey } from '../../shared/totp';
import { fromBase64url } from './base64url';
import { DEVICE_DATABASE as DATABASE } from './device-database';

const STORE = 'keys';
const OFFLINE_KEY = 'offline-code';

export interface StoredOfflineKey {
  deviceId: string;
  key: CryptoKey;
}

function open(): Promise<IDBPDatabase> {
  return openDB(DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
}

/** Imports the key (non-extractable) and saves it for this device, replacing an earlier one. */
export async function saveOfflineKey(deviceId: string, rawBase64url: string): Promise<void> {
  const raw = fromBase64url(rawBase64url);
  try {
    const key = await importTotpKey(raw);
    const db = await open();
    try {
      await db.put(STORE, { deviceId, key } satisfies StoredOfflineKey, OFFLINE_KEY);
    } finally {
      db.close();
    }
  } finally {
    raw.fill(0);
  }
}

/** The device's key, for computing offline codes; null when this browser holds none. */
export async function loadOfflineKey(): Promise<StoredOfflineKey | null> {
  const db = await open();
  try {
    return ((await db.get(STORE, OFFLINE_KEY)) as StoredOfflineKey | undefined) ?? null;
  } finally {
    db.close();
  }
}

/** Forgets the key (the device was removed from this browser). */
export async function deleteOfflineKey(): Promise<void> {
  const db = await open();
  try {
    await db.delete(STORE, OFFLINE_KEY);
  } finally {
    db.close();
  }
}
