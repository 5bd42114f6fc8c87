/**
 * The primary directory on an OpenLDAP or Active Directory server (SESAME_DIRECTORY=ldap), over
 * the LDAP access the target connector uses too (connectors/ldap-access.ts).
 *
 * - find: the entry whose user-ID attribute is the user ID, read as the service account; its
 *   names, employee ID, language and disabled state become the employee's local row (created at
 *   first sight, refreshed when they change), whose id sessions, devices and the audit trail
 *   point at. No password is kept locally; roles stay Sésame's own.
 * - verifyPassword: a bind as the entry. For an unknown user ID, a bind as an entry that cannot
 *   exist: the same search and the same bind, so the time taken does not tell them apart.
 * - setPassword: the directory takes the change first (Password Modify on OpenLDAP; `unicodePwd`
 *   on AD) and judges it by its own policy — length, history, quality, minimum age. A refusal
 *   comes back in kinds (connectors/password-refusal.ts) and nothing else changes; Sésame's own
 *   history rule (`notAmongLatest`) is the directory's to apply here.
 *
 * Disabled: on AD, userAccountControl's ACCOUNTDISABLE bit (2). OpenLDAP has no standard
 * disabled attribute: an entry is enabled unless the password policy overlay locked it for good
 * (`pwdAccountLockedTime: 000001010000Z`, what an administrator sets); a lock after failed binds
 * (a real time) passes on by itself, and the bind refuses the password meanwhile.
 */
import { randomUUID } from 'node:crypto';
import type { Entry } from 'ldapts';
import { isLanguage, type Language } from '../../shared/languages';
import { systemClock, type Clock } from '../clock';
import { firstValue, ldapAccess } from '../connectors/ldap-access';
import {
  findEmployeeByUserId,
  matchesEntry,
  saveDirectoryEmployee,
  setMustChangePassword,
  type DirectoryEntry,
} from '../db/queries/employees';
import type { Store } from '../db/store';
import { PasswordChangedMeanwhile, type Directory, type Employee, type PasswordSetting } from './directory';
import type { LdapDirectorySettings } from './ldap-directory-config';
import { toEmployee } from './sql-directory';

/** AD's userAccountControl flag ACCOUNTDISABLE. */
const ACCOUNT_DISABLED = 0x2;
/** ppolicy's value of pwdAccountLockedTime for an account locked until an administrator unlocks it. */
const LOCKED_FOR_GOOD = '000001010000Z';

/** "fr", "fr-CA", "FR_ca", "French", "français" → fr; what Sésame does not know → null. */
export function languageOf(value: string | undefined): Language | null {
  const primary =
    value
      ?.trim()
      .toLowerCase()
      .split(/[-_;,\s]/)[0] ?? '';
  if (isLanguage(primary)) return primary;
  if (primary === 'french' || primary === 'français' || primary === 'francais') return 'fr';
  if (primary === 'english' || primary === 'anglais') return 'en';
  return null;
}

export function createLdapDirectory(store: Store, settings: LdapDirectorySettings, now: Clock = systemClock): Directory {
  const ldap = ldapAccess(settings);
  const names = settings.attributes;
  const disabledAttribute = settings.flavour === 'active-directory' ? 'userAccountControl' : 'pwdAccountLockedTime';
  const attributes = [names.userId, names.displayName, names.employeeId, names.preferredLanguage, disabledAttribute];

  function isDisabled(entry: Entry): boolean {
    const raw = firstValue(entry, disabledAttribute);
    if (settings.flavour === 'active-directory') return (Number(raw ?? 0) & ACCOUNT_DISABLED) !== 0;
    return raw === LOCKED_FOR_GOOD;
  }

  /** The one entry with this user ID (read as the service account), or null. */
  async function lookUp(userId: string): Promise<{ dn: string; entry: DirectoryEntry } | null> {
    const found = await ldap.asService((c) =>
      ldap.search(c, { objectClass: settings.objectClass, attribute: names.userId, value: userId, attributes }),
    );
    // Two entries with one user ID: neither is the employee (a directory's error, not a guess to make).
    if (found.length !== 1 || !found[0]) return null;
    const entry = found[0];
    return {
      dn: entry.dn,
      entry: {
        // As the directory spells it: the search matched it, case-insensitively on most directories.
        userId: firstValue(entry, names.userId) ?? userId,
        // An entry without an employee ID keeps its user ID there (the column is unique, and never empty).
        employeeId: firstValue(entry, names.employeeId) ?? userId,
        displayName: firstValue(entry, names.displayName) ?? userId,
        preferredLanguage: languageOf(firstValue(entry, names.preferredLanguage)),
        disabled: isDisabled(entry),
      },
    };
  }

  /** The employee's local row, as the directory says it now. */
  async function localEmployee(entry: DirectoryEntry): Promise<Employee> {
    const row = await findEmployeeByUserId(store, entry.userId);
    if (row && matchesEntry(row, entry)) return toEmployee(row);
    const saved = await store.write((w) =>
      saveDirectoryEmployee(w, entry, { id: randomUUID(), preferredLanguage: settings.defaultLanguage }, now()),
    );
    if (!saved) throw new Error(`the directory's employee ID of ${entry.userId} is another employee's in Sésame`);
    return toEmployee(saved);
  }

  const changedMeanwhile = { ok: true as const, write: () => Promise.reject(new PasswordChangedMeanwhile()) };

  return {
    async find(userId) {
      const found = await lookUp(userId);
      return found ? localEmployee(found.entry) : null;
    },

    async verifyPassword(userId, password) {
      const found = await lookUp(userId);
      // A DN no entry can have, for an unknown user ID: the bind fails after the same round trip.
      const dn = found?.dn ?? `cn=sesame-unknown-${randomUUID()},${settings.baseDn}`;
      const bound = await ldap.bindAs(dn, password);
      if (!found || !bound || found.entry.disabled) return null;
      return localEmployee(found.entry);
    },

    async setPassword(subject, newPassword, { mustChangeAtNextSignIn, currentPassword }): Promise<PasswordSetting> {
      const found = await lookUp(subject.userId);
      if (!found) return changedMeanwhile;
      // A reset after security questions or a phone must not enable an account the directory disabled.
      if (found.entry.disabled)
        return { ok: false, reason: 'refused', refusal: { kind: 'account_disabled', raw: 'disabled in the directory' } };
      const written = await ldap.writePassword(found.dn, newPassword, currentPassword);
      if (!written.ok) return 'refusal' in written ? { ok: false, reason: 'refused', refusal: written.refusal } : changedMeanwhile;
      return {
        ok: true,
        // The directory has the password: locally, only a temporary password's flag (a help-desk reset).
        write: (w) => setMustChangePassword(w, subject.id, mustChangeAtNextSignIn, now()),
      };
    },
  };
}
