/**
 * The offline-code key on the phone: imported once, from the enrolment response, as a
 * NON-EXTRACTABLE WebCrypto HMAC-SHA-1 key (RFC 6238), and kept in IndexedDB (`idb`) as that
 * CryptoKey — the browser stores the key object, script can sign with it but never read it
 * back. The raw bytes are overwritten as soon as the key is imported; nothing else keeps them.
 */
import { openDB, type IDBPDatabase } from 'idb';

const DATABASE = 'sesame-device';
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

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Imports the key (non-extractable) and saves it for this device, replacing an earlier one. */
export async function saveOfflineKey(deviceId: string, rawBase64url: string): Promise<void> {
  const raw = fromBase64url(rawBase64url);
  try {
    const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
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
