/**
 * My Profile → Change password (`POST /api/password/change`), the policy the browser reads
 * and the common-password range it asks.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { verifyAuditTrail } from '../../server/audit/verify-audit-trail';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { alex, createTestApp, MINUTE, PASSWORD, sessionCookie, signIn, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'purple elephants dance quietly';

const employee = (userId: string, displayName: string) => ({ ...alex, userId, employeeId: `E-${userId}`, displayName });

describe('change password', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      employees: [
        alex,
        employee('100010', 'Other Sessions'),
        employee('100011', 'Lock Me'),
        employee('100012', 'History Keeper'),
        employee('100013', 'Audit Trail'),
        employee('100014', 'Marie-Ève Côté'),
        employee('100015', 'Bad Input'),
      ],
    });
  });
  after(() => t.close());

  const change = (cookie: string, currentPassword: string, newPassword: string, headers: Record<string, string> = {}) =>
    t.send('POST', '/api/password/change', { cookie, json: { currentPassword, newPassword }, headers });
  const profile = (cookie: string) => t.send('GET', '/api/profile', { cookie });
  const events = async (userId: string) => {
    const id = (await findEmployeeByUserId(t.store, userId))?.id;
    const table = t.store.t.auditEvents;
    return t.store.db
      .select()
      .from(table)
      .where(eq(table.subjectId, id ?? ''))
      .orderBy(table.seq);
  };

  test('the policy the browser needs: the defaults', async () => {
    const cookie = await signIn(t);
    const response = await t.send('GET', '/api/password/policy', { cookie });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { minLength: 12, maxLength: 128, require: [], historySize: 5 });
    assert.equal((await t.send('GET', '/api/password/policy')).status, 401, 'only for a signed-in employee');
  });

  test('the common-password range: the suffixes under a prefix, the password itself never sent', async () => {
    const cookie = await signIn(t);
    const digest = createHash('sha1').update('password1234').digest('hex').toUpperCase();
    const response = await t.send('GET', `/api/password/common-range/${digest.slice(0, 5)}`, { cookie });
    assert.equal(response.status, 200);
    const { suffixes } = await response.json();
    assert.ok(suffixes.includes(digest.slice(5)), 'password1234 is listed');
    assert.ok(suffixes.every((s: string) => /^[0-9A-F]{35}$/.test(s)));
    const lower = await t.send('GET', `/api/password/common-range/${digest.slice(0, 5).toLowerCase()}`, { cookie });
    assert.deepEqual(await lower.json(), { suffixes });
  });

  test('a range prefix that is not 5 hexadecimal digits is a 400 naming it', async () => {
    const cookie = await signIn(t);
    for (const prefix of ['abcd', 'abcdef', 'ghijk', '%00abc', 'a'.repeat(5000)]) {
      const response = await t.send('GET', `/api/password/common-range/${prefix}`, { cookie });
      assert.equal(response.status, 400, prefix);
      const body = await response.json();
      assert.equal(body.error, 'invalid_request');
      assert.deepEqual(body.fields, ['prefix']);
    }
    assert.equal((await t.send('GET', '/api/password/common-range/abcde')).status, 401);
  });

  test('the right current password and a good new one: saved, this session stays under a new cookie', async () => {
    const cookie = await signIn(t);
    const response = await change(cookie, PASSWORD, NEW_PASSWORD);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'full' } });
    const rotated = sessionCookie(response);
    assert.notEqual(rotated, cookie);
    assert.equal((await profile(rotated)).status, 200);
    assert.equal((await profile(cookie)).status, 401, 'the old token no longer works');

    const oldSignIn = await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: PASSWORD } });
    assert.equal(oldSignIn.status, 401);
    const newSignIn = await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: NEW_PASSWORD } });
    assert.equal(newSignIn.status, 200);
  });

  test("the employee's other sessions end; this one goes on", async () => {
    const [phone, kiosk, desk] = [await signIn(t, '100010'), await signIn(t, '100010'), await signIn(t, '100010')];
    const aliceElsewhere = await signIn(t, '100011');
    const response = await change(desk, PASSWORD, NEW_PASSWORD);
    assert.equal(response.status, 200);
    assert.equal((await profile(phone)).status, 401);
    assert.equal((await profile(kiosk)).status, 401);
    assert.equal((await profile(sessionCookie(response))).status, 200);
    assert.equal((await profile(aliceElsewhere)).status, 200, "another employee's session is not touched");
    const [last] = (await events('100010')).slice(-1);
    assert.deepEqual([last?.type, last?.outcome, last?.details], ['password_changed', 'success', { otherSessionsEnded: 2 }]);
  });

  test('a wrong current password is a 401; the fifth locks the password method, sign-in included', async () => {
    const cookie = await signIn(t, '100011');
    for (let i = 1; i <= 4; i++) {
      const response = await change(cookie, `wrong ${i}`, NEW_PASSWORD);
      assert.equal(response.status, 401, `attempt ${i}`);
      assert.deepEqual(await response.json(), { error: 'invalid_credentials', message: 'The user ID or password is incorrect.' });
    }
    const fifth = await change(cookie, 'wrong 5', NEW_PASSWORD);
    assert.equal(fifth.status, 429);
    assert.equal((await fifth.json()).error, 'locked');
    assert.equal(fifth.headers.get('retry-after'), String(15 * 60));
    const right = await change(cookie, PASSWORD, NEW_PASSWORD);
    assert.equal(right.status, 429, 'locked even for the right password');
    const signInNow = await t.send('POST', '/api/auth/password', { json: { userId: '100011', password: PASSWORD } });
    assert.equal(signInNow.status, 429, 'the same lock as password sign-in');

    const trail = (await events('100011')).filter((e) => e.type !== 'sign_in');
    assert.deepEqual(
      trail.map((e) => [e.type, e.outcome]),
      [
        ['password_changed', 'failure'],
        ['password_changed', 'failure'],
        ['password_changed', 'failure'],
        ['password_changed', 'failure'],
        ['password_changed', 'failure'],
        ['lockout', 'locked'],
        ['password_changed', 'locked'],
      ],
    );
    t.clock.advance(15 * MINUTE + 1000);
    const later = await signIn(t, '100011');
    assert.equal((await change(later, PASSWORD, NEW_PASSWORD)).status, 200, 'the lock ends');
  });

  test('failures of password sign-in and of the current password add up', async () => {
    const userId = '100013';
    const cookie = await signIn(t, userId);
    for (let i = 0; i < 4; i++) await t.send('POST', '/api/auth/password', { json: { userId, password: `nope ${i}` } });
    assert.equal((await change(cookie, 'still wrong', NEW_PASSWORD)).status, 429);
  });

  test('a refused new password costs no guess at the current one', async () => {
    const userId = '100014';
    const cookie = await signIn(t, userId);
    for (let i = 0; i < 8; i++) assert.equal((await change(cookie, `wrong ${i}`, 'short')).status, 400);
    assert.equal((await change(cookie, PASSWORD, NEW_PASSWORD)).status, 200);
  });

  test('a policy failure names every broken rule, in English…', async () => {
    const cookie = await signIn(t, '100012');
    const cases: Array<[string, string[], RegExp]> = [
      ['short', ['length'], /must: be 12 to 128 characters long\.$/],
      ['x'.repeat(129), ['length'], /be 12 to 128 characters long/],
      ['my id is 100012 ok', ['no-user-id'], /must: not contain your user ID\.$/],
      ['History Keeper 2026', ['no-name'], /must: not contain your name\.$/],
      ['Password1234', ['not-common'], /must: not be a common password, or one exposed in a data breach\.$/],
      ['keeper', ['length', 'no-name'], /must: be 12 to 128 characters long; not contain your name\.$/],
    ];
    for (const [candidate, rules, message] of cases) {
      const response = await change(cookie, PASSWORD, candidate);
      assert.equal(response.status, 400, candidate);
      const body = await response.json();
      assert.equal(body.error, 'password_policy');
      assert.deepEqual(body.failedRules, rules, candidate);
      assert.match(body.message, /^This password cannot be used\. A new password must: /);
      assert.match(body.message, message);
    }
  });

  test('…and in French', async () => {
    const cookie = await signIn(t, '100012');
    const response = await change(cookie, PASSWORD, 'keeper', { 'accept-language': 'fr-CA' });
    const body = await response.json();
    assert.deepEqual(body.failedRules, ['length', 'no-name']);
    assert.equal(
      body.message,
      'Ce mot de passe ne peut pas être utilisé. Un nouveau mot de passe doit\u00a0: compter de 12 à 128 caractères; ne pas contenir votre nom.',
    );
    const common = await (await change(cookie, PASSWORD, 'qwertyuiop123', { 'accept-language': 'fr' })).json();
    assert.match(common.message, /ne pas être un mot de passe courant ni un mot de passe exposé lors d'une fuite de données\.$/);
  });

  test('none of the last 5 passwords may come back; the sixth may', async () => {
    const userId = '100012';
    let cookie = await signIn(t, userId);
    const passwords = [PASSWORD, ...Array.from({ length: 5 }, (_, i) => `retired passphrase number ${i + 1}`)];
    for (let i = 1; i < passwords.length; i++) {
      t.clock.advance(MINUTE);
      const response = await change(cookie, passwords[i - 1]!, passwords[i]!);
      assert.equal(response.status, 200, `change ${i}`);
      cookie = sessionCookie(response);
    }
    const current = passwords.at(-1)!;
    for (const recent of passwords.slice(1)) {
      const response = await change(cookie, current, recent);
      assert.equal(response.status, 400, recent);
      const body = await response.json();
      assert.deepEqual(body.failedRules, ['not-recent']);
      assert.match(body.message, /must: not be one of your last 5 passwords\.$/);
    }
    const id = (await findEmployeeByUserId(t.store, userId))!.id;
    const history = await t.store.db.select().from(t.store.t.passwordHistory).where(eq(t.store.t.passwordHistory.employeeId, id));
    assert.equal(history.length, 4, 'the current password and 4 retired ones make the last 5');
    assert.ok(
      history.every((row) => row.passwordHash.startsWith('$argon2id$')),
      'kept as hashes only',
    );

    t.clock.advance(MINUTE);
    const oldest = await change(cookie, current, PASSWORD);
    assert.equal(oldest.status, 200, 'the password before the last 5 is accepted again');
  });

  test('two changes at once: one wins, the other is refused rather than saved over it', async () => {
    const userId = '100013';
    t.clock.advance(16 * MINUTE); // past the lock an earlier test earned
    const [first, second] = [await signIn(t, userId), await signIn(t, userId)];
    const answers = await Promise.all([change(first, PASSWORD, 'first new passphrase'), change(second, PASSWORD, 'second new passphrase')]);
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 401]);
    const winner = answers[0]!.status === 200 ? 'first new passphrase' : 'second new passphrase';
    const loser = winner === 'first new passphrase' ? 'second new passphrase' : 'first new passphrase';
    assert.equal((await t.send('POST', '/api/auth/password', { json: { userId, password: winner } })).status, 200);
    assert.equal((await t.send('POST', '/api/auth/password', { json: { userId, password: loser } })).status, 401);
  });

  test('the must-change flag is cleared by a change', async () => {
    const cookie = await signIn(t, '100010', NEW_PASSWORD);
    const id = (await findEmployeeByUserId(t.store, '100010'))!.id;
    // A help-desk reset would set it; a session already at full level keeps working meanwhile.
    await t.store.write((w) => w.db.update(w.t.employees).set({ mustChangePassword: true }).where(eq(w.t.employees.id, id)));
    const response = await change(cookie, NEW_PASSWORD, 'a brand new passphrase');
    assert.equal(response.status, 200);
    assert.equal((await findEmployeeByUserId(t.store, '100010'))!.mustChangePassword, false);
  });

  test('no secret reaches the audit trail, and the chain verifies', async () => {
    const text = JSON.stringify(await t.store.db.select().from(t.store.t.auditEvents));
    for (const secret of [PASSWORD, NEW_PASSWORD, 'retired passphrase number', 'wrong 5', '$argon2'])
      assert.ok(!text.includes(secret), secret);
    const report = await verifyAuditTrail(t.store);
    assert.equal(report.ok, true, JSON.stringify(report));
  });

  test('needs a full session: 401 without one', async () => {
    const response = await t.send('POST', '/api/password/change', { json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'unauthenticated');
  });

  test('bad input is a 4xx with a message, never a 500', async () => {
    const cookie = await signIn(t, '100015');
    const send = (body: unknown, raw = false) =>
      t.send(
        'POST',
        '/api/password/change',
        raw ? { cookie, body: body as string, headers: { 'content-type': 'application/json' } } : { cookie, json: body },
      );
    const cases: Array<[unknown, boolean, number, string[] | undefined]> = [
      [{ currentPassword: NEW_PASSWORD }, false, 400, ['newPassword']],
      [{ currentPassword: 5, newPassword: NEW_PASSWORD }, false, 400, ['currentPassword']],
      [{ currentPassword: NEW_PASSWORD, newPassword: ['a'] }, false, 400, ['newPassword']],
      [{ currentPassword: NEW_PASSWORD, newPassword: 'n'.repeat(2000) }, false, 400, ['newPassword']],
      [{ currentPassword: '', newPassword: NEW_PASSWORD }, false, 400, ['currentPassword']],
      [{ currentPassword: NEW_PASSWORD, newPassword: NEW_PASSWORD, admin: true }, false, 400, ['(body)']],
      ['{"currentPassword": ', true, 400, undefined],
      [null, false, 400, undefined],
    ];
    for (const [body, raw, status, fields] of cases) {
      const response = await send(body, raw);
      assert.equal(response.status, status, JSON.stringify(body).slice(0, 80));
      const json = await response.json();
      assert.equal(typeof json.message, 'string');
      assert.ok(json.message.length > 0);
      if (fields) assert.deepEqual(json.fields, fields);
    }
    const huge = await t.send('POST', '/api/password/change', { cookie, json: { currentPassword: 'x', newPassword: 'y'.repeat(20_000) } });
    assert.equal(huge.status, 413);
  });
});

describe('change password under a directory that demands composition', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      env: { SESAME_PASSWORD_REQUIRE: 'upper,digit,symbol', SESAME_PASSWORD_MIN_LENGTH: '14', SESAME_PASSWORD_HISTORY: '1' },
    });
  });
  after(() => t.close());

  test('the policy says so, and the failure names the missing classes', async () => {
    const cookie = await signIn(t);
    assert.deepEqual(await (await t.send('GET', '/api/password/policy', { cookie })).json(), {
      minLength: 14,
      maxLength: 128,
      require: ['upper', 'digit', 'symbol'],
      historySize: 1,
    });
    const response = await t.send('POST', '/api/password/change', {
      cookie,
      json: { currentPassword: PASSWORD, newPassword: 'purple elephants dance' },
    });
    const body = await response.json();
    assert.deepEqual(body.failedRules, ['upper', 'digit', 'symbol']);
    assert.match(body.message, /must: contain an uppercase letter; contain a digit; contain a symbol, such as ! or #\.$/);
  });

  test('a history of 1 refuses only the current password', async () => {
    const cookie = await signIn(t);
    const first = 'Purple elephants #1';
    const response = await t.send('POST', '/api/password/change', { cookie, json: { currentPassword: PASSWORD, newPassword: first } });
    assert.equal(response.status, 200);
    const next = sessionCookie(response);
    const again = await t.send('POST', '/api/password/change', { cookie: next, json: { currentPassword: first, newPassword: first } });
    assert.equal(again.status, 400);
    assert.match((await again.json()).message, /not be your current password\.$/);
  });
});
