/**
 * Guesses sent in parallel (issue 7, item 1): the per-address cap and the per-user lock count an
 * attempt before its secret is checked, for every method, so that no burst gets more checks
 * than the cap; and correct sign-ins in flight together are not turned into a lock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAttemptWaiters } from '../../server/throttle/attempt-waiters';
import { createAttemptGuard } from '../../server/throttle/guarded-attempt';
import { createLockout } from '../../server/throttle/lockout';
import { passwordMethod } from '../../server/methods/password/password-method';
import { alex, createTestApp, PASSWORD, type TestApp } from './support/test-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('parallel guessing', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('300 attempts at once across 300 user IDs from one address: no more checks than the cap of 100', async () => {
    const { store, config, clock } = t;
    const guard = createAttemptGuard(
      createLockout(store, config.lockout, clock.now),
      config.lockout,
      t.services.audit,
      createAttemptWaiters(),
      clock.now,
    );
    let checks = 0;
    const context = { ip: '192.0.2.10', userAgent: 'burst' };
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        guard.attempt({ method: passwordMethod, userId: `7${String(i).padStart(5, '0')}`, context, purpose: 'sign-in' }, async () => {
          checks++;
          await pause(5);
          return null;
        }),
      ),
    );
    assert.equal(config.lockout.ipThreshold, 100);
    assert.ok(checks <= 100, `${checks} checks`);
    assert.equal(outcomes.filter((o) => !o.ok && o.reason === 'rate_limited').length, 300 - checks + 1);
  });

  test('over HTTP, correct passwords sent past the cap are refused with the rest', async () => {
    const late = Array.from({ length: 5 }, (_, i) => ({ ...alex, userId: `80000${i}`, employeeId: `E-8${i}` }));
    const { addEmployee } = await import('../../server/directory/sql-directory');
    for (const employee of late) await addEmployee(t.store, employee);
    const guesses = Array.from({ length: 300 }, (_, i) => ({ userId: `71${String(i).padStart(4, '0')}`, password: `guess ${i}` }));
    const rights = late.map((e) => ({ userId: e.userId, password: PASSWORD }));
    // Every request here comes from one address (the test app's); start from a clean slate.
    await t.services.store.write((w) => w.db.delete(w.t.throttles));
    const responses = await Promise.all([...guesses, ...rights].map((json) => t.send('POST', '/api/auth/password', { json })));
    const statuses = responses.map((r) => r.status);
    const checked = statuses.filter((s) => s === 200 || s === 401).length;
    assert.ok(checked <= 100, `${checked} checked`);
    assert.ok(statuses.filter((s) => s === 429).length >= 200);
  });

  test('the security-question answers share the cap: no more than 100 of 200 are checked', async () => {
    await t.services.store.write((w) => w.db.delete(w.t.throttles));
    const answers = [1, 2, 3].map((position) => ({ position, answer: 'nothing' }));
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.send('POST', '/api/auth/questions/answer', { json: { userId: `72${String(i).padStart(4, '0')}`, purpose: 'sign-in', answers } }),
      ),
    );
    const wrong = responses.filter((r) => r.status === 401).length;
    assert.ok(wrong <= 100, `${wrong} checked`);
    assert.ok(responses.filter((r) => r.status === 429).length >= 100);
  });

  test('six correct sign-ins sent at once for one user ID all succeed', async () => {
    await t.services.store.write((w) => w.db.delete(w.t.throttles));
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: PASSWORD } })),
    );
    assert.deepEqual(
      responses.map((r) => r.status),
      [200, 200, 200, 200, 200, 200],
    );
    assert.equal((await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: PASSWORD } })).status, 200);
  });
});
