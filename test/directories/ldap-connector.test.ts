/**
 * The LDAP connector against a real OpenLDAP (a private slapd with a password policy): verify,
 * find, set a password, the directory's refusals in kinds, special characters that must never
 * reach the directory as filter syntax, and a directory that is down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TargetUnavailable } from '../../server/connectors/connector';
import { ldapConnector, type LdapSettings } from '../../server/connectors/ldap-connector';
import { LDAP_BASE_DN, slapdInstalled, startSlapd, type PrivateSlapd } from './support/slapd';

const skip = !slapdInstalled && !process.env.CI && 'slapd is not installed (apt-get install -y slapd ldap-utils)';

describe('LDAP connector, against a private OpenLDAP', { skip }, () => {
  let slapd: PrivateSlapd;
  let settings: LdapSettings;
  before(async () => {
    slapd = await startSlapd([
      { uid: 'atremblay', cn: 'Alex Tremblay', password: 'ldap-demo-2026', employeeNumber: '100001' },
      { uid: 'mgagnon', cn: 'Marie Gagnon', password: 'ldap-demo-2026', employeeNumber: '100002' },
      { uid: 'mgagnon2', cn: 'Marie Gagnon', password: 'other-password-2026', employeeNumber: '100002' },
      { uid: 'sam', cn: 'Sam Setter', password: 'first-password-2026', employeeNumber: '100005' },
      { uid: 'history', cn: 'History Test', password: 'history-one-2026', employeeNumber: '100006' },
    ]);
    settings = {
      target: 'ldap-test',
      flavour: 'openldap',
      url: slapd.url,
      bindDn: slapd.serviceDn,
      bindPassword: slapd.servicePassword,
      baseDn: LDAP_BASE_DN,
      accountAttribute: 'uid',
      userIdAttribute: 'employeeNumber',
      objectClass: 'inetOrgPerson',
      timeoutMs: 2000,
    };
  });
  after(() => slapd?.close());

  test('verify: the right password, a wrong one, an unknown account, an empty password', async () => {
    const ldap = ldapConnector(settings);
    assert.equal(await ldap.verify('atremblay', 'ldap-demo-2026'), 'ok');
    assert.equal(await ldap.verify('atremblay', 'ldap-demo-2027'), 'wrong');
    assert.equal(await ldap.verify('nobody', 'ldap-demo-2026'), 'wrong');
    // An empty password is an unauthenticated bind, which LDAP accepts: it must not pass for proof.
    assert.equal(await ldap.verify('atremblay', ''), 'wrong');
  });

  test('find: every account that carries the user ID, and none for an unknown one', async () => {
    const ldap = ldapConnector(settings);
    const found = await ldap.find('100002');
    assert.deepEqual(found.map((a) => a.account).sort(), ['mgagnon', 'mgagnon2']);
    assert.match(found[0]?.locator ?? '', /^uid=mgagnon2?,ou=people,dc=sesame,dc=test$/);
    assert.deepEqual(await ldap.find('999999'), []);
  });

  test('setPassword: the new password works, the old one no longer does', async () => {
    const ldap = ldapConnector(settings);
    assert.deepEqual(await ldap.setPassword('sam', 'second-password-2026'), { ok: true });
    assert.equal(await ldap.verify('sam', 'second-password-2026'), 'ok');
    assert.equal(await ldap.verify('sam', 'first-password-2026'), 'wrong');
  });

  test("the directory's refusals come back as kinds, with its own words kept for the log", async () => {
    const ldap = ldapConnector(settings);
    const short = await ldap.setPassword('history', 'short');
    assert.equal(short.ok, false);
    assert.ok(!short.ok);
    // OpenLDAP's ppolicy says "fails quality checking" for a short password too.
    assert.equal(short.refusal.kind, 'complexity');
    assert.match(short.refusal.raw, /quality/);

    assert.deepEqual(await ldap.setPassword('history', 'history-two-2026'), { ok: true });
    const again = await ldap.setPassword('history', 'history-one-2026');
    assert.ok(!again.ok);
    assert.equal(again.refusal.kind, 'history');
    assert.equal(await ldap.verify('history', 'history-two-2026'), 'ok', 'a refused change changes nothing');
  });

  test('filter and DN special characters in an account name match nothing and change nothing', async () => {
    const ldap = ldapConnector(settings);
    for (const hostile of [
      '*',
      '*)(uid=*',
      'atremblay)(|(uid=*',
      '\\',
      'atremblay\u0000',
      'atremblay,cn=admin',
      'uid=atremblay,ou=people,dc=sesame,dc=test',
    ]) {
      assert.equal(await ldap.verify(hostile, 'ldap-demo-2026'), 'wrong', `verify ${JSON.stringify(hostile)}`);
      assert.deepEqual(await ldap.find(hostile), [], `find ${JSON.stringify(hostile)}`);
      const set = await ldap.setPassword(hostile, 'hostile-password-2026');
      assert.equal(set.ok, false, `setPassword ${JSON.stringify(hostile)}`);
    }
    assert.equal(await ldap.verify('atremblay', 'ldap-demo-2026'), 'ok', 'the real account is untouched');
  });

  test('a directory that is down: TargetUnavailable, and it works again once back', async () => {
    const ldap = ldapConnector(settings);
    await slapd.stop();
    try {
      assert.equal(await ldap.reachable(), false);
      await assert.rejects(ldap.verify('atremblay', 'ldap-demo-2026'), TargetUnavailable);
      await assert.rejects(ldap.setPassword('atremblay', 'while-down-2026'), TargetUnavailable);
    } finally {
      await slapd.start();
    }
    assert.equal(await ldap.reachable(), true);
    assert.equal(await ldap.verify('atremblay', 'ldap-demo-2026'), 'ok');
  });

  test('a wrong service password is no "unavailable": the directory answered', async () => {
    const ldap = ldapConnector({ ...settings, bindPassword: 'not-the-service-password' });
    await assert.rejects(ldap.verify('atremblay', 'ldap-demo-2026'), (error: Error) => !(error instanceof TargetUnavailable));
  });
});
