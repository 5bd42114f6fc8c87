import { systemClock, type Clock } from '../clock';
import { hashSecret, verifyAgainstDummy, verifySecret } from '../crypto/argon2';
import { findEmployeeByUserId, insertEmployee, type EmployeeRow } from '../db/queries/employees';
import { previousPasswordHashes, rehashPassword, replacePasswordHash, retirePasswordHash } from '../db/queries/passwords';
import type { Store } from '../db/store';
import { PasswordChangedMeanwhile, type Directory, type Employee } from './directory';
import { nfc, verifiable } from './password-forms';
import type { Role } from './roles';
import type { Language } from '../../shared/languages';

export function toEmployee(row: EmployeeRow): Employee {
  return {
    id: row.id,
    userId: row.userId,
    employeeId: row.employeeId,
    displayName: row.displayName,
    preferredLanguage: row.preferredLanguage,
    roles: row.roles,
    mustChangePassword: row.mustChangePassword,
    disabled: row.disabled,
  };
}

/**
 * The built-in directory: employees in Sésame's own database, passwords as argon2id hashes, the
 * retired ones kept (hashes only) for the history rule.
 */
export function createSqlDirectory(store: Store, now: Clock = systemClock): Directory {
  /** Whether the candidate is the current password or one of the retired ones remembered. */
  async function isRecent(employeeId: string, currentHash: string, candidate: string, latest: number): Promise<boolean> {
    if (latest === 0) return false;
    const hashes = [currentHash, ...(await previousPasswordHashes(store, employeeId, latest - 1))];
    // Older hashes may be of the raw form (password-forms.ts): either form matching is a match.
    const matches = await Promise.all(hashes.flatMap((hash) => verifiable(candidate).map((form) => verifySecret(hash, form))));
    return matches.includes(true);
  }

  return {
    async find(userId) {
      const row = await findEmployeeByUserId(store, userId);
      return row ? toEmployee(row) : null;
    },

    async verifyPassword(userId, password) {
      const row = await findEmployeeByUserId(store, userId);
      const forms = verifiable(password);
      // Every form is verified, known user ID or not: the time taken does not tell them apart.
      // A row without a hash was made by an LDAP primary directory (ldap-directory.ts): no password here.
      if (!row?.passwordHash) return Promise.all(forms.map(verifyAgainstDummy)).then(() => null);
      const [asNfc, asTyped] = await Promise.all(forms.map((form) => verifySecret(row.passwordHash, form)));
      if (!(asNfc || asTyped) || row.disabled) return null;
      if (!asNfc) {
        // A hash made before passwords were normalised, from a non-NFC password: re-made in NFC once.
        const newHash = await hashSecret(nfc(password));
        await store.write((w) => rehashPassword(w, { employeeId: row.id, expectedHash: row.passwordHash, newHash }));
      }
      return toEmployee(row);
    },

    async setPassword(subject, newPassword, { mustChangeAtNextSignIn, notAmongLatest, currentPassword }) {
      const row = await findEmployeeByUserId(store, subject.userId);
      const changedMeanwhile = { ok: true as const, write: () => Promise.reject(new PasswordChangedMeanwhile()) };
      // The subject was read a moment ago; one deleted since has nothing to set.
      if (!row) return changedMeanwhile;
      // The hash the write will replace must be the one the proved password matches.
      if (currentPassword !== undefined && !(await verifySecret(row.passwordHash, currentPassword))) return changedMeanwhile;
      if (await isRecent(row.id, row.passwordHash, newPassword, notAmongLatest)) return { ok: false, reason: 'recent' };
      // Hashed before the transaction opens: write functions touch only the database (db/group-commit.ts).
      const newHash = await hashSecret(nfc(newPassword));
      return {
        ok: true,
        async write(w) {
          const at = now();
          const replaced = await replacePasswordHash(w, {
            employeeId: row.id,
            expectedHash: row.passwordHash,
            newHash,
            mustChange: mustChangeAtNextSignIn,
            at,
          });
          if (!replaced) throw new PasswordChangedMeanwhile();
          // The current password counts as the newest of the history: keep one fewer retired ones.
          await retirePasswordHash(w, { employeeId: row.id, passwordHash: row.passwordHash, at, keep: Math.max(0, notAmongLatest - 1) });
        },
      };
    },
  };
}

export interface NewEmployee {
  userId: string;
  employeeId: string;
  displayName: string;
  preferredLanguage: Language;
  roles: Role[];
  password: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
}

export async function addEmployee(store: Store, employee: NewEmployee, now = new Date()): Promise<string> {
  const id = crypto.randomUUID();
  const passwordHash = await hashSecret(nfc(employee.password));
  await store.write((w) =>
    insertEmployee(w, {
      id,
      userId: employee.userId,
      employeeId: employee.employeeId,
      displayName: employee.displayName,
      preferredLanguage: employee.preferredLanguage,
      passwordHash,
      roles: employee.roles,
      mustChangePassword: employee.mustChangePassword ?? false,
      disabled: employee.disabled ?? false,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return id;
}
