/**
 * `npm run keys:rotate`: after setting a new SESAME_SECRET_KEY and moving the old one into
 * SESAME_PREVIOUS_SECRET_KEYS, re-encrypts everything encrypted at rest under the new key
 * (server/keys/re-encrypt.ts). Safe to run while instances serve, and again: a second run finds
 * nothing to do. Prints counts, never a secret.
 */
import { loadConfig } from '../config';
import { openStore } from '../db/open-store';
import { openKeyService } from './open-key-service';
import { reEncryptAll } from './re-encrypt';

const config = loadConfig();
const keys = openKeyService(config, { create: false });
const store = await openStore(config);
try {
  const counts = await reEncryptAll(store, keys);
  process.stdout.write(`Re-encrypted under key ${keys.keyId}:\n`);
  for (const [purpose, count] of Object.entries(counts)) process.stdout.write(`  ${purpose}: ${count}\n`);
  if (keys.keyIds.length > 1) {
    process.stdout.write('Keep SESAME_PREVIOUS_SECRET_KEYS for as long as the audit trail must verify events keyed before the rotation.\n');
  }
} finally {
  await store.close();
}
