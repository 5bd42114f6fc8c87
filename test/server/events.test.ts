import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { countEmployees, insertEmployee } from '../../server/db/queries/employees';
import { countInWindow } from '../../server/db/queries/throttles';
import type { Store } from '../../server/db/store';
import { MAX_PAYLOAD_BYTES } from '../../server/events/events';
import { userKey } from '../../server/throttle/throttle-key';
import { createLogger } from '../../server/logger';
import { createTestDatabase, dialect, postgresAdminUrl, type TestDatabase } from './support/test-store';

const row = (n: number) => {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    id: `id-${n}`,
    userId: `u${n}`,
    employeeId: `E-${n}`,
    displayName: `Person ${n}`,
    preferredLanguage: 'en' as const,
    passwordHash: 'x',
    roles: ['employee' as const],
    mustChangePassword: false,
    disabled: false,
    createdAt: at,
    updatedAt: at,
  };
};

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Long enough for a notification that is on its way to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, dialect === 'postgres' ? 300 : 20));

describe(`events on ${dialect}`, () => {
  let database: TestDatabase;
  let store: Store;
  let other: Store;
  const logged: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    store = await database.open({ log: createLogger('error', { write: (line: string) => void logged.push(line) }) });
    other = await database.open();
  });
  after(() => database.drop());

  test('a subscriber sees an event once its write has committed', async () => {
    const seen: unknown[] = [];
    let countWhenSeen = -1;
    const unsubscribe = await store.events.subscribe('approvals', (payload) => {
      seen.push(payload);
      void countEmployees(store).then((n) => (countWhenSeen = n));
    });
    await store.write(async (w) => {
      await insertEmployee(w, row(1));
      await store.events.publish(w, 'approvals', { id: 'a-1' });
    });
    await waitFor(() => countWhenSeen !== -1);
    assert.deepEqual(seen, [{ id: 'a-1' }]);
    assert.equal(countWhenSeen, 1);
    unsubscribe();
  });

  test('an event published in a write that rolls back is never seen', async () => {
    const seen: unknown[] = [];
    const unsubscribe = await store.events.subscribe('approvals', (payload) => seen.push(payload));
    const unsubscribeOther = await other.events.subscribe('approvals', (payload) => seen.push(payload));
    await assert.rejects(
      store.write(async (w) => {
        await store.events.publish(w, 'approvals', { id: 'rolled-back' });
        throw new Error('boom');
      }),
    );
    // Then one that commits, so that "nothing" is not merely "not yet".
    await store.write((w) => store.events.publish(w, 'approvals', { id: 'committed' }));
    await waitFor(() => seen.length >= 2);
    await settle();
    assert.deepEqual(seen, [{ id: 'committed' }, { id: 'committed' }]);
    unsubscribe();
    unsubscribeOther();
  });

  test('a second store on the same database sees committed events', async () => {
    const seen: unknown[] = [];
    const unsubscribe = await other.events.subscribe('sign_in_waits', (payload) => seen.push(payload));
    await store.write((w) => store.events.publish(w, 'sign_in_waits', { id: 'b-7', state: 'approved' }));
    await waitFor(() => seen.length === 1);
    assert.deepEqual(seen, [{ id: 'b-7', state: 'approved' }]);
    unsubscribe();
  });

  test('a subscriber sees events in commit order', async () => {
    const seen: number[] = [];
    const unsubscribe = await other.events.subscribe('ordered', (payload) => seen.push((payload as { n: number }).n));
    // Each write bumps one counter row: its row lock makes the writes commit in counter order.
    const epoch = new Date(0);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.write(async (w) => {
          const { count: n } = await countInWindow(w, userKey('test', 'commit-order'), new Date(), epoch);
          await store.events.publish(w, 'ordered', { n });
        }),
      ),
    );
    await waitFor(() => seen.length === 20);
    assert.deepEqual(
      seen,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    unsubscribe();
  });

  test('unsubscribing stops delivery; other subscribers still get theirs', async () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = await store.events.subscribe('channel_x', (payload) => a.push(payload));
    const stopB = await store.events.subscribe('channel_x', (payload) => b.push(payload));
    await store.write((w) => store.events.publish(w, 'channel_x', 1));
    await waitFor(() => a.length === 1 && b.length === 1);
    stopA();
    stopA();
    await store.write((w) => store.events.publish(w, 'channel_x', 2));
    await waitFor(() => b.length === 2);
    await settle();
    assert.deepEqual(a, [1]);
    assert.deepEqual(b, [1, 2]);
    stopB();
    await store.write((w) => store.events.publish(w, 'channel_x', 3));
    await settle();
    assert.deepEqual(b, [1, 2]);
  });

  test('a handler that throws does not keep the others from their event', async () => {
    const seen: unknown[] = [];
    const stopA = await store.events.subscribe('fragile', () => {
      throw new Error('handler exploded');
    });
    const stopB = await store.events.subscribe('fragile', (payload) => seen.push(payload));
    await store.write((w) => store.events.publish(w, 'fragile', 'x'));
    await waitFor(() => seen.length === 1);
    assert.ok(logged.some((line) => line.includes('handler exploded') && line.includes('"channel":"fragile"')));
    stopA();
    stopB();
  });

  test('a payload over the limit, or a bad channel name, fails the write that publishes it', async () => {
    await assert.rejects(
      store.write(async (w) => {
        await insertEmployee(w, row(2));
        await store.events.publish(w, 'approvals', { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) });
      }),
      /over 7999/,
    );
    await assert.rejects(
      store.write((w) => store.events.publish(w, 'Robert"); DROP TABLE employees;--', {})),
      /invalid event channel/,
    );
    assert.equal(await countEmployees(store), 1);
    // Just under the limit travels.
    const seen: unknown[] = [];
    const stop = await other.events.subscribe('approvals', (payload) => seen.push(payload));
    const big = 'é'.repeat((MAX_PAYLOAD_BYTES - 20) / 2);
    await store.write((w) => store.events.publish(w, 'approvals', { big }));
    await waitFor(() => seen.length === 1);
    assert.deepEqual(seen, [{ big }]);
    stop();
  });
});

describe('events when the listen connection drops', { skip: dialect !== 'postgres' && 'PostgreSQL only' }, () => {
  let database: TestDatabase;
  let store: Store;
  let listener: Store;
  before(async () => {
    database = await createTestDatabase();
    store = await database.open();
    listener = await database.open({ heartbeatMs: 200 });
  });
  after(() => database.drop());

  test('the subscriber is told of the gap, and hears committed events again', async () => {
    const seen: unknown[] = [];
    let gaps = 0;
    const stop = await listener.events.subscribe('approvals', (payload) => seen.push(payload), { onGap: () => (gaps += 1) });
    // This test's database only: the server is shared with other suites.
    const [{ name } = { name: '' }] = await (store.db as unknown as { execute(q: SQL): Promise<Array<{ name: string }>> }).execute(
      sql`SELECT current_database() AS name`,
    );
    assert.match(name, /^sesame_test_/);
    const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => undefined });
    try {
      // The listen connection's last statement is a LISTEN, or an UNLISTEN while the heartbeat
      // re-listens (a loaded machine can make it miss a beat): look for a few seconds.
      let killed = 0;
      for (let tries = 0; killed === 0 && tries < 50; tries += 1) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        const rows = await admin`
          SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE datname = ${name} AND (query ILIKE 'listen%' OR query ILIKE 'unlisten%')`;
        killed = rows.length;
      }
      assert.ok(killed > 0, 'the listen connection was found');
    } finally {
      await admin.end();
    }
    await waitFor(() => gaps > 0);
    await store.write((w) => store.events.publish(w, 'approvals', { id: 'after-reconnect' }));
    await waitFor(() => seen.length >= 1);
    assert.deepEqual(seen.at(-1), { id: 'after-reconnect' });
    stop();
  });
});
