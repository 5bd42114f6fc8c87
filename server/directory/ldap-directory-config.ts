/**
 * SESAME_DIRECTORY=ldap: the primary directory on an OpenLDAP or Active Directory server, and
 * its settings from the environment, checked at start (a missing or wrong one stops the server
 * with a message naming the variable). The service account's password comes from the
 * environment too (SESAME_LDAP_BIND_PASSWORD), never from a file in the repository.
 */
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/languages';
import { ConfigError } from '../config';
import type { LdapServer } from '../connectors/ldap-access';

type Env = Record<string, string | undefined>;

export interface LdapDirectorySettings extends LdapServer {
  /** The object class of employees' entries (inetOrgPerson; user on AD). */
  objectClass: string;
  /** The attributes Sésame reads an employee from. */
  attributes: { userId: string; displayName: string; employeeId: string; preferredLanguage: string };
  /** The language of an employee whose entry has none Sésame knows (SESAME_LDAP_DEFAULT_LANGUAGE). */
  defaultLanguage: Language;
}

export type DirectoryConfig = { kind: 'built-in' } | { kind: 'ldap'; ldap: LdapDirectorySettings };

/** An LDAP attribute or object class name (RFC 4512 descr): configuration, sent as it is. */
const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'an attribute name such as uid or sAMAccountName');

const DEFAULTS = {
  openldap: {
    objectClass: 'inetOrgPerson',
    userId: 'uid',
    displayName: 'cn',
    employeeId: 'employeeNumber',
    preferredLanguage: 'preferredLanguage',
  },
  'active-directory': {
    objectClass: 'user',
    userId: 'sAMAccountName',
    displayName: 'displayName',
    employeeId: 'employeeID',
    preferredLanguage: 'preferredLanguage',
  },
} as const;

function value<T>(env: Env, name: string, schema: z.ZodType<T>): T | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(name, `${parsed.error.issues[0]?.message ?? 'invalid value'} (got ${JSON.stringify(raw)})`);
  return parsed.data;
}

function required<T>(env: Env, name: string, schema: z.ZodType<T>, example: string): T {
  const found = value(env, name, schema);
  if (found === undefined) throw new ConfigError(name, `must be set when SESAME_DIRECTORY=ldap (such as ${example})`);
  return found;
}

export function readDirectoryConfig(env: Env): DirectoryConfig {
  const kind = value(env, 'SESAME_DIRECTORY', z.enum(['built-in', 'ldap'], 'built-in or ldap')) ?? 'built-in';
  if (kind === 'built-in') return { kind };

  const flavour = value(env, 'SESAME_LDAP_FLAVOUR', z.enum(['openldap', 'active-directory'], 'openldap or active-directory')) ?? 'openldap';
  const url = required(
    env,
    'SESAME_LDAP_URL',
    z.string().regex(/^ldaps?:\/\/[^\s/]+\/?$/, 'an ldap:// or ldaps:// URL such as ldaps://ldap.example.org:636'),
    'ldaps://ldap.example.org:636',
  );
  if (flavour === 'active-directory' && !url.startsWith('ldaps://')) {
    throw new ConfigError('SESAME_LDAP_URL', 'Active Directory takes passwords over ldaps:// only');
  }
  const dn = z.string().min(1).max(1024);
  const bindDn = required(env, 'SESAME_LDAP_BIND_DN', dn, 'cn=sesame,ou=services,dc=example,dc=org');
  // The value is never echoed back: it is a secret.
  if (!env.SESAME_LDAP_BIND_PASSWORD)
    throw new ConfigError('SESAME_LDAP_BIND_PASSWORD', "must be set when SESAME_DIRECTORY=ldap (the service account's password)");
  const baseDn = required(env, 'SESAME_LDAP_BASE_DN', dn, 'ou=people,dc=example,dc=org');
  const caFile = value(env, 'SESAME_LDAP_CA_FILE', z.string().min(1));
  if (caFile) {
    try {
      accessSync(caFile, constants.R_OK);
    } catch {
      throw new ConfigError('SESAME_LDAP_CA_FILE', `cannot read ${caFile}`);
    }
  }
  const tlsServerName = value(env, 'SESAME_LDAP_TLS_SERVER_NAME', z.string().min(1).max(253));
  const timeoutSeconds = value(env, 'SESAME_LDAP_TIMEOUT_SECONDS', z.coerce.number().int().min(1).max(60));
  const d = DEFAULTS[flavour];
  const attribute = (name: string, fallback: string) => value(env, name, attributeName) ?? fallback;
  return {
    kind,
    ldap: {
      target: 'primary directory',
      flavour,
      url,
      bindDn,
      bindPassword: env.SESAME_LDAP_BIND_PASSWORD,
      baseDn,
      ...(caFile ? { caFile } : {}),
      ...(tlsServerName ? { tlsServerName } : {}),
      ...(timeoutSeconds ? { timeoutMs: timeoutSeconds * 1000 } : {}),
      objectClass: attribute('SESAME_LDAP_OBJECT_CLASS', d.objectClass),
      attributes: {
        userId: attribute('SESAME_LDAP_USER_ID_ATTRIBUTE', d.userId),
        displayName: attribute('SESAME_LDAP_DISPLAY_NAME_ATTRIBUTE', d.displayName),
        employeeId: attribute('SESAME_LDAP_EMPLOYEE_ID_ATTRIBUTE', d.employeeId),
        preferredLanguage: attribute('SESAME_LDAP_LANGUAGE_ATTRIBUTE', d.preferredLanguage),
      },
      defaultLanguage: value(env, 'SESAME_LDAP_DEFAULT_LANGUAGE', z.enum(LANGUAGES, 'en or fr')) ?? DEFAULT_LANGUAGE,
    },
  };
}
