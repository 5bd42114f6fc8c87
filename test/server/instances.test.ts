/**
 * Several server instances on one PostgreSQL database, as behind a load balancer: the
 * failure counters and sessions they keep are the same ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alex, createTestApp, PASSWORD, signIn, TestClock, type TestApp } from './support/test-app';
import { createTestDatabase, dialect, type TestDatabase } from './support/test-store';

describe('two instances on one database', { skip: dialect !== 'postgres' && 'several instances need PostgreSQL' }, () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  before(async () => {
    database = await createTestDatabase();
    const clock = new TestClock();
    first = await createTestApp({ database, clock });
    second = await createTestApp({ database, clock, employees: [] });
  });
  after(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  test('failures counted at the same time on both instances all count towards the lock', async () => {
    const attempts = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? first : second).send('POST', '/api/auth/password', { json: { userId: alex.userId, password: `wrong ${i}` } }),
    );
    const codes = await Promise.all(attempts.map(async (r) => (await (await r).json()).error));
    assert.ok(codes.includes('locked'), `codes: ${codes.join(', ')}`);
    const right = await first.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: PASSWORD } });
    assert.equal(right.status, 429);
  });

  test('a session opened on one instance is recognised, and ended, on the other', async () => {
    const other = { ...alex, userId: '100077', employeeId: 'E-77' };
    const { addEmployee } = await import('../../server/directory/sql-directory');
    await addEmployee(first.store, other);
    const cookie = await signIn(first, other.userId);
    assert.equal((await second.send('GET', '/api/profile', { cookie })).status, 200);
    await second.send('POST', '/api/auth/logout', { cookie });
    assert.equal((await first.send('GET', '/api/profile', { cookie })).status, 401);
  });
});
