/**
 * Sésame's primary directory on a real Active Directory domain (a private Samba AD DC, LDAPS with
 * its CA file and certificate name), through the HTTP app: sign in by binding as the user, the
 * employee read from AD's attributes, a change sent as the user's own (old unicodePwd deleted,
 * new one added), and the domain's "0000052D … check_password_restrictions: the password is too
 * short" explained in words naming the primary system, in English and French.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Client } from 'ldapts';
import { refusalMessage } from '../../shared/messages/refusal-messages';
import { createTestApp, sessionCookie, type TestApp } from '../server/support/test-app';
import { AD_BASE_DN, AD_USERS_DN, sambaInstalled, startSambaDc, type PrivateSambaDc } from './support/samba-dc';

const skip = !sambaInstalled && !process.env.CI && 'samba is not installed (apt-get install -y samba)';

describe('primary directory on Active Directory (Samba AD DC)', { skip, timeout: 240_000 }, () => {
  let dc: PrivateSambaDc;
  let t: TestApp;

  before(
    async () => {
      dc = await startSambaDc(
        [
          {
            sAMAccountName: 'atremblay',
            displayName: 'Alex Tremblay',
            password: 'Domain-First-2026!',
            employeeNumber: 'E-200001',
            preferredLanguage: 'fr-CA',
          },
          { sAMAccountName: 'jdisabled', displayName: 'Jordan Disabled', password: 'Domain-First-2026!', disabled: true },
        ],
        // A domain that wants longer passwords than Sésame does (8): the domain decides.
        { minPwdAgeDays: 0, minPwdLength: 14, oldPasswordAllowedMinutes: 0 },
      );
      t = await createTestApp({
        employees: [],
        env: {
          SESAME_DIRECTORY: 'ldap',
          SESAME_LDAP_FLAVOUR: 'active-directory',
          SESAME_LDAP_URL: dc.url,
          SESAME_LDAP_CA_FILE: dc.caFile,
          SESAME_LDAP_TLS_SERVER_NAME: dc.serverName,
          SESAME_LDAP_BIND_DN: dc.adminDn,
          SESAME_LDAP_BIND_PASSWORD: dc.adminPassword,
          SESAME_LDAP_BASE_DN: AD_BASE_DN,
          SESAME_LDAP_EMPLOYEE_ID_ATTRIBUTE: 'employeeNumber',
          SESAME_PASSWORD_MIN_LENGTH: '8',
        },
      });
    },
    { timeout: 180_000 },
  );
  after(async () => {
    await t?.close();
    await dc?.close();
  });

  /** Whether the domain itself takes this password for the user (a bind of our own, over LDAPS). */
  async function domainAccepts(name: string, password: string): Promise<boolean> {
    const client = new Client({ url: dc.url, tlsOptions: { ca: [readFileSync(dc.caFile)], servername: dc.serverName } });
    try {
      await client.bind(`CN=${name},${AD_USERS_DN}`, password);
      return true;
    } catch {
      return false;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  const signIn = (userId: string, password: string) => t.send('POST', '/api/auth/password', { json: { userId, password } });

  test('sign in by binding as the user; the employee read from AD; a wrong password and a disabled account refused', async () => {
    const signedIn = await signIn('atremblay', 'Domain-First-2026!');
    assert.equal(signedIn.status, 200, await signedIn.clone().text());
    const profile = await (await t.send('GET', '/api/profile', { cookie: sessionCookie(signedIn) })).json();
    assert.equal(profile.displayName, 'Alex Tremblay');
    assert.equal(profile.employeeId, 'E-200001');
    assert.equal(profile.preferredLanguage, 'fr');

    assert.equal((await signIn('atremblay', 'Domain-Wrong-2026!')).status, 401);
    assert.equal((await signIn('nobody', 'Domain-First-2026!')).status, 401);
    assert.equal((await signIn('jdisabled', 'Domain-First-2026!')).status, 401);
    assert.equal((await t.services.directory.find('jdisabled'))?.disabled, true, "userAccountControl's disabled bit");
  });

  test('a password the domain finds too short is explained in words naming the primary system, in English and French; nothing changes', async () => {
    const cookie = sessionCookie(await signIn('atremblay', 'Domain-First-2026!'));
    const change = (newPassword: string, headers: Record<string, string> = {}) =>
      t.send('POST', '/api/password/change', { cookie, json: { currentPassword: 'Domain-First-2026!', newPassword }, headers });

    const refused = await change('Qz7!vlmx-kw');
    assert.equal(refused.status, 422);
    assert.equal(refused.headers.get('set-cookie'), null);
    const body = await refused.json();
    assert.equal(body.error, 'password_refused');
    assert.equal(body.refusal, 'too_short');
    assert.equal(body.message, 'Intrapost refused the new password: it is too short for that system. Choose a longer one.');
    assert.doesNotMatch(JSON.stringify(body), /0000052D|check_password_restrictions|Qz7/);

    const french = await (await change('Qz7!vlmx-kw', { 'accept-language': 'fr' })).json();
    assert.equal(french.message, refusalMessage('too_short', 'fr', 'Intraposte'));
    assert.equal(await domainAccepts('Alex Tremblay', 'Domain-First-2026!'), true, 'the domain kept the password');
  });

  test("a change is the user's own (old unicodePwd deleted, new one added): the new password works, the old one no longer", async () => {
    const cookie = sessionCookie(await signIn('atremblay', 'Domain-First-2026!'));
    const changed = await t.send('POST', '/api/password/change', {
      cookie,
      json: { currentPassword: 'Domain-First-2026!', newPassword: 'Domain-Second-Pass-2026!' },
    });
    assert.equal(changed.status, 200, await changed.clone().text());
    assert.equal(await domainAccepts('Alex Tremblay', 'Domain-Second-Pass-2026!'), true);
    // At once: the domain here allows no grace period for the previous password.
    assert.equal(await domainAccepts('Alex Tremblay', 'Domain-First-2026!'), false);
    assert.equal((await signIn('atremblay', 'Domain-Second-Pass-2026!')).status, 200);

    // Back to the first one: the domain's history refuses it.
    const cookie2 = sessionCookie(await signIn('atremblay', 'Domain-Second-Pass-2026!'));
    const again = await t.send('POST', '/api/password/change', {
      cookie: cookie2,
      json: { currentPassword: 'Domain-Second-Pass-2026!', newPassword: 'Domain-First-2026!' },
    });
    assert.equal(again.status, 422);
    assert.equal((await again.json()).refusal, 'history');
  });
});
