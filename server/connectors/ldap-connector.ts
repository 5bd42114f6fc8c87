/**
 * The LDAP connector, for OpenLDAP and Active Directory alike (`ldapts`). Each operation opens its
 * own connection and closes it: binding as an account changes a connection's identity, and
 * connections held between rare operations go stale behind firewalls.
 *
 * - verify: find the account's entry with the service account, then bind as it.
 * - find: search by the user-ID attribute. Filters are built as objects and sent as BER, so no
 *   typed character (`*`, `(`, `\\`, NUL) is ever read as filter syntax.
 * - setPassword: as the service account — OpenLDAP's Password Modify extended operation (RFC 3062,
 *   the server hashes by its own policy); Active Directory's `unicodePwd` replaced with the
 *   UTF-16LE of the quoted password, which AD accepts only over an encrypted connection.
 */
import { readFileSync } from 'node:fs';
import {
  Attribute,
  BerWriter,
  Change,
  Client,
  InvalidCredentialsError,
  ResultCodeError,
  AndFilter,
  EqualityFilter,
  type Filter,
  type SearchOptions,
} from 'ldapts';
import { TargetUnavailable, type Connector, type SetPasswordOutcome, type TargetAccount, type VerifyOutcome } from './connector';
import { classifyRefusal } from './password-refusal';

export type LdapFlavour = 'openldap' | 'active-directory';

export interface LdapSettings {
  /** The target's id, for errors and the log. */
  target: string;
  flavour: LdapFlavour;
  /** ldap:// or ldaps://. Active Directory takes password changes over ldaps:// only. */
  url: string;
  /** The service account Sésame searches and sets passwords with. */
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** The attribute the employee types as the account's name (uid; sAMAccountName on AD). */
  accountAttribute: string;
  /** The attribute that holds the organisation's user ID (e.g. employeeNumber). */
  userIdAttribute: string;
  /** The object class of accounts (inetOrgPerson; user on AD). */
  objectClass: string;
  /** PEM file of the CA that signed the directory's certificate. */
  caFile?: string;
  /** The name on the directory's certificate, when `url` names it otherwise (an address). */
  tlsServerName?: string;
  /** Per operation, connection included. */
  timeoutMs?: number;
}

const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';
const DEFAULT_TIMEOUT_MS = 5000;

/** RFC 3062's PasswdModifyRequestValue: SEQUENCE { userIdentity [0], newPasswd [2] }. */
function passwordModifyValue(dn: string, password: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  writer.writeString(password, 0x82);
  writer.endSequence();
  return writer.buffer;
}

/** What Active Directory wants in `unicodePwd`: the password in double quotes, UTF-16LE. */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** Network failures and timeouts, as opposed to the directory answering with a result code. */
function isUnavailable(error: unknown): boolean {
  return !(error instanceof ResultCodeError);
}

export function ldapConnector(settings: LdapSettings): Connector {
  const timeout = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tlsOptions = {
    ...(settings.caFile ? { ca: [readFileSync(settings.caFile)] } : {}),
    ...(settings.tlsServerName ? { servername: settings.tlsServerName } : {}),
  };

  const client = () => new Client({ url: settings.url, timeout, connectTimeout: timeout, tlsOptions, strictDN: true });

  async function withClient<T>(body: (c: Client) => Promise<T>): Promise<T> {
    const c = client();
    try {
      return await body(c);
    } catch (error) {
      if (isUnavailable(error)) throw new TargetUnavailable(settings.target, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      await c.unbind().catch(() => undefined);
    }
  }

  async function asService<T>(body: (c: Client) => Promise<T>): Promise<T> {
    return withClient(async (c) => {
      await c.bind(settings.bindDn, settings.bindPassword);
      return body(c);
    });
  }

  async function search(c: Client, filter: Filter): Promise<TargetAccount[]> {
    const options: SearchOptions = { scope: 'sub', filter, attributes: [settings.accountAttribute], sizeLimit: 20 };
    const { searchEntries } = await c.search(settings.baseDn, options);
    return searchEntries.flatMap((entry) => {
      const value = entry[settings.accountAttribute];
      const account = Array.isArray(value) ? value[0] : value;
      return typeof account === 'string' ? [{ account, locator: entry.dn }] : [];
    });
  }

  /** Filters built as objects: ldapts encodes each value as BER, never parsing typed text as filter syntax. */
  const where = (attribute: string, value: string) =>
    new AndFilter({
      filters: [new EqualityFilter({ attribute: 'objectClass', value: settings.objectClass }), new EqualityFilter({ attribute, value })],
    });

  /** The one entry whose account attribute is exactly `account`, or null. */
  async function locate(c: Client, account: string): Promise<TargetAccount | null> {
    const found = await search(c, where(settings.accountAttribute, account));
    return found.length === 1 ? (found[0] ?? null) : null;
  }

  return {
    async verify(account: string, password: string): Promise<VerifyOutcome> {
      // An empty password would be an unauthenticated bind, which LDAP servers accept.
      if (password === '') return 'wrong';
      const entry = await asService((c) => locate(c, account));
      if (!entry) return 'wrong';
      return withClient(async (c) => {
        try {
          await c.bind(entry.locator, password);
          return 'ok';
        } catch (error) {
          if (error instanceof InvalidCredentialsError) return 'wrong';
          throw error;
        }
      });
    },

    async find(userId: string): Promise<TargetAccount[]> {
      return asService((c) => search(c, where(settings.userIdAttribute, userId)));
    },

    async setPassword(account: string, password: string): Promise<SetPasswordOutcome> {
      return asService(async (c) => {
        const entry = await locate(c, account);
        if (!entry) return { ok: false, refusal: { kind: 'refused', raw: `no entry for ${account}` } };
        try {
          if (settings.flavour === 'active-directory') {
            await c.modify(
              entry.locator,
              new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }) }),
            );
          } else {
            await c.exop(PASSWORD_MODIFY_OID, passwordModifyValue(entry.locator, password));
          }
          return { ok: true };
        } catch (error) {
          if (error instanceof ResultCodeError) {
            return { ok: false, refusal: classifyRefusal(error.message) };
          }
          throw error;
        }
      });
    },

    async reachable(): Promise<boolean> {
      try {
        await asService(async () => undefined);
        return true;
      } catch {
        return false;
      }
    },

    async close(): Promise<void> {},
  };
}
