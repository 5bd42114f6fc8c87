/**
 * Password synchronisation through the durable queue, on both dialects: a change of password
 * reaches every linked account — found (the target carries the user ID) and attached — through
 * the sync worker; the new password is kept encrypted only while jobs need it; a target that is
 * down (a real slapd, stopped) holds its job, which is retried and delivered once it is back; a
 * refusal fails the job with its kind. A worker that died holding a job, and two instances
 * draining one queue: sync-faults.test.ts, with real processes.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addTargetAccount } from '../../server/connectors/built-in-connector';
import { findAccountLinks, findSyncJobsOfChange, insertAccountLinks } from '../../server/db/queries/password-sync';
import { startTestSyncWorker } from './support/test-sync-worker';
import type { Worker } from '../../server/workers/worker';
import { LDAP_BASE_DN, slapdInstalled, startSlapd, type PrivateSlapd } from '../directories/support/slapd';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { alex, createTestApp, PASSWORD, sessionCookie, signIn, type TestApp } from './support/test-app';

const withSlapd = slapdInstalled || Boolean(process.env.CI);

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('password synchronisation to linked accounts', () => {
  let t: TestApp;
  let slapd: PrivateSlapd | undefined;
  let worker: Worker | undefined;
  let cookie: string;
  let current = PASSWORD;

  before(async () => {
    if (withSlapd)
      slapd = await startSlapd([{ uid: 'atremblay', cn: 'Alex Tremblay', password: 'ldap-first-2026', employeeNumber: alex.userId }]);
    const targets = [
      { id: 'payroll', name: { en: 'Payroll (SAP)', fr: 'Paie (SAP)' }, connector: 'built-in' },
      { id: 'email', name: { en: 'Email (Exchange)', fr: 'Courriel (Exchange)' }, connector: 'built-in' },
      ...(slapd
        ? [
            {
              id: 'corp-ldap',
              name: { en: 'Corporate directory', fr: "Annuaire de l'entreprise" },
              connector: 'ldap',
              settings: {
                url: slapd.url,
                bindDn: slapd.serviceDn,
                bindPasswordEnv: 'TEST_LDAP_PASSWORD',
                baseDn: LDAP_BASE_DN,
                userIdAttribute: 'employeeNumber',
                timeoutSeconds: 2,
              },
            },
          ]
        : []),
    ];
    const file = join(tmpdir(), `sesame-sync-targets-${process.pid}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ targets }));
    t = await createTestApp({ env: { SESAME_TARGETS_FILE: file, TEST_LDAP_PASSWORD: slapd?.servicePassword ?? '' } });
    await addTargetAccount(t.store, { targetId: 'payroll', account: alex.userId, userId: alex.userId, password: PASSWORD });
    await addTargetAccount(t.store, { targetId: 'email', account: 'atremblay', userId: null, password: 'mail-demo-2026' });
    cookie = await signIn(t);
  });
  after(async () => {
    await worker?.stop();
    await t?.close();
    await slapd?.close();
  });

  const startWorker = () => {
    worker = startTestSyncWorker(t);
  };

  async function change(newPassword: string) {
    const response = await t.send('POST', '/api/password/change', { cookie, json: { currentPassword: current, newPassword } });
    assert.equal(response.status, 200, await response.clone().text());
    current = newPassword;
    cookie = sessionCookie(response);
  }

  const pendingPasswords = () => t.store.db.select().from(t.store.t.pendingPasswords);

  async function links() {
    const row = await findEmployeeByUserId(t.store, alex.userId);
    assert.ok(row);
    return { employeeId: row.id, rows: await findAccountLinks(t.store, row.id) };
  }

  test('a change reaches the found and the attached accounts; the password is held encrypted only until then', async () => {
    const { employeeId } = await links();
    // Attached, as "Attach other accounts" will write it once proved against the target.
    await insertAccountLinksFor(employeeId, 'email', 'atremblay');
    await change('synchronised passphrase one');

    const { rows } = await links();
    const accounts = rows.map((l) => `${l.targetId}/${l.account}/${l.linkedHow}`).sort();
    assert.deepEqual(
      accounts,
      [...(slapd ? ['corp-ldap/atremblay/found'] : []), 'email/atremblay/attached', 'payroll/100001/found'].sort(),
    );
    assert.ok(rows.every((l) => l.syncStatus === 'pending'));
    const pending = await pendingPasswords();
    assert.equal(pending.length, 1);
    assert.doesNotMatch(pending[0]?.ciphertext ?? '', /synchronised passphrase/);

    startWorker();
    await until('every linked account is synchronised', async () => (await links()).rows.every((l) => l.syncStatus === 'done'));
    const payroll = t.services.targets.get('payroll')?.connector;
    const email = t.services.targets.get('email')?.connector;
    assert.equal(await payroll?.verify(alex.userId, 'synchronised passphrase one'), 'ok');
    assert.equal(await email?.verify('atremblay', 'synchronised passphrase one'), 'ok');
    if (slapd) assert.equal(await t.services.targets.get('corp-ldap')?.connector.verify('atremblay', 'synchronised passphrase one'), 'ok');
    assert.deepEqual(await pendingPasswords(), [], 'the password is wiped once delivered');
    await worker?.stop();
    worker = undefined;
  });

  test(
    'a target that is down holds its job, retried with backoff, delivered once it is back',
    { skip: !withSlapd && 'slapd is not installed' },
    async () => {
      assert.ok(slapd);
      await slapd.stop();
      await change('synchronised passphrase two');
      startWorker();
      await until('the built-in accounts are synchronised', async () =>
        (await links()).rows.filter((l) => l.targetId !== 'corp-ldap').every((l) => l.syncStatus === 'done'),
      );
      const ldap = (await links()).rows.find((l) => l.targetId === 'corp-ldap');
      assert.equal(ldap?.syncStatus, 'pending', 'the directory that is down waits');
      const pending = await pendingPasswords();
      assert.equal(pending.length, 1, 'its password is kept while its job needs it');
      const [job] = (await findSyncJobsOfChange(t.store, pending[0]?.changeId ?? '')).filter((j) => j.linkId === ldap?.id);
      await until('the first attempt failed', async () => {
        const [again] = (await findSyncJobsOfChange(t.store, pending[0]?.changeId ?? '')).filter((j) => j.id === job?.id);
        return (again?.attempts ?? 0) >= 1 && again?.claimedBy === null;
      });

      await slapd.start();
      t.clock.advance(61_000);
      worker?.wake();
      await until('the directory got it', async () => (await links()).rows.every((l) => l.syncStatus === 'done'));
      assert.equal(await t.services.targets.get('corp-ldap')?.connector.verify('atremblay', 'synchronised passphrase two'), 'ok');
      assert.deepEqual(await pendingPasswords(), []);
      await worker?.stop();
      worker = undefined;
    },
  );

  async function insertAccountLinksFor(employeeId: string, targetId: string, account: string) {
    await t.store.write((w) =>
      insertAccountLinks(w, [
        {
          id: `${targetId}-${account}`,
          employeeId,
          targetId,
          account,
          linkedHow: 'attached',
          createdAt: t.clock.now(),
          syncStatus: null,
          syncReason: null,
          syncAt: null,
        },
      ]),
    );
  }
});
