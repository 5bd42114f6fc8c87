/**
 * SESAME_TARGETS_FILE: the target systems are read and checked at start, and a faulty entry
 * stops the server with a message naming that entry and its field — never echoing a secret.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError } from '../../server/config';
import { readTargetsFile } from '../../server/connectors/targets-file';

const dir = mkdtempSync(join(tmpdir(), 'sesame-targets-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');
let n = 0;
function fileWith(json: unknown): string {
  const path = join(dir, `targets-${n++}.json`);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

const payroll = { id: 'payroll', name: { en: 'Payroll (SAP)', fr: 'Paie (SAP)' }, connector: 'built-in' };
const corpLdap = {
  id: 'corp-ldap',
  name: { en: 'Corporate directory', fr: "Annuaire de l'entreprise" },
  connector: 'ldap',
  settings: {
    url: 'ldaps://ldap.example.org:636',
    bindDn: 'cn=sesame,dc=example,dc=org',
    bindPasswordEnv: 'SESAME_LDAP_PASSWORD',
    baseDn: 'ou=people,dc=example,dc=org',
    userIdAttribute: 'employeeNumber',
    caFile,
  },
};
const env = { SESAME_LDAP_PASSWORD: 'the-service-secret' };

describe('SESAME_TARGETS_FILE', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a built-in target and an LDAP target, with the defaults of their connector and the secret from the environment', () => {
    const [builtIn, ldap] = readTargetsFile(fileWith({ targets: [payroll, corpLdap] }), env);
    assert.deepEqual(builtIn, payroll);
    assert.equal(ldap?.connector, 'ldap');
    assert.ok(ldap?.connector === 'ldap');
    assert.equal(ldap.ldap.bindPassword, 'the-service-secret');
    assert.equal(ldap.ldap.accountAttribute, 'uid');
    assert.equal(ldap.ldap.userIdAttribute, 'employeeNumber');
    assert.equal(ldap.ldap.objectClass, 'inetOrgPerson');
    assert.equal(ldap.ldap.flavour, 'openldap');
  });

  test('Active Directory defaults to sAMAccountName and the user class', () => {
    const ad = {
      ...corpLdap,
      id: 'corp-ad',
      connector: 'active-directory',
      settings: { ...corpLdap.settings, userIdAttribute: undefined },
    };
    const [target] = readTargetsFile(fileWith({ targets: [ad] }), env);
    assert.ok(target?.connector === 'active-directory');
    assert.equal(target.ldap.flavour, 'active-directory');
    assert.equal(target.ldap.accountAttribute, 'sAMAccountName');
    assert.equal(target.ldap.objectClass, 'user');
  });

  const faults: Array<[string, unknown, Record<string, string>, RegExp]> = [
    ['not JSON', '{ targets: ', env, /cannot read a JSON file/],
    ['no targets array', { systems: [] }, env, /must hold \{"targets"/],
    [
      'a missing French name',
      { targets: [payroll, { ...corpLdap, name: { en: 'Corp' } }] },
      env,
      /^SESAME_TARGETS_FILE: targets\[1\] \("corp-ldap"\): name\.fr/,
    ],
    ['an unknown connector', { targets: [{ ...payroll, connector: 'ftp' }] }, env, /targets\[0\] \("payroll"\): connector/],
    ['a bad id', { targets: [{ ...payroll, id: 'Pay Roll' }] }, env, /targets\[0\] \("Pay Roll"\): id: lower-case letters/],
    ['a repeated id', { targets: [payroll, payroll] }, env, /targets\[1\] \("payroll"\): id: another target already has this id/],
    [
      'an http URL',
      { targets: [{ ...corpLdap, settings: { ...corpLdap.settings, url: 'http://ldap' } }] },
      env,
      /settings\.url: an ldap:\/\/ or ldaps:\/\//,
    ],
    [
      'an unset secret variable',
      { targets: [corpLdap] },
      {},
      /settings\.bindPasswordEnv: the environment variable SESAME_LDAP_PASSWORD is not set/,
    ],
    [
      'a password written in the file',
      { targets: [{ ...corpLdap, settings: { ...corpLdap.settings, bindPassword: 'oops' } }] },
      env,
      /targets\[0\] \("corp-ldap"\): settings/,
    ],
    [
      'Active Directory over plain LDAP',
      { targets: [{ ...corpLdap, connector: 'active-directory', settings: { ...corpLdap.settings, url: 'ldap://dc.example.org' } }] },
      env,
      /Active Directory takes passwords over ldaps:\/\/ only/,
    ],
    [
      'an unreadable CA file',
      { targets: [{ ...corpLdap, settings: { ...corpLdap.settings, caFile: join(dir, 'missing.pem') } }] },
      env,
      /settings\.caFile: cannot read/,
    ],
    [
      'an attribute name that is a filter',
      { targets: [{ ...corpLdap, settings: { ...corpLdap.settings, userIdAttribute: 'uid=*)(cn' } }] },
      env,
      /settings\.userIdAttribute: an attribute name/,
    ],
  ];
  for (const [what, json, environment, message] of faults) {
    test(`${what}: a start-up error naming the entry and field`, () => {
      assert.throws(
        () => readTargetsFile(fileWith(json), environment),
        (error: Error) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('the-service-secret'),
      );
    });
  }
});
