/**
 * After a rotation of the root secret (SESAME_SECRET_KEY new, the old one in
 * SESAME_PREVIOUS_SECRET_KEYS), every value encrypted at rest under an older key is decrypted
 * and encrypted again under the current one: the offline-code keys of the devices, the VAPID
 * private key and the pending passwords of the sync queue. Each row is updated only if it still
 * holds the ciphertext that was read (a concurrent change wins). Once it has run, the previous
 * secret is needed only to verify the audit chain's older links, never to decrypt.
 *
 * The audit chain is not re-keyed: its links are MACs over history, which is what they prove.
 */
import { and, eq, like, not } from 'drizzle-orm';
import type { Store } from '../db/store';
import { totpSecretAssociatedData } from '../devices/totp-secret';
import type { EncryptionPurpose, KeyService } from './key-service';

/** The key id a ciphertext names (`v1.<keyId>.<iv>.<data>`). */
export function keyIdOf(ciphertext: string): string | null {
  const [version, keyId] = ciphertext.split('.');
  return version === 'v1' && keyId ? keyId : null;
}

export type ReEncrypted = Record<EncryptionPurpose, number>;

const VAPID_SECRET = 'vapid-keys';
const VAPID_ASSOCIATED_DATA = 'server_secrets:vapid-keys';

export async function reEncryptAll(store: Store, keys: KeyService): Promise<ReEncrypted> {
  const counts: ReEncrypted = { 'totp-secret': 0, 'pending-password': 0, 'vapid-private-key': 0 };
  const stale = (ciphertext: string) => keyIdOf(ciphertext) !== keys.keyId;
  const again = (purpose: EncryptionPurpose, ciphertext: string, associatedData: string) =>
    keys.encrypt(purpose, keys.decrypt(purpose, ciphertext, associatedData), associatedData);
  // Rows keyed by the current secret are left out by the query itself.
  const current = `v1.${keys.keyId}.%`;

  const d = store.t.mobileDevices;
  for (const device of await store.db
    .select({ id: d.id, secret: d.totpSecret })
    .from(d)
    .where(not(like(d.totpSecret, current)))) {
    const secret = again('totp-secret', device.secret, totpSecretAssociatedData(device.id));
    const done = await store.write((w) =>
      w.db
        .update(w.t.mobileDevices)
        .set({ totpSecret: secret })
        .where(and(eq(w.t.mobileDevices.id, device.id), eq(w.t.mobileDevices.totpSecret, device.secret)))
        .returning({ id: w.t.mobileDevices.id }),
    );
    counts['totp-secret'] += done.length;
  }

  const p = store.t.pendingPasswords;
  for (const row of await store.db
    .select()
    .from(p)
    .where(not(like(p.ciphertext, current)))) {
    const ciphertext = again('pending-password', row.ciphertext, row.changeId);
    const done = await store.write((w) =>
      w.db
        .update(w.t.pendingPasswords)
        .set({ ciphertext })
        .where(and(eq(w.t.pendingPasswords.changeId, row.changeId), eq(w.t.pendingPasswords.ciphertext, row.ciphertext)))
        .returning({ id: w.t.pendingPasswords.changeId }),
    );
    counts['pending-password'] += done.length;
  }

  const s = store.t.serverSecrets;
  const [vapid] = await store.db.select().from(s).where(eq(s.name, VAPID_SECRET));
  if (vapid) {
    const stored = JSON.parse(vapid.value) as { publicKey: string; privateKey: string };
    if (stale(stored.privateKey)) {
      const value = JSON.stringify({ ...stored, privateKey: again('vapid-private-key', stored.privateKey, VAPID_ASSOCIATED_DATA) });
      const done = await store.write((w) =>
        w.db
          .update(w.t.serverSecrets)
          .set({ value })
          .where(and(eq(w.t.serverSecrets.name, VAPID_SECRET), eq(w.t.serverSecrets.value, vapid.value)))
          .returning({ name: w.t.serverSecrets.name }),
      );
      counts['vapid-private-key'] += done.length;
    }
  }
  return counts;
}
