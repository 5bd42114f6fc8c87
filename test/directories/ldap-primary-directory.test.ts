/**
 * Sésame's primary directory on a real OpenLDAP (SESAME_DIRECTORY=ldap, a private slapd with a
 * password policy), through the HTTP app: "Use password" binds as the entry, the employee's
 * names, employee ID and language come from the configured attributes, a change goes to the
 * directory first, and the directory's refusal is explained in words, in English and French,
 * naming the primary system — with nothing else changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { Client } from 'ldapts';
import { loadConfig } from '../../server/config';
import { createLdapDirectory } from '../../server/directory/ldap-directory';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { refusalMessage } from '../../shared/messages/refusal-messages';
import { createTestApp, sessionCookie, startSession, type TestApp } from '../server/support/test-app';
import { LDAP_BASE_DN, LDAP_PEOPLE_DN, slapdInstalled, startSlapd, type PrivateSlapd } from './support/slapd';

const skip = !slapdInstalled && !process.env.CI && 'slapd is not installed (apt-get install -y slapd ldap-utils)';

const ALEX_PASSWORD = 'first-passphrase-a1';

describe('primary directory on OpenLDAP', { skip }, () => {
  let slapd: PrivateSlapd;
  let t: TestApp;

  before(async () => {
    slapd = await startSlapd([
      {
        uid: '100001',
        cn: 'Tremblay, Alex',
        displayName: 'Alex Tremblay',
        password: ALEX_PASSWORD,
        employeeNumber: 'E-200001',
        preferredLanguage: 'en-CA',
      },
      { uid: '100002', cn: 'Gagnon, Marie', displayName: 'Marie Gagnon', password: 'first-passphrase-m1', preferredLanguage: 'fr-CA' },
      { uid: '100003', cn: 'Roy, Jordan', displayName: 'Jordan Roy', password: 'first-passphrase-j1', employeeNumber: 'E-200003' },
      { uid: '100009', cn: 'Locked, Lee', password: 'first-passphrase-l1', employeeNumber: 'E-200009', lockedForGood: true },
    ]);
    t = await createTestApp({
      employees: [],
      env: ldapEnv(slapd.url),
    });
  });
  after(async () => {
    await t?.close();
    await slapd?.close();
  });

  /** SESAME_DIRECTORY=ldap on the private slapd (or on a relay in front of it). */
  function ldapEnv(url: string): Record<string, string> {
    return {
      SESAME_DIRECTORY: 'ldap',
      SESAME_LDAP_URL: url,
      SESAME_LDAP_BIND_DN: slapd.serviceDn,
      SESAME_LDAP_BIND_PASSWORD: slapd.servicePassword,
      SESAME_LDAP_BASE_DN: LDAP_BASE_DN,
      SESAME_LDAP_DISPLAY_NAME_ATTRIBUTE: 'displayName',
      SESAME_LDAP_DEFAULT_LANGUAGE: 'fr',
      SESAME_LDAP_TIMEOUT_SECONDS: '2',
      // Weaker than the directory's own policy (12 characters, quality checked): the directory decides.
      SESAME_PASSWORD_MIN_LENGTH: '8',
    };
  }

  /** Whether the directory itself takes this password for the entry (a bind of our own). */
  async function directoryAccepts(uid: string, password: string): Promise<boolean> {
    const client = new Client({ url: slapd.url });
    try {
      await client.bind(`uid=${uid},${LDAP_PEOPLE_DN}`, password);
      return true;
    } catch {
      return false;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  const signIn = (userId: string, password: string) => t.send('POST', '/api/auth/password', { json: { userId, password } });

  async function events(userId: string) {
    const id = (await findEmployeeByUserId(t.store, userId))?.id ?? '';
    const table = t.store.t.auditEvents;
    return t.store.db.select().from(table).where(eq(table.subjectId, id)).orderBy(table.seq);
  }

  test('"Use password" binds as the entry: the right password signs in; a wrong one, an unknown or locked account do not', async () => {
    const signedIn = await signIn('100001', ALEX_PASSWORD);
    assert.equal(signedIn.status, 200, await signedIn.clone().text());

    for (const [userId, password] of [
      ['100001', 'not-the-passphrase'],
      ['100001', ''],
      ['199999', ALEX_PASSWORD],
      ['100009', 'first-passphrase-l1'],
      ['*', ALEX_PASSWORD],
    ] as const) {
      const refused = await signIn(userId, password);
      assert.ok(refused.status === 401 || refused.status === 400, `${userId}: ${refused.status}`);
      if (refused.status === 401) assert.equal((await refused.json()).error, 'invalid_credentials');
    }
  });

  test("the employee's names, employee ID and language come from the configured attributes; no password is kept locally", async () => {
    const cookie = sessionCookie(await signIn('100001', ALEX_PASSWORD));
    const profile = await (await t.send('GET', '/api/profile', { cookie })).json();
    assert.equal(profile.userId, '100001');
    assert.equal(profile.displayName, 'Alex Tremblay', 'displayName, as configured, not cn');
    assert.equal(profile.employeeId, 'E-200001');
    assert.equal(profile.preferredLanguage, 'en', 'en-CA in the directory');
    assert.deepEqual(profile.roles, ['employee']);

    const marie = sessionCookie(await signIn('100002', 'first-passphrase-m1'));
    const hers = await (await t.send('GET', '/api/profile', { cookie: marie })).json();
    assert.equal(hers.preferredLanguage, 'fr', 'fr-CA in the directory');
    assert.equal(hers.employeeId, '100002', 'no employee ID in the entry: the user ID stands in');

    const jordan = sessionCookie(await signIn('100003', 'first-passphrase-j1'));
    const his = await (await t.send('GET', '/api/profile', { cookie: jordan })).json();
    assert.equal(his.preferredLanguage, 'fr', 'no language in the entry: SESAME_LDAP_DEFAULT_LANGUAGE');

    const row = await findEmployeeByUserId(t.store, '100001');
    assert.equal(row?.passwordHash, '', 'the directory keeps the password');
  });

  test('an unknown user ID costs the directory what a known one does: one search, one bind', async () => {
    // A TCP relay in front of the real slapd, counting the connections the directory opens (one per operation).
    let connections = 0;
    const upstreamPort = Number(new URL(slapd.url).port);
    const relay = createServer((socket) => {
      connections += 1;
      const upstream = createConnection({ host: '127.0.0.1', port: upstreamPort });
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const { directory } = loadConfig(ldapEnv(`ldap://127.0.0.1:${(relay.address() as AddressInfo).port}`));
      assert.ok(directory.kind === 'ldap');
      const ldap = createLdapDirectory(t.store, directory.ldap, t.clock.now);
      const cost = async (userId: string, password: string) => {
        const before = connections;
        await ldap.verifyPassword(userId, password);
        return connections - before;
      };
      const known = await cost('100002', 'first-passphrase-m1');
      assert.equal(known, 2, 'a search as the service account, then a bind as the entry');
      assert.equal(await cost('100002', 'not-the-passphrase'), known, 'a wrong password');
      assert.equal(await cost('199999', 'first-passphrase-m1'), known, 'an unknown user ID');
    } finally {
      await new Promise((resolve) => relay.close(resolve));
    }
  });

  test('a directory that does not answer: 503, said in words naming the primary system; it works again once back', async () => {
    await slapd.stop();
    try {
      const down = await signIn('100001', ALEX_PASSWORD);
      assert.equal(down.status, 503);
      const body = await down.json();
      assert.equal(body.error, 'directory_unavailable');
      assert.match(body.message, /^Intrapost cannot be reached right now/);
    } finally {
      await slapd.start();
    }
    assert.equal((await signIn('100001', ALEX_PASSWORD)).status, 200, 'signing in works again once the directory is back');
  });

  test('a change goes to the directory: the new password works there, the old one no longer does', async () => {
    const cookie = sessionCookie(await signIn('100001', ALEX_PASSWORD));
    const changed = await t.send('POST', '/api/password/change', {
      cookie,
      json: { currentPassword: ALEX_PASSWORD, newPassword: 'second-passphrase-a2' },
    });
    assert.equal(changed.status, 200, await changed.clone().text());
    assert.equal(await directoryAccepts('100001', 'second-passphrase-a2'), true);
    assert.equal(await directoryAccepts('100001', ALEX_PASSWORD), false);
    assert.equal((await signIn('100001', 'second-passphrase-a2')).status, 200);
    assert.equal((await signIn('100001', ALEX_PASSWORD)).status, 401);
  });

  test("the directory's refusal is said in words naming the primary system, in English and French, and nothing else changes", async () => {
    const cookie = sessionCookie(await signIn('100001', 'second-passphrase-a2'));
    const before = await events('100001');
    // Sésame's own policy accepts it (8 characters and more); the directory's quality check does not.
    const refused = await t.send('POST', '/api/password/change', {
      cookie,
      json: { currentPassword: 'second-passphrase-a2', newPassword: 'zq7-vlmx-k' },
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.headers.get('set-cookie'), null, 'the session is as it was');
    const body = await refused.json();
    assert.equal(body.error, 'password_refused');
    assert.equal(body.refusal, 'complexity');
    assert.equal(body.message, refusalMessage('complexity', 'en', 'Intrapost'));
    assert.match(body.message, /^Intrapost refused the new password: it does not meet that system's rules/);
    assert.doesNotMatch(JSON.stringify(body), /quality|zq7-vlmx-k/, "neither the directory's words nor the password");

    // Back to a password used before: the directory's history (3) refuses it, in French here.
    const again = await t.send('POST', '/api/password/change', {
      cookie,
      json: { currentPassword: 'second-passphrase-a2', newPassword: ALEX_PASSWORD },
      headers: { 'accept-language': 'fr-CA,fr;q=0.9' },
    });
    assert.equal(again.status, 422);
    const french = await again.json();
    assert.equal(french.refusal, 'history');
    assert.equal(
      french.message,
      "Intraposte a refusé le nouveau mot de passe\u00a0: vous l'y avez déjà utilisé. Choisissez-en un que vous n'avez jamais utilisé.",
    );

    assert.equal(await directoryAccepts('100001', 'second-passphrase-a2'), true, 'the directory kept the password');
    assert.equal((await t.send('GET', '/api/profile', { cookie })).status, 200, 'the session still works');
    const trail = (await events('100001')).slice(before.length);
    assert.deepEqual(
      trail.map((e) => [e.type, e.outcome, (e.details as Record<string, unknown>).refusal]),
      [
        ['password_changed', 'failure', 'complexity'],
        ['password_changed', 'failure', 'history'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(trail), /quality|zq7-vlmx-k|passphrase/, 'no raw text, no password in the trail');
    const jobs = await t.store.db.select().from(t.store.t.syncJobs);
    assert.deepEqual(jobs, [], 'no synchronisation job for a refused change');
  });

  test('"Set a new password" after proving identity: set at the directory; a refusal said in words', async () => {
    const cookie = await startSession(t, '100003', { level: 'set-password', reason: 'reset' });
    const refused = await t.send('POST', '/api/password/set', { cookie, json: { newPassword: 'zq7-vlmx-k' } });
    assert.equal(refused.status, 422);
    assert.equal((await refused.json()).refusal, 'complexity');
    assert.equal(await directoryAccepts('100003', 'first-passphrase-j1'), true);

    const set = await t.send('POST', '/api/password/set', { cookie, json: { newPassword: 'second-passphrase-j2' } });
    assert.equal(set.status, 200, await set.clone().text());
    assert.equal(await directoryAccepts('100003', 'second-passphrase-j2'), true);
    assert.equal(await directoryAccepts('100003', 'first-passphrase-j1'), false);
  });

  test('an account the directory locked for good is disabled: no reset gives it a password', async () => {
    assert.equal((await signIn('100009', 'first-passphrase-l1')).status, 401);
    const found = await t.services.directory.find('100009');
    assert.equal(found?.disabled, true, "ppolicy's lock until an administrator unlocks is the employee's disabled state");
    assert.equal((await findEmployeeByUserId(t.store, '100009'))?.disabled, true, 'and so is the local row');

    const cookie = await startSession(t, '100009', { level: 'set-password', reason: 'reset' });
    const closed = await t.send('POST', '/api/password/set', { cookie, json: { newPassword: 'third-passphrase-l3' } });
    assert.equal(closed.status, 401, "a disabled employee's session opens nothing");

    // A local row not refreshed since the lock (read before it): the directory is asked again, and refuses.
    const table = t.store.t.employees;
    await t.store.db.update(table).set({ disabled: false }).where(eq(table.userId, '100009'));
    const stale = await startSession(t, '100009', { level: 'set-password', reason: 'reset' });
    const refused = await t.send('POST', '/api/password/set', { cookie: stale, json: { newPassword: 'third-passphrase-l3' } });
    assert.equal(refused.status, 422);
    const body = await refused.json();
    assert.equal(body.refusal, 'account_disabled');
    assert.equal(body.message, refusalMessage('account_disabled', 'en', 'Intrapost'));
  });
});
