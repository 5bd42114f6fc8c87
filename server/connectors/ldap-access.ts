/**
 * What the LDAP target connector (ldap-connector.ts) and the LDAP primary directory
 * (directory/ldap-directory.ts) both do with a directory server (`ldapts`): open a connection
 * per operation, bind as the service account or as an entry, search with filters built as
 * objects, and write a password the way the directory's flavour wants it.
 *
 * Each operation opens its own connection and closes it: binding as an account changes a
 * connection's identity, and connections held between rare operations go stale behind firewalls.
 * A server that does not answer (network failure, time-out) throws `TargetUnavailable`; a
 * server that answers with a result code throws that code's error, for the caller to read.
 */
import { readFileSync } from 'node:fs';
import {
  AndFilter,
  OrFilter,
  Attribute,
  BerWriter,
  Change,
  Client,
  EqualityFilter,
  InvalidCredentialsError,
  ResultCodeError,
  type Entry,
  type Filter,
} from 'ldapts';
import { TargetUnavailable } from './connector';
import { classifyRefusal, type PasswordRefusal } from './password-refusal';

export type LdapFlavour = 'openldap' | 'active-directory';

/** How to reach a directory server and act on it as Sésame's service account. */
export interface LdapServer {
  /** Who is reached (a target's id, or "primary directory"), for errors and the log. */
  target: string;
  flavour: LdapFlavour;
  /** ldap:// or ldaps://. Active Directory takes password changes over ldaps:// only. */
  url: string;
  /** The service account Sésame searches and sets passwords with. */
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** PEM file of the CA that signed the directory's certificate. */
  caFile?: string;
  /** The name on the directory's certificate, when `url` names it otherwise (an address). */
  tlsServerName?: string;
  /** Per operation, connection included. */
  timeoutMs?: number;
}

/**
 * `currentChanged`: the current password given is no longer the entry's (another change won
 * since it was proved), so nothing was written.
 */
export type PasswordWrite = { ok: true } | { ok: false; refusal: PasswordRefusal } | { ok: false; currentChanged: true };

export interface LdapAccess {
  /** `body` on a connection bound as the service account. */
  asService<T>(body: (c: Client) => Promise<T>): Promise<T>;
  /** The entries under the base DN of `objectClass` whose `attribute` is exactly `value`. */
  /** The entries of `objectClass` whose `attribute` (or any of several) equals `value` exactly. */
  search(
    c: Client,
    query: { objectClass: string; attribute: string | readonly string[]; value: string; attributes: string[] },
  ): Promise<Entry[]>;
  /** Whether `password` is the password of the entry at `dn` (a bind as it, on a connection of its own). */
  bindAs(dn: string, password: string): Promise<boolean>;
  /**
   * Gives the entry at `dn` a new password. Without `currentPassword`, as an administrator
   * (OpenLDAP's Password Modify as the service account; AD's `unicodePwd` replaced). With it, as
   * the employee's own change, which the directory applies only if it is still the current one:
   * Password Modify with its old password; on AD, bound as the entry, the old `unicodePwd`
   * deleted and the new one added in one modify (AD then applies its history and minimum age).
   */
  writePassword(dn: string, password: string, currentPassword?: string): Promise<PasswordWrite>;
}

const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';
const DEFAULT_TIMEOUT_MS = 5000;

/** RFC 3062's PasswdModifyRequestValue: SEQUENCE { userIdentity [0], oldPasswd [1]?, newPasswd [2] }. */
function passwordModifyValue(dn: string, password: string, oldPassword?: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(dn, 0x80);
  if (oldPassword !== undefined) writer.writeString(oldPassword, 0x81);
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

/** The first value of an entry's attribute, as text, or undefined. */
export function firstValue(entry: Entry, attribute: string): string | undefined {
  // ldapts keys entries by the attribute names the server sent back, which may differ in case.
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

export function ldapAccess(server: LdapServer): LdapAccess {
  const timeout = server.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tlsOptions = {
    ...(server.caFile ? { ca: [readFileSync(server.caFile)] } : {}),
    ...(server.tlsServerName ? { servername: server.tlsServerName } : {}),
  };

  async function withClient<T>(body: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ url: server.url, timeout, connectTimeout: timeout, tlsOptions, strictDN: true });
    try {
      return await body(c);
    } catch (error) {
      if (isUnavailable(error)) throw new TargetUnavailable(server.target, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      await c.unbind().catch(() => undefined);
    }
  }

  async function asService<T>(body: (c: Client) => Promise<T>): Promise<T> {
    return withClient(async (c) => {
      await c.bind(server.bindDn, server.bindPassword);
      return body(c);
    });
  }

  /**
   * Changes and exops answered with a result code: a refusal, in kinds (the raw text for the
   * log) — or, when the current password was given and the directory says it is not the
   * entry's, `currentChanged` (slapd: "unwilling to verify old password"; AD: bind failed, 52e).
   */
  async function refusable(body: () => Promise<unknown>, withCurrent: boolean): Promise<PasswordWrite> {
    try {
      await body();
      return { ok: true };
    } catch (error) {
      if (!(error instanceof ResultCodeError)) throw error;
      const refusal = classifyRefusal(error.message);
      const wrongCurrent = error instanceof InvalidCredentialsError || /old password/i.test(error.message);
      if (withCurrent && wrongCurrent && refusal.kind === 'refused') return { ok: false, currentChanged: true };
      return { ok: false, refusal };
    }
  }

  return {
    asService,

    async search(c, { objectClass, attribute, value, attributes }) {
      // Filters built as objects: ldapts encodes each value as BER, never parsing typed text as filter syntax.
      const equal = (typeof attribute === 'string' ? [attribute] : attribute).map((a) => new EqualityFilter({ attribute: a, value }));
      const filter: Filter = new AndFilter({
        filters: [
          new EqualityFilter({ attribute: 'objectClass', value: objectClass }),
          equal.length === 1 ? equal[0]! : new OrFilter({ filters: equal }),
        ],
      });
      const { searchEntries } = await c.search(server.baseDn, { scope: 'sub', filter, attributes, sizeLimit: 20 });
      return searchEntries;
    },

    async bindAs(dn, password) {
      // An empty password would be an unauthenticated bind, which LDAP servers accept.
      if (password === '') return false;
      return withClient(async (c) => {
        try {
          await c.bind(dn, password);
          return true;
        } catch (error) {
          if (error instanceof InvalidCredentialsError) return false;
          throw error;
        }
      });
    },

    async writePassword(dn, password, currentPassword) {
      if (server.flavour === 'active-directory') {
        if (currentPassword !== undefined) {
          return withClient(async (c) => {
            // Bound as the employee: a current password changed since it was proved fails here (52e),
            // a disabled or locked account too (data 533, 775).
            const bound = await refusable(() => c.bind(dn, currentPassword), true);
            if (!bound.ok) return bound;
            return refusable(
              () =>
                c.modify(dn, [
                  new Change({
                    operation: 'delete',
                    modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(currentPassword)] }),
                  }),
                  new Change({ operation: 'add', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }) }),
                ]),
              true,
            );
          });
        }
        return asService((c) =>
          refusable(
            () =>
              c.modify(
                dn,
                new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }) }),
              ),
            false,
          ),
        );
      }
      return asService((c) =>
        refusable(() => c.exop(PASSWORD_MODIFY_OID, passwordModifyValue(dn, password, currentPassword)), currentPassword !== undefined),
      );
    },
  };
}
