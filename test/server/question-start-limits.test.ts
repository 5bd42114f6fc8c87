/**
 * "Answer security questions" start (issue 7, item 4): rate-limited per address and per user ID,
 * alike for unknown IDs, and the same work for a user ID that exists as for one that does not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../server/db/store';
import { createQuestionSets } from '../../server/methods/questions/question-sets';
import { createStandInQuestions } from '../../server/methods/questions/stand-in-questions';
import { enrol } from './support/security-questions';
import { alex, createTestApp, MINUTE, signIn, type TestApp } from './support/test-app';

/** The same store, noting each query it is asked to build and each transaction, in order. */
function noting(store: Store, calls: string[]): Store {
  const db = new Proxy(store.db, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    dialect: store.dialect,
    db,
    t: store.t,
    events: store.events,
    write: (fn) => {
      calls.push('write');
      return store.write(fn);
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

describe('security-question starts', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ employees: [alex, { ...alex, userId: '100031', employeeId: 'E-31' }] });
    await enrol(t, await signIn(t));
  });
  after(() => t.close());

  const start = (userId: string, ip?: string) =>
    t.send('POST', '/api/auth/questions/start', {
      json: { userId, purpose: 'sign-in' },
      ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}),
    });
  const clear = () => t.store.write((w) => w.db.delete(w.t.throttles));

  test('a user ID gets 25 starts per 15 minutes, then 429 rate_limited with Retry-After — unknown or not', async () => {
    await clear();
    for (const userId of [alex.userId, '999888']) {
      for (let i = 0; i < 25; i++) assert.equal((await start(userId)).status, 200, `${userId} start ${i + 1}`);
      const refused = await start(userId);
      assert.equal(refused.status, 429);
      assert.equal((await refused.json()).error, 'rate_limited');
      assert.equal(refused.headers.get('retry-after'), '900');
    }
    t.clock.advance(15 * MINUTE + 1000);
    assert.equal((await start(alex.userId)).status, 200);
  });

  test('one address gets 100 starts per 15 minutes, whatever the user IDs', async () => {
    await clear();
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await start(`61${String(i).padStart(4, '0')}`)).status);
    assert.equal(statuses.filter((s) => s === 200).length, 100);
    assert.equal(statuses.at(-1), 429);
    assert.equal((await start(alex.userId)).status, 429, 'a real user ID too');
  });

  test('a known, enrolled user ID and an unknown one cost the same queries in the same order', async () => {
    const calls = { known: [] as string[], unknown: [] as string[], unenrolled: [] as string[] };
    const catalogue = t.config.questions.catalogue;
    const sets = (into: string[]) => {
      const store = noting(t.store, into);
      return createQuestionSets(store, catalogue, createStandInQuestions(store, catalogue, t.clock.now));
    };
    const known = sets(calls.known);
    const unknown = sets(calls.unknown);
    const unenrolled = sets(calls.unenrolled);
    // The stand-ins' key is read once per process: warm each up first.
    await Promise.all([known.forUserId('1'), unknown.forUserId('1'), unenrolled.forUserId('1')]);
    for (const list of Object.values(calls)) list.length = 0;

    assert.ok((await known.forUserId(alex.userId)).employee, 'enrolled');
    assert.equal((await unknown.forUserId('999777')).employee, null);
    assert.equal((await unenrolled.forUserId('100031')).employee, null);
    assert.ok(calls.known.length > 0);
    assert.deepEqual(calls.unknown, calls.known);
    assert.deepEqual(calls.unenrolled, calls.known);
  });
});
