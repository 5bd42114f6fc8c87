/**
 * The LDAP connector, for OpenLDAP and Active Directory alike, over the LDAP access shared with
 * the LDAP primary directory (ldap-access.ts: connections, binds, searches, password writes).
 *
 * - verify: find the account's entry with the service account, then bind as it.
 * - find: search by the user-ID attribute. Filters are built as objects and sent as BER, so no
 *   typed character (`*`, `(`, `\\`, NUL) is ever read as filter syntax.
 * - setPassword: as the service account — OpenLDAP's Password Modify extended operation (RFC 3062,
 *   the server hashes by its own policy); Active Directory's `unicodePwd` replaced with the
 *   UTF-16LE of the quoted password, which AD accepts only over an encrypted connection.
 */
import type { Client } from 'ldapts';
import type { Connector, SetPasswordOutcome, TargetAccount, VerifyOutcome } from './connector';
import { firstValue, ldapAccess, type LdapServer } from './ldap-access';

export type { LdapFlavour } from './ldap-access';
export { unicodePwd } from './ldap-access';

export interface LdapSettings extends LdapServer {
  /** The attribute the employee types as the account's name (uid; sAMAccountName on AD). */
  accountAttribute: string;
  /** The attribute that holds the organisation's user ID (e.g. employeeNumber). */
  userIdAttribute: string;
  /** The object class of accounts (inetOrgPerson; user on AD). */
  objectClass: string;
}

export function ldapConnector(settings: LdapSettings): Connector {
  const ldap = ldapAccess(settings);

  async function search(c: Client, attribute: string | readonly string[], value: string): Promise<TargetAccount[]> {
    const entries = await ldap.search(c, { objectClass: settings.objectClass, attribute, value, attributes: [settings.accountAttribute] });
    return entries.flatMap((entry) => {
      const account = firstValue(entry, settings.accountAttribute);
      return account === undefined ? [] : [{ account, locator: entry.dn }];
    });
  }

  /**
   * What an employee may type as an account's name: the account attribute, and on Active
   * Directory its sign-in name as well (`userPrincipalName`, "atremblay@corp.example").
   */
  const accountNames =
    settings.flavour === 'active-directory' ? [settings.accountAttribute, 'userPrincipalName'] : [settings.accountAttribute];

  /** The one entry whose account's name is exactly `account`, or null. */
  async function locate(c: Client, account: string): Promise<TargetAccount | null> {
    const found = await search(c, accountNames, account);
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  return {
    async verify(account: string, password: string): Promise<VerifyOutcome> {
      if (password === '') return 'wrong';
      const entry = await ldap.asService((c) => locate(c, account));
      if (!entry) return 'wrong';
      return (await ldap.bindAs(entry.locator, password)) ? 'ok' : 'wrong';
    },

    async find(userId: string): Promise<TargetAccount[]> {
      return ldap.asService((c) => search(c, settings.userIdAttribute, userId));
    },

    async setPassword(account: string, password: string): Promise<SetPasswordOutcome> {
      const entry = await ldap.asService((c) => locate(c, account));
      if (!entry) return { ok: false, refusal: { kind: 'refused', raw: `no entry for ${account}` } };
      const written = await ldap.writePassword(entry.locator, password);
      if (written.ok) return { ok: true };
      // Without a current password given, the directory cannot answer `currentChanged`.
      return { ok: false, refusal: 'refusal' in written ? written.refusal : { kind: 'refused', raw: 'current password changed' } };
    },

    async reachable(): Promise<boolean> {
      try {
        await ldap.asService(async () => undefined);
        return true;
      } catch {
        return false;
      }
    },

    async close(): Promise<void> {},
  };
}
