/**
 * The target systems, from the JSON file named by SESAME_TARGETS_FILE, checked at start: a wrong
 * entry stops the server with a message naming it (`targets[2] ("corp-ldap"): settings.url: …`).
 *
 * Secrets are never written in the file: an LDAP target names the environment variable that holds
 * its service account's password (`bindPasswordEnv`), read here, so that the file can be kept in
 * version control and the secret in the deployment's secret store.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config';
import type { LdapSettings } from './ldap-connector';

type Env = Record<string, string | undefined>;

export interface TargetNames {
  en: string;
  fr: string;
}

export type TargetDefinition =
  | { id: string; name: TargetNames; connector: 'built-in' }
  | { id: string; name: TargetNames; connector: 'ldap' | 'active-directory'; ldap: LdapSettings };

/** A faulty file stops the server as any other configuration error does, in one line. */
const fault = (detail: string) => new ConfigError('SESAME_TARGETS_FILE', detail);

const name = z.string().trim().min(1).max(80);
/** An LDAP attribute or object class name (RFC 4512 descr): configuration, sent as it is. */
const attributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'an attribute name such as uid or sAMAccountName');

const ldapSettings = z.strictObject({
  url: z.string().regex(/^ldaps?:\/\/[^\s/]+\/?$/, 'an ldap:// or ldaps:// URL such as ldaps://ldap.example.org:636'),
  bindDn: z.string().min(1).max(1024),
  bindPasswordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable, such as SESAME_LDAP_PASSWORD'),
  baseDn: z.string().min(1).max(1024),
  accountAttribute: attributeName.optional(),
  userIdAttribute: attributeName.optional(),
  objectClass: attributeName.optional(),
  caFile: z.string().min(1).optional(),
  tlsServerName: z.string().min(1).max(253).optional(),
  timeoutSeconds: z.number().int().min(1).max(60).optional(),
});

const target = z.discriminatedUnion('connector', [
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, such as corp-ldap'),
    name: z.strictObject({ en: name, fr: name }),
    connector: z.literal('built-in'),
  }),
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, such as corp-ldap'),
    name: z.strictObject({ en: name, fr: name }),
    connector: z.enum(['ldap', 'active-directory']),
    settings: ldapSettings,
  }),
]);

const file = z.strictObject({ targets: z.array(z.unknown()).max(100) });

const DEFAULTS = {
  ldap: { accountAttribute: 'uid', userIdAttribute: 'uid', objectClass: 'inetOrgPerson' },
  'active-directory': { accountAttribute: 'sAMAccountName', userIdAttribute: 'sAMAccountName', objectClass: 'user' },
} as const;

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function readTarget(raw: unknown, index: number, env: Env): TargetDefinition {
  const id = typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string' ? ` ("${(raw as { id: string }).id}")` : '';
  const where = `targets[${index}]${id}`;
  const parsed = target.safeParse(raw);
  if (!parsed.success) throw fault(`${where}: ${describe(parsed.error.issues[0])}`);
  const entry = parsed.data;
  if (entry.connector === 'built-in') return entry;

  const s = entry.settings;
  const bindPassword = env[s.bindPasswordEnv];
  if (!bindPassword) throw fault(`${where}: settings.bindPasswordEnv: the environment variable ${s.bindPasswordEnv} is not set`);
  if (entry.connector === 'active-directory' && !s.url.startsWith('ldaps://')) {
    throw fault(`${where}: settings.url: Active Directory takes passwords over ldaps:// only`);
  }
  if (s.caFile) {
    try {
      accessSync(s.caFile, constants.R_OK);
    } catch {
      throw fault(`${where}: settings.caFile: cannot read ${s.caFile}`);
    }
  }
  const defaults = DEFAULTS[entry.connector];
  return {
    id: entry.id,
    name: entry.name,
    connector: entry.connector,
    ldap: {
      target: entry.id,
      flavour: entry.connector === 'active-directory' ? 'active-directory' : 'openldap',
      url: s.url,
      bindDn: s.bindDn,
      bindPassword,
      baseDn: s.baseDn,
      accountAttribute: s.accountAttribute ?? defaults.accountAttribute,
      userIdAttribute: s.userIdAttribute ?? defaults.userIdAttribute,
      objectClass: s.objectClass ?? defaults.objectClass,
      ...(s.caFile ? { caFile: s.caFile } : {}),
      ...(s.tlsServerName ? { tlsServerName: s.tlsServerName } : {}),
      ...(s.timeoutSeconds ? { timeoutMs: s.timeoutSeconds * 1000 } : {}),
    },
  };
}

/** The targets of the file at `path`; throws a `ConfigError` naming the first faulty entry. */
export function readTargetsFile(path: string, env: Env): TargetDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw fault(`cannot read a JSON file at ${path}: ${(error as Error).message}`);
  }
  const parsed = file.safeParse(json);
  if (!parsed.success) throw fault(`must hold {"targets": [ … ]}: ${describe(parsed.error.issues[0])}`);
  const targets = parsed.data.targets.map((raw, index) => readTarget(raw, index, env));
  const seen = new Set<string>();
  targets.forEach((t, index) => {
    if (seen.has(t.id)) throw fault(`targets[${index}] ("${t.id}"): id: another target already has this id`);
    seen.add(t.id);
  });
  return targets;
}
