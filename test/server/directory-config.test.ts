/**
 * SESAME_DIRECTORY=ldap and its settings: what an operator sets to put the primary directory on
 * OpenLDAP or Active Directory, and a start-up error naming the variable for each missing or
 * wrong one (the service account's password never echoed).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../server/config';
import { languageOf } from '../../server/directory/ldap-directory';

const openLdap = {
  SESAME_DIRECTORY: 'ldap',
  SESAME_LDAP_URL: 'ldap://ldap.example.org:389',
  SESAME_LDAP_BIND_DN: 'cn=sesame,dc=example,dc=org',
  SESAME_LDAP_BIND_PASSWORD: 'service-secret',
  SESAME_LDAP_BASE_DN: 'ou=people,dc=example,dc=org',
};

const refusedFor = (variable: string) => (error: unknown) =>
  error instanceof ConfigError && error.variable === variable && error.message.startsWith(`${variable}:`);

describe('the primary directory in the configuration', () => {
  test('unset: the built-in directory', () => {
    assert.deepEqual(loadConfig({}).directory, { kind: 'built-in' });
    assert.deepEqual(loadConfig({ SESAME_DIRECTORY: 'built-in' }).directory, { kind: 'built-in' });
  });

  test("OpenLDAP: the four settings, and the flavour's attribute names by default", () => {
    const { directory } = loadConfig(openLdap);
    assert.equal(directory.kind, 'ldap');
    assert.ok(directory.kind === 'ldap');
    assert.equal(directory.ldap.flavour, 'openldap');
    assert.equal(directory.ldap.url, 'ldap://ldap.example.org:389');
    assert.equal(directory.ldap.bindPassword, 'service-secret');
    assert.equal(directory.ldap.objectClass, 'inetOrgPerson');
    assert.deepEqual(directory.ldap.attributes, {
      userId: 'uid',
      displayName: 'cn',
      employeeId: 'employeeNumber',
      preferredLanguage: 'preferredLanguage',
    });
    assert.equal(directory.ldap.defaultLanguage, 'en');
  });

  test('Active Directory: its attribute names, a CA file, a TLS server name, attributes and language of our choosing', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'sesame-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const { directory } = loadConfig({
      ...openLdap,
      SESAME_LDAP_FLAVOUR: 'active-directory',
      SESAME_LDAP_URL: 'ldaps://dc.example.org',
      SESAME_LDAP_CA_FILE: ca,
      SESAME_LDAP_TLS_SERVER_NAME: 'dc.example.org',
      SESAME_LDAP_EMPLOYEE_ID_ATTRIBUTE: 'employeeNumber',
      SESAME_LDAP_DEFAULT_LANGUAGE: 'fr',
      SESAME_LDAP_TIMEOUT_SECONDS: '3',
    });
    assert.ok(directory.kind === 'ldap');
    assert.equal(directory.ldap.objectClass, 'user');
    assert.equal(directory.ldap.attributes.userId, 'sAMAccountName');
    assert.equal(directory.ldap.attributes.displayName, 'displayName');
    assert.equal(directory.ldap.attributes.employeeId, 'employeeNumber');
    assert.equal(directory.ldap.caFile, ca);
    assert.equal(directory.ldap.tlsServerName, 'dc.example.org');
    assert.equal(directory.ldap.timeoutMs, 3000);
    assert.equal(directory.ldap.defaultLanguage, 'fr');
  });

  test("with an LDAP directory, the history is the directory's: Sésame's own rule is off (the checklist does not claim it)", () => {
    assert.equal(loadConfig({ SESAME_PASSWORD_HISTORY: '5' }).password.historySize, 5);
    assert.equal(loadConfig({ ...openLdap, SESAME_PASSWORD_HISTORY: '5' }).password.historySize, 0);
  });

  for (const variable of ['SESAME_LDAP_URL', 'SESAME_LDAP_BIND_DN', 'SESAME_LDAP_BIND_PASSWORD', 'SESAME_LDAP_BASE_DN']) {
    test(`${variable} missing stops the start with a message naming it`, () => {
      const env: Record<string, string> = { ...openLdap };
      delete env[variable];
      assert.throws(() => loadConfig(env), refusedFor(variable));
    });
  }

  const wrong: Array<[string, string]> = [
    ['SESAME_DIRECTORY', 'ldaps'],
    ['SESAME_LDAP_FLAVOUR', 'samba'],
    ['SESAME_LDAP_URL', 'https://ldap.example.org'],
    ['SESAME_LDAP_URL', 'ldap://ldap.example.org/dc=example'],
    ['SESAME_LDAP_CA_FILE', '/nonexistent/ca.pem'],
    ['SESAME_LDAP_USER_ID_ATTRIBUTE', 'uid)(cn=*'],
    ['SESAME_LDAP_LANGUAGE_ATTRIBUTE', '1lang'],
    ['SESAME_LDAP_DEFAULT_LANGUAGE', 'de'],
    ['SESAME_LDAP_TIMEOUT_SECONDS', '0'],
  ];
  for (const [variable, value] of wrong) {
    test(`${variable}=${JSON.stringify(value)} stops the start with a message naming it`, () => {
      assert.throws(() => loadConfig({ ...openLdap, [variable]: value }), refusedFor(variable));
    });
  }

  test('Active Directory over ldap:// is refused: AD takes passwords over LDAPS only', () => {
    assert.throws(() => loadConfig({ ...openLdap, SESAME_LDAP_FLAVOUR: 'active-directory' }), refusedFor('SESAME_LDAP_URL'));
  });

  test("the service account's password is never in the message", () => {
    try {
      loadConfig({ ...openLdap, SESAME_LDAP_BASE_DN: '' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.doesNotMatch(error.message, /service-secret/);
    }
  });

  test("a directory's language values map onto English and French; others are no language", () => {
    for (const value of ['fr', 'fr-CA', 'FR_ca', 'French', 'français', ' fr ']) assert.equal(languageOf(value), 'fr', value);
    for (const value of ['en', 'en-CA', 'en-US', 'English']) assert.equal(languageOf(value), 'en', value);
    for (const value of ['de', 'es-MX', '', undefined]) assert.equal(languageOf(value), null, String(value));
  });
});
