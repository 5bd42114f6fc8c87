/**
 * The LDAP connector in its Active Directory flavour, against a real domain controller (a private
 * Samba AD DC): verify by binding over LDAPS, find by employeeNumber, set `unicodePwd`, and the
 * domain's own refusals (too short, history; a disabled account) as kinds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ldapConnector, type LdapSettings } from '../../server/connectors/ldap-connector';
import { AD_BASE_DN, sambaInstalled, startSambaDc, type PrivateSambaDc } from './support/samba-dc';

const skip = !sambaInstalled && !process.env.CI && 'samba is not installed (apt-get install -y samba)';

describe('Active Directory connector, against a private Samba domain controller', { skip, timeout: 240_000 }, () => {
  let dc: PrivateSambaDc;
  let settings: LdapSettings;
  before(
    async () => {
      dc = await startSambaDc([
        { sAMAccountName: 'atremblay', displayName: 'Alex Tremblay', password: 'Ad-Demo-2026!', employeeNumber: '100001' },
        {
          sAMAccountName: 'jdisabled',
          displayName: 'Jordan Disabled',
          password: 'Ad-Demo-2026!',
          employeeNumber: '100003',
          disabled: true,
        },
        { sAMAccountName: 'hchange', displayName: 'History Change', password: 'Ad-History-One-2026!', employeeNumber: '100006' },
      ]);
      settings = {
        target: 'ad-test',
        flavour: 'active-directory',
        url: dc.url,
        bindDn: dc.adminDn,
        bindPassword: dc.adminPassword,
        baseDn: AD_BASE_DN,
        accountAttribute: 'sAMAccountName',
        userIdAttribute: 'employeeNumber',
        objectClass: 'user',
        caFile: dc.caFile,
        tlsServerName: dc.serverName,
        timeoutMs: 5000,
      };
    },
    { timeout: 180_000 },
  );
  after(() => dc?.close());

  test('verify over LDAPS with a verified certificate: right, wrong, unknown, disabled', async () => {
    const ad = ldapConnector(settings);
    assert.equal(await ad.reachable(), true);
    assert.equal(await ad.verify('atremblay', 'Ad-Demo-2026!'), 'ok');
    assert.equal(await ad.verify('atremblay', 'Ad-Demo-2027!'), 'wrong');
    assert.equal(await ad.verify('nobody', 'Ad-Demo-2026!'), 'wrong');
    assert.equal(await ad.verify('jdisabled', 'Ad-Demo-2026!'), 'wrong');
  });

  test('an account is also known by its sign-in name (userPrincipalName), and a wildcard in one matches nothing', async () => {
    const ad = ldapConnector(settings);
    assert.equal(await ad.verify('atremblay@sesame.test', 'Ad-Demo-2026!'), 'ok');
    assert.equal(await ad.verify('atremblay@sesame.test', 'Ad-Demo-2027!'), 'wrong');
    assert.equal(await ad.verify('*@sesame.test', 'Ad-Demo-2026!'), 'wrong');
    assert.equal(await ad.verify('atremblay@other.test', 'Ad-Demo-2026!'), 'wrong');
  });

  test('find by employeeNumber', async () => {
    const ad = ldapConnector(settings);
    assert.deepEqual(
      (await ad.find('100001')).map((a) => a.account),
      ['atremblay'],
    );
    assert.deepEqual(await ad.find('*'), []);
  });

  test('setPassword replaces unicodePwd; a short password is refused, and the refusal comes back as a kind', async () => {
    const ad = ldapConnector(settings);
    assert.deepEqual(await ad.setPassword('atremblay', 'Ad-Second-2026!'), { ok: true });
    assert.equal(await ad.verify('atremblay', 'Ad-Second-2026!'), 'ok');
    // (The old password is not checked here: a domain keeps accepting it for a while after a
    // reset — "old password allowed period", 60 minutes by default.)

    const short = await ad.setPassword('hchange', 'Ab1!');
    assert.ok(!short.ok);
    assert.equal(short.refusal.kind, 'too_short');
    assert.match(short.refusal.raw, /0000052D/);
    assert.equal(await ad.verify('hchange', 'Ad-History-One-2026!'), 'ok', 'a refused change changes nothing');
  });

  test('an unencrypted connection never carries a password: AD wants LDAPS', async () => {
    const ad = ldapConnector({ ...settings, url: 'ldap://127.0.0.1:389' });
    await assert.rejects(ad.verify('atremblay', 'Ad-Second-2026!'));
  });
});
