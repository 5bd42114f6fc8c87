/**
 * Following a password change to the linked accounts, and trying a failed one again, through the
 * API on both dialects: `/api/accounts/events` tells each account's progress as it happens and
 * ends once none is pending; `/api/accounts/status` says the same to a page that polls; "Try
 * again" on a failed account takes the current password typed again (a guarded attempt) and
 * delivers it — and the password is never kept or audited.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { AccountsResponse, LinkedAccountItem } from '../../shared/account-schemas';
import { addTargetAccount } from '../../server/connectors/built-in-connector';
import { startTestSyncWorker } from './support/test-sync-worker';
import type { Worker } from '../../server/workers/worker';
import { readEventStream } from './support/event-stream';
import { alex, createTestApp, PASSWORD, sessionCookie, signIn, type TestApp } from './support/test-app';

const MAIL_PASSWORD = 'mail-demo-2026';

describe('following a synchronisation, and trying a failed one again', () => {
  let t: TestApp;
  let worker: Worker | undefined;
  let cookie: string;
  let current = PASSWORD;

  before(async () => {
    const file = join(tmpdir(), `sesame-progress-targets-${process.pid}-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        targets: [
          { id: 'payroll', name: { en: 'Payroll (SAP)', fr: 'Paie (SAP)' }, connector: 'built-in' },
          { id: 'email', name: { en: 'Email (Exchange)', fr: 'Courriel (Exchange)' }, connector: 'built-in' },
        ],
      }),
    );
    t = await createTestApp({
      env: { SESAME_TARGETS_FILE: file },
      employees: [alex, { ...alex, userId: '100077', employeeId: 'E-100077', displayName: 'Sam Other' }],
    });
    await addTargetAccount(t.store, { targetId: 'payroll', account: alex.userId, userId: alex.userId, password: PASSWORD });
    await addTargetAccount(t.store, { targetId: 'email', account: 'atremblay', userId: null, password: MAIL_PASSWORD });
    cookie = await signIn(t);
    const attached = await t.send('POST', '/api/accounts/attach', {
      cookie,
      json: { rows: [{ targetId: 'email', account: 'atremblay', password: MAIL_PASSWORD }] },
    });
    assert.equal(attached.status, 200);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  after(() => t?.close());

  const startWorker = () => {
    worker = startTestSyncWorker(t);
  };

  async function change(newPassword: string) {
    const response = await t.send('POST', '/api/password/change', { cookie, json: { currentPassword: current, newPassword } });
    assert.equal(response.status, 200, await response.clone().text());
    current = newPassword;
    cookie = sessionCookie(response);
  }

  const status = async (): Promise<AccountsResponse> => {
    const response = await t.send('GET', '/api/accounts/status', { cookie });
    assert.equal(response.status, 200);
    return response.json();
  };
  const statusOf = (body: AccountsResponse, targetId: string) => body.accounts.find((a) => a.targetId === targetId)?.sync?.status;
  const verify = (targetId: string, account: string, password: string) =>
    t.services.targets.get(targetId)!.connector.verify(account, password);

  test('the stream tells each account pending, then done, and ends once none is pending', async () => {
    await change('progress passphrase one');
    const stream = readEventStream(await t.send('GET', '/api/accounts/events', { cookie }));
    await stream.until(/"status":"pending"/);
    const first = stream.statuses<AccountsResponse>()[0];
    assert.deepEqual(first?.accounts.map((a) => [a.targetId, a.sync?.status]).sort(), [
      ['email', 'pending'],
      ['payroll', 'pending'],
    ]);
    startWorker();
    // The server closes the stream itself when the last account is done.
    await stream.end();
    const last = stream.statuses<AccountsResponse>().at(-1);
    assert.deepEqual(last?.accounts.map((a) => [a.targetId, a.sync?.status]).sort(), [
      ['email', 'done'],
      ['payroll', 'done'],
    ]);
    assert.equal(await verify('email', 'atremblay', 'progress passphrase one'), 'ok');
  });

  test('with nothing pending, the stream says so once and ends; polling reads the same', async () => {
    const stream = readEventStream(await t.send('GET', '/api/accounts/events', { cookie }));
    await stream.end();
    assert.equal(stream.statuses().length, 1);
    assert.deepEqual(stream.statuses<AccountsResponse>()[0], await status());
  });

  test('a failed account is tried again with the current password typed again, and then receives it', async () => {
    // The mail system lost the account: the next change is refused there.
    await t.store.write((w) => w.db.delete(w.t.targetAccounts).where(eq(w.t.targetAccounts.targetId, 'email')));
    await change('progress passphrase two');
    startWorker();
    const stream = readEventStream(await t.send('GET', '/api/accounts/events', { cookie }));
    await stream.end();
    const failed = (await status()).accounts.find((a) => a.targetId === 'email') as LinkedAccountItem;
    assert.equal(failed.sync?.status, 'failed');
    assert.equal(failed.sync?.reason, 'refused');
    assert.equal(statusOf(await status(), 'payroll'), 'done');
    assert.deepEqual(await t.store.db.select().from(t.store.t.pendingPasswords), [], 'the password is wiped once no job needs it');

    // An administrator restores the account; the employee tries again.
    await addTargetAccount(t.store, { targetId: 'email', account: 'atremblay', userId: null, password: MAIL_PASSWORD });
    const retry = (password: string, id = failed.id, as = cookie) =>
      t.send('POST', `/api/accounts/${id}/retry`, { cookie: as, json: { password } });

    const wrong = await retry('not my password');
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.json()).error, 'invalid_credentials');
    assert.equal(statusOf(await status(), 'email'), 'failed', 'a wrong password queues nothing');

    assert.equal((await retry(current)).status, 204);
    const again = readEventStream(await t.send('GET', '/api/accounts/events', { cookie }));
    await again.end();
    assert.equal(statusOf(await status(), 'email'), 'done');
    assert.equal(await verify('email', 'atremblay', 'progress passphrase two'), 'ok');
    assert.deepEqual(await t.store.db.select().from(t.store.t.pendingPasswords), []);

    // Done now: there is nothing to try again.
    const done = await retry(current);
    assert.equal(done.status, 409);
    assert.equal((await done.json()).error, 'sync_not_failed');

    const trail = JSON.stringify(await t.store.db.select().from(t.store.t.auditEvents));
    assert.match(trail, /account_sync_retried/);
    assert.ok(!trail.includes('progress passphrase'), 'no password in the audit trail');
  });

  test('trying again: someone else’s account is not found, a signed-out caller is refused, bad input is a clear 4xx', async () => {
    const other = await signIn(t, '100077');
    const payroll = (await status()).accounts.find((a) => a.targetId === 'payroll') as LinkedAccountItem;
    // Someone else's account is not found; a malformed id or body is refused in the caller's language.
    const foreign = await t.send('POST', `/api/accounts/${payroll.id}/retry`, { cookie: other, json: { password: PASSWORD } });
    assert.equal(foreign.status, 404);
    const empty = await t.send('POST', `/api/accounts/${payroll.id}/retry`, {
      cookie,
      json: { password: '' },
      headers: { 'accept-language': 'fr' },
    });
    assert.equal(empty.status, 400);
    assert.match((await empty.json()).message, /[éè]|demande/i);
    assert.equal((await t.send('POST', `/api/accounts/${'x'.repeat(65)}/retry`, { cookie, json: { password: 'x' } })).status, 400);
    assert.equal((await t.send('POST', `/api/accounts/${payroll.id}/retry`, { json: { password: current } })).status, 401);
  });
});
