/**
 * Fault: a target system on LDAP (a private slapd named in SESAME_TARGETS_FILE) is down while an
 * employee changes their password. The change is saved, the target's job waits and is retried
 * with the worker's backoff, and the password lands on the directory once slapd is back — with
 * "Your accounts" (GET /api/accounts) showing the account pending, then done.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestSyncWorker } from '../server/support/test-sync-worker';
import type { Worker } from '../../server/workers/worker';
import { alex, createTestApp, PASSWORD, sessionCookie, signIn, type TestApp } from '../server/support/test-app';
import { LDAP_BASE_DN, slapdInstalled, startSlapd, type PrivateSlapd } from './support/slapd';

const skip = !slapdInstalled && !process.env.CI && 'slapd is not installed (apt-get install -y slapd ldap-utils)';

/** Waits for something the worker does in the background (no assertion on how long it takes). */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const RETRY_MS = 60_000;

describe('a target system on LDAP that is down during a password change', { skip }, () => {
  let slapd: PrivateSlapd;
  let t: TestApp;
  let worker: Worker | undefined;

  before(async () => {
    slapd = await startSlapd([{ uid: 'atremblay', cn: 'Alex Tremblay', password: 'ldap-first-2026', employeeNumber: alex.userId }]);
    const file = join(tmpdir(), `sesame-down-targets-${process.pid}-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        targets: [
          {
            id: 'corp-ldap',
            name: { en: 'Corporate directory', fr: "Annuaire de l'entreprise" },
            connector: 'ldap',
            settings: {
              url: slapd.url,
              bindDn: slapd.serviceDn,
              bindPasswordEnv: 'TEST_TARGET_LDAP_PASSWORD',
              baseDn: LDAP_BASE_DN,
              userIdAttribute: 'employeeNumber',
              timeoutSeconds: 2,
            },
          },
        ],
      }),
    );
    t = await createTestApp({ env: { SESAME_TARGETS_FILE: file, TEST_TARGET_LDAP_PASSWORD: slapd.servicePassword } });
  });
  after(async () => {
    await worker?.stop();
    await t?.close();
    await slapd?.close();
  });

  test('the job waits, is retried, and delivers once slapd is back; "Your accounts" shows pending, then done', async () => {
    let cookie = await signIn(t);
    const accounts = async () => {
      const response = await t.send('GET', '/api/accounts', { cookie });
      assert.equal(response.status, 200);
      const body = await response.json();
      return body.accounts.filter((a: { targetId: string }) => a.targetId === 'corp-ldap');
    };
    // While the directory is up, "Your accounts" finds the account carrying the user ID.
    const found = await accounts();
    assert.deepEqual(
      found.map((a: { account: string; linkedHow: string; sync: unknown }) => [a.account, a.linkedHow, a.sync]),
      [['atremblay', 'found', null]],
    );

    await slapd.stop();
    const changed = await t.send('POST', '/api/password/change', {
      cookie,
      json: { currentPassword: PASSWORD, newPassword: 'delivered after the outage' },
    });
    assert.equal(changed.status, 200, 'the change itself does not wait for a target');
    cookie = sessionCookie(changed);
    assert.equal((await accounts())[0]?.sync?.status, 'pending');

    worker = startTestSyncWorker(t, RETRY_MS);
    const jobs = () => t.store.db.select().from(t.store.t.syncJobs);
    await until('the first attempt failed and was put back', async () => {
      const [job] = await jobs();
      return (job?.attempts ?? 0) >= 1 && job?.claimedBy === null;
    });
    const [waiting] = await jobs();
    assert.equal(waiting?.status, 'pending');
    assert.equal(waiting?.nextAttemptAt.getTime(), t.clock.now().getTime() + RETRY_MS, 'retried after the backoff');
    assert.equal((await accounts())[0]?.sync?.status, 'pending', 'still pending while the directory is down');

    await slapd.start();
    t.clock.advance(RETRY_MS + 1000);
    worker.wake();
    await until('the directory got the password', async () => (await accounts())[0]?.sync?.status === 'done');

    const directory = t.services.targets.get('corp-ldap')?.connector;
    assert.ok(directory);
    assert.equal(await directory.verify('atremblay', 'delivered after the outage'), 'ok');
    assert.equal(await directory.verify('atremblay', 'ldap-first-2026'), 'wrong');
    assert.deepEqual(await t.store.db.select().from(t.store.t.pendingPasswords), [], 'the password is wiped once delivered');
  });
});
