/**
 * The seams the next methods, roles and directories plug into: a method registered in a test
 * build of the services is offered, can reset, and counts as enrolled for the forced step; a
 * route that needs a role refuses everyone else; failure counters are found by user ID.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { findUserThrottles } from '../../server/db/queries/throttles';
import type { AppEnv } from '../../server/http/app-env';
import { SIGN_IN_METHODS } from '../../server/methods/method-registry';
import type { SignInMethod } from '../../server/methods/sign-in-method';
import { requireSession } from '../../server/sessions/require-session';
import type { MethodId } from '../../shared/methods';
import { alex, createTestApp, PASSWORD, signIn, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'a long enough new passphrase';
const enrolledInFake = new Set(['100021']);

/** A method that is not built: a phone that can prove identity, enrolled by one employee only. */
const fakeDevice: SignInMethod = {
  // Not one of shared/methods.ts's ids: only this test build knows it.
  id: 'fake-device' as MethodId,
  routes: [],
  canReset: true,
  lockoutScope: 'fake-device',
  isEnrolled: (employee) => Promise.resolve(enrolledInFake.has(employee.userId)),
};

const temporary = (userId: string) => ({ ...alex, userId, employeeId: `E-${userId}`, mustChangePassword: true });

describe('a sign-in method registered once', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      employees: [alex, temporary('100021'), temporary('100022')],
      services: { methods: [...SIGN_IN_METHODS, fakeDevice] },
    });
  });
  after(() => t.close());

  test('is offered to every user ID, after the real ones', async () => {
    const response = await t.send('POST', '/api/auth/identify', { json: { userId: '100001' } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { methods: ['password', 'questions', 'mobile', 'fake-device'] });
  });

  test('is among the methods that can reset a password when it can', () => {
    assert.deepEqual(t.services.methods.resetCapable(), ['questions', 'mobile', 'fake-device']);
  });

  test('an employee who enrolled only it is not sent to enrol after a temporary password', async () => {
    const cookie = await signIn(t, '100021', PASSWORD);
    const response = await t.send('POST', '/api/password/set', { cookie, json: { newPassword: NEW_PASSWORD } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'full' } });
  });

  test('an employee who enrolled nothing is', async () => {
    const cookie = await signIn(t, '100022', PASSWORD);
    const response = await t.send('POST', '/api/password/set', { cookie, json: { newPassword: NEW_PASSWORD } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { access: { level: 'enrol' } });
  });
});

describe('a route that needs a role', () => {
  let t: TestApp;
  const sam = {
    ...alex,
    userId: '900001',
    employeeId: 'E-290001',
    displayName: 'Sam Ouellet',
    roles: ['employee' as const, 'helpdesk' as const],
  };
  let probe: Hono<AppEnv>;
  before(async () => {
    t = await createTestApp({ employees: [alex, sam] });
    // A test-only route, guarded as the help desk's will be.
    probe = new Hono<AppEnv>().get('/helpdesk-probe', requireSession(t.services.sessions, { area: 'profile', roles: ['helpdesk'] }), (c) =>
      c.json({ ok: true }, 200),
    );
  });
  after(() => t.close());

  const call = (cookie?: string) => probe.request('/helpdesk-probe', { headers: cookie ? { cookie } : {} });

  test('refuses an employee without the role with 403 forbidden', async () => {
    const response = await call(await signIn(t, alex.userId));
    assert.equal(response.status, 403);
    assert.deepEqual(await response.json(), { error: 'forbidden', message: 'You do not have access to this.' });
  });

  test('lets a help-desk user through', async () => {
    const response = await call(await signIn(t, sam.userId));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
  });

  test('still answers 401 without a session', async () => {
    assert.equal((await call()).status, 401);
  });
});

describe('failure counters', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('are found by user ID, one per method, apart from the address', async () => {
    await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: 'wrong password' } });
    await t.send('POST', '/api/auth/questions/start', { json: { userId: alex.userId, purpose: 'sign-in' } });
    const answers = [1, 2, 3].map((position) => ({ position, answer: 'wrong' }));
    await t.send('POST', '/api/auth/questions/answer', { json: { userId: alex.userId, purpose: 'sign-in', answers } });
    const rows = await findUserThrottles(t.store, alex.userId);
    assert.deepEqual(rows.map((row) => [row.kind, row.method, row.subject, row.failures]).sort(), [
      ['user', 'password', alex.userId, 1],
      ['user', 'questions', alex.userId, 1],
    ]);
  });
});
