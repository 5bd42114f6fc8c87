/**
 * My Profile → "Attach other accounts" and "Your accounts" through the API, on both dialects:
 * each row proved against its target (attached / wrong / system unavailable / unknown target),
 * the found accounts listed beside the attached ones, detaching, the lock after 10 wrong rows in
 * 15 minutes, bad input — and passwords typed here never reaching the audit trail.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addTargetAccount } from '../../server/connectors/built-in-connector';
import { alex, createTestApp, MINUTE, PASSWORD, signIn, type TestApp } from './support/test-app';

const MAIL_PASSWORD = 'mail-demo-2026';

describe('attach other accounts', () => {
  let t: TestApp;
  let cookie: string;
  before(async () => {
    const file = join(tmpdir(), `sesame-attach-targets-${process.pid}-${Date.now()}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        targets: [
          { id: 'payroll', name: { en: 'Payroll (SAP)', fr: 'Paie (SAP)' }, connector: 'built-in' },
          { id: 'email', name: { en: 'Email (Exchange)', fr: 'Courriel (Exchange)' }, connector: 'built-in' },
          {
            id: 'down',
            name: { en: 'Archive', fr: 'Archives' },
            connector: 'ldap',
            // Nothing listens on port 1: the system is unavailable.
            settings: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', bindPasswordEnv: 'DOWN_PASSWORD', baseDn: 'dc=x', timeoutSeconds: 1 },
          },
        ],
      }),
    );
    t = await createTestApp({
      env: { SESAME_TARGETS_FILE: file, DOWN_PASSWORD: 'unused' },
      employees: [alex, { ...alex, userId: '100009', employeeId: 'E-200009', displayName: 'Lock Test' }],
    });
    await addTargetAccount(t.store, { targetId: 'payroll', account: alex.userId, userId: alex.userId, password: PASSWORD });
    await addTargetAccount(t.store, { targetId: 'email', account: 'atremblay', userId: null, password: MAIL_PASSWORD });
    await addTargetAccount(t.store, { targetId: 'email', account: 'locktest', userId: null, password: MAIL_PASSWORD });
    cookie = await signIn(t);
  });
  after(() => t?.close());

  const attach = (rows: unknown, as = cookie, headers: Record<string, string> = {}) =>
    t.send('POST', '/api/accounts/attach', { cookie: as, json: { rows }, headers });
  const list = async (as = cookie) => {
    const response = await t.send('GET', '/api/accounts', { cookie: as });
    assert.equal(response.status, 200);
    return response.json();
  };

  test('Your accounts: the targets by name, and the account found with the employee’s own user ID', async () => {
    const body = await list();
    assert.deepEqual(
      body.targets.map((x: { id: string; name: { en: string; fr: string } }) => [x.id, x.name.en, x.name.fr]),
      [
        ['payroll', 'Payroll (SAP)', 'Paie (SAP)'],
        ['email', 'Email (Exchange)', 'Courriel (Exchange)'],
        ['down', 'Archive', 'Archives'],
      ],
    );
    assert.deepEqual(
      body.accounts.map((a: { targetId: string; account: string; linkedHow: string }) => [a.targetId, a.account, a.linkedHow]),
      [['payroll', alex.userId, 'found']],
    );
  });

  test('each row is proved and answered on its own; the proved one is listed as attached', async () => {
    const response = await attach([
      { targetId: 'email', account: 'atremblay', password: 'not the mail password' },
      { targetId: 'email', account: 'atremblay', password: MAIL_PASSWORD },
      { targetId: 'down', account: 'atremblay', password: MAIL_PASSWORD },
      { targetId: 'nowhere', account: 'atremblay', password: MAIL_PASSWORD },
      { targetId: 'email', account: 'atremblay', password: MAIL_PASSWORD },
    ]);
    assert.equal(response.status, 200);
    assert.deepEqual(
      (await response.json()).results.map((r: { outcome: string }) => r.outcome),
      ['wrong_account_or_password', 'attached', 'unavailable', 'unknown_target', 'already_linked'],
    );
    const accounts = (await list()).accounts.map((a: { targetId: string; account: string; linkedHow: string }) => [
      a.targetId,
      a.account,
      a.linkedHow,
    ]);
    assert.deepEqual(accounts, [
      ['email', 'atremblay', 'attached'],
      ['payroll', alex.userId, 'found'],
    ]);
  });

  test('the audit trail records attaching, never a password typed here', async () => {
    const rows = await t.store.db.select().from(t.store.t.auditEvents);
    const text = JSON.stringify(rows);
    assert.doesNotMatch(text, new RegExp(MAIL_PASSWORD));
    assert.doesNotMatch(text, /not the mail password/);
    assert.ok(rows.some((r) => r.type === 'account_attached' && r.details.account === 'atremblay'));
    const activity = await (await t.send('GET', '/api/profile/activity', { cookie })).json();
    assert.ok(activity.events.some((e: { type: string; account?: string }) => e.type === 'account_attached' && e.account === 'atremblay'));
  });

  test('an attached account can be detached, once; a found one cannot', async () => {
    const { accounts } = await list();
    const attached = accounts.find((a: { linkedHow: string }) => a.linkedHow === 'attached');
    const found = accounts.find((a: { linkedHow: string }) => a.linkedHow === 'found');
    assert.equal((await t.send('DELETE', `/api/accounts/${attached.id}`, { cookie })).status, 204);
    assert.equal((await t.send('DELETE', `/api/accounts/${attached.id}`, { cookie })).status, 404);
    assert.equal((await t.send('DELETE', `/api/accounts/${found.id}`, { cookie })).status, 404);
    assert.deepEqual(
      (await list()).accounts.map((a: { account: string }) => a.account),
      [alex.userId],
    );
  });

  test('10 wrong rows in 15 minutes lock the feature for 15 minutes, even for the right password', async () => {
    const other = await signIn(t, '100009');
    const wrong = Array.from({ length: 9 }, () => ({ targetId: 'email', account: 'locktest', password: 'wrong' }));
    const first = await attach(wrong, other);
    assert.equal(first.status, 200);
    const tenth = await attach([{ targetId: 'email', account: 'locktest', password: 'wrong again' }], other);
    assert.equal(tenth.status, 429);
    assert.equal(tenth.headers.get('retry-after'), '900');
    const body = await tenth.json();
    assert.equal(body.error, 'attach_locked');
    assert.match(body.message, /Try again in 15 minutes/);
    const right = await attach([{ targetId: 'email', account: 'locktest', password: MAIL_PASSWORD }], other, { 'accept-language': 'fr' });
    assert.equal(right.status, 429);
    assert.match((await right.json()).message, /Réessayez dans 15 minutes/);
    // Another employee is not affected.
    assert.equal((await attach([{ targetId: 'email', account: 'nobody', password: 'x' }])).status, 200);

    t.clock.advance(15 * MINUTE + 1000);
    // Idle sessions have ended meanwhile: both sign in again.
    cookie = await signIn(t);
    const later = await attach([{ targetId: 'email', account: 'locktest', password: MAIL_PASSWORD }], await signIn(t, '100009'));
    assert.equal(later.status, 200);
    assert.equal((await later.json()).results[0].outcome, 'attached');
  });

  test('bad input: a clear 4xx in the caller’s language, never a 500', async () => {
    const cases: Array<[unknown, number]> = [
      [[], 400],
      [Array.from({ length: 21 }, () => ({ targetId: 'email', account: 'a', password: 'b' })), 400],
      [[{ targetId: 'email', account: '', password: 'x' }], 400],
      [[{ targetId: 'email', account: 'atremblay\u0000', password: 'x' }], 400],
      [[{ targetId: 'email', account: 'a'.repeat(257), password: 'x' }], 400],
      [[{ targetId: 'email', account: 'atremblay', password: '' }], 400],
      [[{ targetId: 'email', account: 'atremblay', password: 'x', extra: 1 }], 400],
      [[{ targetId: 'x'.repeat(41), account: 'atremblay', password: 'x' }], 400],
    ];
    for (const [rows, status] of cases) {
      const response = await attach(rows, cookie, { 'accept-language': 'fr' });
      assert.equal(response.status, status, JSON.stringify(rows).slice(0, 80));
      const body = await response.json();
      assert.equal(body.error, 'invalid_request');
      assert.ok(body.message.length > 10);
    }
    const filterChars = await attach([{ targetId: 'email', account: '*)(uid=*', password: MAIL_PASSWORD }]);
    assert.equal((await filterChars.json()).results[0].outcome, 'wrong_account_or_password');
    assert.equal((await t.send('GET', '/api/accounts')).status, 401);
    assert.equal((await t.send('POST', '/api/accounts/attach', { json: { rows: [] } })).status, 401);
  });
});
