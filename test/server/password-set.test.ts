/**
 * "Set a new password" (`POST /api/password/set`): after proving identity through "Forgot your
 * password?" (level set-password, reason reset) or after signing in with a temporary password
 * (reason temporary). No current password; 10 minutes; then the session moves on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { verifyAuditTrail } from '../../server/audit/verify-audit-trail';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { alex, createTestApp, MINUTE, PASSWORD, sessionCookie, signIn, startSession, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'purple elephants dance quietly';

const employee = (userId: string, displayName: string, extra: { mustChangePassword?: boolean } = {}) => ({
  ...alex,
  userId,
  employeeId: `E-${userId}`,
  displayName,
  ...extra,
});

describe('set a new password', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      employees: [
        alex,
        employee('100020', 'Temporary One', { mustChangePassword: true }),
        employee('100021', 'Reset Enrolled'),
        employee('100022', 'Reset Unenrolled'),
        employee('100023', 'Slow Typist', { mustChangePassword: true }),
        employee('100024', 'Other Devices'),
        employee('100025', 'Policy Check'),
      ],
    });
  });
  after(() => t.close());

  const set = (cookie: string, newPassword: string, headers: Record<string, string> = {}) =>
    t.send('POST', '/api/password/set', { cookie, json: { newPassword }, headers });
  const employeeRow = async (userId: string) => (await findEmployeeByUserId(t.store, userId))!;
  const lastEvent = async (userId: string) => {
    const table = t.store.t.auditEvents;
    const rows = await t.store.db
      .select()
      .from(table)
      .where(eq(table.subjectId, (await employeeRow(userId)).id))
      .orderBy(table.seq);
    return rows.at(-1);
  };
  const enrolQuestions = async (userId: string) => {
    const { id } = await employeeRow(userId);
    await t.store.write((w) =>
      w.db.insert(w.t.securityAnswers).values(
        [1, 2, 3, 4, 5].map((position) => ({
          employeeId: id,
          position,
          questionId: `q${position}`,
          customQuestion: null,
          customLanguage: null,
          answerHash: '$argon2id$not-a-real-hash',
          createdAt: t.clock.now(),
        })),
      ),
    );
  };

  test('a temporary password: sign-in gives a set-password session; a new password ends the flag and leads to enrolment', async () => {
    const signedIn = await t.send('POST', '/api/auth/password', { json: { userId: '100020', password: PASSWORD } });
    const body = await signedIn.json();
    assert.equal(body.access.level, 'set-password');
    assert.equal(body.access.reason, 'temporary');
    const cookie = sessionCookie(signedIn);

    const response = await set(cookie, NEW_PASSWORD);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'enrol' } }, 'no enrolled method: enrol next');
    const next = sessionCookie(response);
    assert.notEqual(next, cookie);
    const session = await (await t.send('GET', '/api/auth/session', { cookie: next })).json();
    assert.deepEqual(session.access, { level: 'enrol' });
    assert.equal((await t.send('GET', '/api/auth/session', { cookie })).status, 200);
    assert.deepEqual(await (await t.send('GET', '/api/auth/session', { cookie })).json(), { signedIn: false }, 'the old token is gone');

    assert.equal((await employeeRow('100020')).mustChangePassword, false);
    const event = await lastEvent('100020');
    assert.deepEqual(
      [event?.type, event?.outcome, event?.method, event?.details],
      ['password_changed', 'success', 'password', { temporary: true, otherSessionsEnded: 0 }],
    );

    const again = await t.send('POST', '/api/auth/password', { json: { userId: '100020', password: NEW_PASSWORD } });
    assert.deepEqual(await again.json(), { access: { level: 'full' } }, 'the next sign-in is a normal one');
  });

  test('after a reset by security questions: audited as a reset, then My Profile (questions enrolled)', async () => {
    await enrolQuestions('100021');
    const cookie = await startSession(t, '100021', { level: 'set-password', reason: 'reset' });
    const response = await set(cookie, NEW_PASSWORD);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'full' } });
    assert.equal((await t.send('GET', '/api/profile', { cookie: sessionCookie(response) })).status, 200);
    const event = await lastEvent('100021');
    assert.deepEqual([event?.type, event?.outcome, event?.method], ['password_reset', 'success', 'questions']);
    const signedIn = await t.send('POST', '/api/auth/password', { json: { userId: '100021', password: NEW_PASSWORD } });
    assert.equal(signedIn.status, 200);
  });

  test('a reset clears the lock that forgetting the password earned', async () => {
    await enrolQuestions('100022');
    for (let i = 0; i < 5; i++) await t.send('POST', '/api/auth/password', { json: { userId: '100022', password: `forgot ${i}` } });
    assert.equal((await t.send('POST', '/api/auth/password', { json: { userId: '100022', password: PASSWORD } })).status, 429);
    const cookie = await startSession(t, '100022', { level: 'set-password', reason: 'reset' });
    assert.equal((await set(cookie, NEW_PASSWORD)).status, 200);
    assert.equal((await t.send('POST', '/api/auth/password', { json: { userId: '100022', password: NEW_PASSWORD } })).status, 200);
  });

  test("the employee's other sessions end", async () => {
    const laptop = await signIn(t, '100024');
    const cookie = await startSession(t, '100024', { level: 'set-password', reason: 'reset' });
    const response = await set(cookie, NEW_PASSWORD);
    assert.equal(response.status, 200);
    assert.equal((await t.send('GET', '/api/profile', { cookie: laptop })).status, 401);
    assert.equal((await lastEvent('100024'))?.details.otherSessionsEnded, 1);
  });

  test('the set-password level lasts 10 minutes', async () => {
    const signedIn = await t.send('POST', '/api/auth/password', { json: { userId: '100023', password: PASSWORD } });
    const cookie = sessionCookie(signedIn);
    t.clock.advance(9 * MINUTE);
    assert.equal((await set(cookie, 'short')).status, 400, 'still open after 9 minutes');
    t.clock.advance(MINUTE + 1000);
    const late = await set(cookie, NEW_PASSWORD);
    assert.equal(late.status, 401);
    assert.equal((await late.json()).error, 'unauthenticated');
    assert.equal((await employeeRow('100023')).mustChangePassword, true, 'nothing was saved');
  });

  test('only a session at the set-password level may set a password without the current one', async () => {
    const full = await signIn(t);
    const response = await set(full, NEW_PASSWORD, { 'accept-language': 'fr' });
    assert.equal(response.status, 403);
    const body = await response.json();
    assert.equal(body.error, 'restricted_session');
    assert.equal((await set('', NEW_PASSWORD)).status, 401);
    const enrolling = await startSession(t, alex.userId, { level: 'enrol' });
    assert.equal((await set(enrolling, NEW_PASSWORD)).status, 403);
  });

  test('a set-password session cannot change a password nor reach My Profile', async () => {
    const cookie = await startSession(t, '100025', { level: 'set-password', reason: 'reset' });
    const change = await t.send('POST', '/api/password/change', { cookie, json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    assert.equal(change.status, 403);
    assert.equal((await t.send('GET', '/api/profile', { cookie })).status, 403);
    assert.equal((await t.send('GET', '/api/password/policy', { cookie })).status, 200, 'its screen reads the policy');
  });

  test('the same policy: failures name the rules; the current password counts as recent', async () => {
    const cookie = await startSession(t, '100025', { level: 'set-password', reason: 'reset' });
    const cases: Array<[string, string[]]> = [
      ['short', ['length']],
      ['policy check 2026!', ['no-name']],
      ['100025 and more text', ['no-user-id']],
      ['123456789012', ['not-common']],
      [PASSWORD, ['not-recent']],
    ];
    for (const [candidate, rules] of cases) {
      const response = await set(cookie, candidate);
      assert.equal(response.status, 400, candidate);
      assert.deepEqual((await response.json()).failedRules, rules, candidate);
    }
    const french = await (await set(cookie, PASSWORD, { 'accept-language': 'fr' })).json();
    assert.match(french.message, /ne pas être l'un de vos 5 derniers mots de passe\.$/);
    assert.equal((await employeeRow('100025')).passwordHash.startsWith('$argon2id$'), true);
  });

  test('bad input is a 4xx with a message, never a 500', async () => {
    const cookie = await startSession(t, '100025', { level: 'set-password', reason: 'reset' });
    for (const body of [
      {},
      { newPassword: 12 },
      { newPassword: '' },
      { newPassword: 'z'.repeat(1025) },
      { newPassword: NEW_PASSWORD, currentPassword: 'x' },
    ]) {
      const response = await t.send('POST', '/api/password/set', { cookie, json: body });
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 60));
      assert.equal((await response.json()).error, 'invalid_request');
    }
    const tooLong = await set(cookie, '😀'.repeat(129));
    assert.equal(tooLong.status, 400);
    assert.deepEqual((await tooLong.json()).failedRules, ['length']);
    const notJson = await t.send('POST', '/api/password/set', {
      cookie,
      body: 'newPassword=abc',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(notJson.status, 400);
  });

  test('the audit chain verifies after all of it', async () => {
    const report = await verifyAuditTrail(t.store);
    assert.equal(report.ok, true, JSON.stringify(report));
    const text = JSON.stringify(await t.store.db.select().from(t.store.t.auditEvents));
    for (const secret of [PASSWORD, NEW_PASSWORD, '$argon2']) assert.ok(!text.includes(secret), secret);
  });
});
