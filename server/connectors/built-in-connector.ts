/**
 * The built-in connector: a target system whose accounts Sésame keeps in its own database
 * (`target_accounts`), with argon2id hashes as the directory's. The demo's Payroll and Email use
 * it; so can an organisation for a system that has no directory of its own to reach.
 *
 * Unknown accounts cost one dummy verification, like the directory's unknown user IDs, so that
 * attaching cannot be used to learn which account names exist.
 */
import { systemClock, type Clock } from '../clock';
import { hashSecret, verifyAgainstDummy, verifySecret } from '../crypto/argon2';
import { findTargetAccount, findTargetAccountsByUserId, setTargetAccountHash, upsertTargetAccount } from '../db/queries/target-accounts';
import type { Store } from '../db/store';
import { nfc, verifiable } from '../directory/password-forms';
import type { Connector } from './connector';

export function builtInConnector(store: Store, targetId: string, clock: Clock = systemClock): Connector {
  return {
    async verify(account, password) {
      const row = await findTargetAccount(store, targetId, account);
      const forms = verifiable(password);
      if (!row) return Promise.all(forms.map(verifyAgainstDummy)).then(() => 'wrong');
      const matches = await Promise.all(forms.map((form) => verifySecret(row.passwordHash, form)));
      return matches.some(Boolean) ? 'ok' : 'wrong';
    },

    async find(userId) {
      const rows = await findTargetAccountsByUserId(store, targetId, userId);
      return rows.map((row) => ({ account: row.account, locator: `${targetId}/${row.account}` }));
    },

    async setPassword(account, password) {
      const hash = await hashSecret(nfc(password));
      const set = await store.write((w) => setTargetAccountHash(w, targetId, account, hash, clock()));
      return set ? { ok: true } : { ok: false, refusal: { kind: 'refused', raw: `no account ${account} on ${targetId}` } };
    },

    async reachable() {
      return true;
    },

    async close() {},
  };
}

/** Adds (or resets) an account on a built-in target: the demo's seeding and the tests. */
export async function addTargetAccount(
  store: Store,
  account: { targetId: string; account: string; userId: string | null; password: string },
  clock: Clock = systemClock,
): Promise<void> {
  const passwordHash = await hashSecret(nfc(account.password));
  await store.write((w) =>
    upsertTargetAccount(w, {
      targetId: account.targetId,
      account: account.account,
      userId: account.userId,
      passwordHash,
      updatedAt: clock(),
    }),
  );
}
