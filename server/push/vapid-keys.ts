/**
 * The VAPID key pair (RFC 8292) every instance signs its pushes with, and whose public half
 * browsers subscribe with: generated once by whichever instance first needs it and shared
 * through `server_secrets` (insert-if-absent, so instances starting together all keep the first
 * one's). The private key is stored encrypted by the key service (`vapid-private-key`).
 */
import webpush from 'web-push';
import { ensureServerSecret } from '../db/queries/server-secrets';
import type { Services } from '../services';

const SECRET_NAME = 'vapid-keys';
const ASSOCIATED_DATA = 'server_secrets:vapid-keys';

export interface VapidKeys {
  /** base64url, uncompressed P-256 point: `applicationServerKey`. */
  publicKey: string;
  /** base64url, for web-push's `vapidDetails.privateKey`. */
  privateKey: string;
}

interface StoredVapidKeys {
  publicKey: string;
  /** The private key, encrypted by the key service. */
  privateKey: string;
}

const cache = new WeakMap<object, Promise<VapidKeys>>();

async function load({ store, keys, now }: Pick<Services, 'store' | 'keys' | 'now'>): Promise<VapidKeys> {
  const fresh = webpush.generateVAPIDKeys();
  const candidate: StoredVapidKeys = {
    publicKey: fresh.publicKey,
    privateKey: keys.encrypt('vapid-private-key', fresh.privateKey, ASSOCIATED_DATA),
  };
  const stored = JSON.parse(
    await store.write((w) => ensureServerSecret(w, SECRET_NAME, JSON.stringify(candidate), now())),
  ) as StoredVapidKeys;
  return {
    publicKey: stored.publicKey,
    privateKey: keys.decrypt('vapid-private-key', stored.privateKey, ASSOCIATED_DATA).toString('utf8'),
  };
}

/** The shared VAPID keys, loaded (or made) once per store and kept in memory. */
export function loadVapidKeys(services: Pick<Services, 'store' | 'keys' | 'now'>): Promise<VapidKeys> {
  let keys = cache.get(services.store);
  if (!keys) {
    keys = load(services);
    cache.set(services.store, keys);
    // A failed load (database down) is not remembered: the next caller tries again.
    keys.catch(() => cache.delete(services.store));
  }
  return keys;
}
