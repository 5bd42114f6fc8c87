/**
 * Changing a proof needs a recent proof (step-up): replacing the security questions asks a full
 * session for a sign-in or a re-authentication within SESAME_RECENT_PROOF_MINUTES (5), so that a
 * borrowed session cannot replace them and then reset the password with the new answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { goodSet } from './support/security-questions';
import { alex, createTestApp, MINUTE, PASSWORD, sessionCookie, signIn, startSession, type TestApp } from './support/test-app';

const kim = { ...alex, userId: '100020', employeeId: 'E-200020', displayName: 'Kim Lavoie' };
const noa = { ...alex, userId: '100021', employeeId: 'E-200021', displayName: 'Noa Pelletier' };
const enrolling = { ...alex, userId: '100022', employeeId: 'E-200022', displayName: 'Enrol Me' };

describe('step-up: replacing security questions needs a recent proof', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [alex, kim, noa, enrolling] });
  });
  after(() => t.close());

  const put = (cookie: string, language = 'en') =>
    t.send('PUT', '/api/profile/security-questions', { json: { questions: goodSet() }, cookie, headers: { 'accept-language': language } });
  const reauthenticate = (cookie: string, password: string) => t.send('POST', '/api/auth/reauthenticate', { json: { password }, cookie });
  const signInAs = (userId: string, password = PASSWORD) => t.send('POST', '/api/auth/password', { json: { userId, password } });

  test('a sign-in is a recent proof: the session may replace its questions for 5 minutes', async () => {
    const cookie = sessionCookie(await signInAs(alex.userId));
    const session = await (await t.send('GET', '/api/auth/session', { cookie })).json();
    assert.equal(session.recentProofUntil, new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString());
    t.clock.advance(4 * MINUTE);
    assert.equal((await put(cookie)).status, 200);
  });

  test('a session whose proof is older than 5 minutes is refused, in the caller’s language, and told so by the session', async () => {
    const cookie = await signIn(t);
    t.clock.advance(5 * MINUTE + 1000);
    const refused = await put(cookie);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), {
      error: 'reauthentication_required',
      message: 'To change how you prove who you are, enter your password again.',
    });
    const french = await (await put(cookie, 'fr')).json();
    assert.equal(french.message, 'Pour changer la façon dont vous prouvez votre identité, entrez de nouveau votre mot de passe.');
    // Reading what is enrolled changes nothing: not asked.
    assert.equal((await t.send('GET', '/api/profile/security-questions', { cookie })).status, 200);
    const session = await (await t.send('GET', '/api/auth/session', { cookie })).json();
    assert.ok(Date.parse(session.recentProofUntil) <= t.clock.now().getTime());
  });

  test('after re-authentication with the current password it passes, under a new token, audited', async () => {
    const cookie = await signIn(t);
    t.clock.advance(10 * MINUTE);
    const confirmed = await reauthenticate(cookie, PASSWORD);
    assert.equal(confirmed.status, 200);
    assert.deepEqual(await confirmed.json(), {
      access: { level: 'full' },
      recentProofUntil: new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString(),
    });
    const renewed = sessionCookie(confirmed);
    assert.notEqual(renewed, cookie);
    assert.equal((await t.send('GET', '/api/profile', { cookie })).status, 401, 'the old token stops working');
    assert.equal((await put(renewed)).status, 200);

    const { events } = await (await t.send('GET', '/api/profile/activity', { cookie: renewed })).json();
    assert.deepEqual(
      events.slice(0, 2).map((e: { type: string; outcome: string }) => `${e.type}:${e.outcome}`),
      ['questions_enrolled:success', 'reauthenticated:success'],
    );
  });

  test('a re-authentication is a proof for 5 minutes only', async () => {
    const cookie = sessionCookie(await reauthenticate(await signIn(t), PASSWORD));
    t.clock.advance(6 * MINUTE);
    assert.equal((await put(cookie)).status, 403);
  });

  test('a wrong password is refused, counted and audited, and locks "Use password" with the same lock', async () => {
    const cookie = await signIn(t, kim.userId);
    t.clock.advance(6 * MINUTE);
    for (let i = 0; i < 4; i++) {
      const wrong = await reauthenticate(cookie, 'not my password');
      assert.equal(wrong.status, 401);
      assert.equal((await wrong.json()).error, 'invalid_credentials');
    }
    const locking = await reauthenticate(cookie, 'not my password');
    assert.equal(locking.status, 429);
    assert.equal((await locking.json()).error, 'locked');
    // Locked now, even with the right password, here and at sign-in.
    assert.equal((await reauthenticate(cookie, PASSWORD)).status, 429);
    const atSignIn = await signInAs(kim.userId);
    assert.equal(atSignIn.status, 429);
    assert.equal((await atSignIn.json()).error, 'locked');
    assert.equal((await put(cookie)).status, 403, 'still no recent proof');

    const { events } = await (await t.send('GET', '/api/profile/activity', { cookie })).json();
    const failures = events.filter((e: { type: string }) => e.type === 'reauthenticated');
    assert.ok(failures.length >= 5, JSON.stringify(events));
  });

  test('a correct re-authentication clears the failures counted before it', async () => {
    const cookie = await signIn(t, noa.userId);
    for (let i = 0; i < 4; i++) assert.equal((await reauthenticate(cookie, 'not my password')).status, 401);
    assert.equal((await reauthenticate(cookie, PASSWORD)).status, 200);
    for (let i = 0; i < 4; i++) assert.equal((await signInAs(noa.userId, 'still not it')).status, 401);
    assert.equal((await signInAs(noa.userId)).status, 200, 'four failures since: not locked');
  });

  test('the enrolment forced after a temporary password is not asked again', async () => {
    const cookie = await startSession(t, enrolling.userId, { level: 'enrol' }, 'password');
    t.clock.advance(9 * MINUTE);
    const session = await (await t.send('GET', '/api/auth/session', { cookie })).json();
    assert.equal(session.recentProofUntil, null, 'not asked at this level');
    const response = await put(cookie);
    assert.equal(response.status, 200);
    assert.deepEqual((await response.json()).access, { level: 'full' });
  });

  test('re-authenticating needs a session, and a full one', async () => {
    assert.equal((await t.send('POST', '/api/auth/reauthenticate', { json: { password: PASSWORD } })).status, 401);
    const limited = await startSession(t, alex.userId, { level: 'set-password', reason: 'reset' });
    const refused = await reauthenticate(limited, PASSWORD);
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error, 'restricted_session');
    assert.equal((await t.send('POST', '/api/auth/reauthenticate', { json: {}, cookie: await signIn(t) })).status, 400);
  });

  test('the employee’s other sessions see the change in Recent activity, and stay open', async () => {
    const other = await signIn(t, noa.userId);
    const here = await signIn(t, noa.userId);
    assert.equal((await put(here)).status, 200);
    const seen = await t.send('GET', '/api/profile/activity', { cookie: other });
    assert.equal(seen.status, 200);
    const { events } = await seen.json();
    assert.equal(events[0].type, 'questions_enrolled');
  });
});

describe('step-up: SESAME_RECENT_PROOF_MINUTES', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { SESAME_RECENT_PROOF_MINUTES: '1' } });
  });
  after(() => t.close());

  test('sets how long a proof stays recent', async () => {
    const cookie = await signIn(t);
    t.clock.advance(MINUTE + 1000);
    const response = await t.send('PUT', '/api/profile/security-questions', { json: { questions: goodSet() }, cookie });
    assert.equal(response.status, 403);
  });
});
