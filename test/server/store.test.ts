import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { countEmployees, findEmployeeById, insertEmployee, recordSignIn } from '../../server/db/queries/employees';
import type { Store, Writer } from '../../server/db/store';
import { createLogger } from '../../server/logger';
import { createTestDatabase, dialect, type TestDatabase } from './support/test-store';

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

describe(`store on ${dialect}`, () => {
  let database: TestDatabase;
  let store: Store;
  before(async () => {
    database = await createTestDatabase();
    store = await database.open();
  });
  after(() => database.drop());

  test('a failure inside a write transaction rolls back everything it wrote', async () => {
    await assert.rejects(
      store.write(async (w) => {
        await insertEmployee(w, row(1));
        await insertEmployee(w, row(2));
        throw new Error('boom after two inserts');
      }),
      /boom/,
    );
    assert.equal(await countEmployees(store), 0);
  });

  test('a constraint violation rolls back the statements before it', async () => {
    await assert.rejects(
      store.write(async (w) => {
        await insertEmployee(w, row(3));
        await insertEmployee(w, { ...row(4), userId: 'u3' });
      }),
    );
    assert.equal(await countEmployees(store), 0);
  });

  test('a read outside an open transaction does not see its rows before commit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const writing = store.write(async (w) => {
      await insertEmployee(w, row(5));
      inserted();
      await gate;
    });
    await insertedSignal;
    assert.equal(await countEmployees(store), 0);
    release();
    await writing;
    assert.equal(await countEmployees(store), 1);
  });

  test('many concurrent writers all commit', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.write((w) => insertEmployee(w, row(100 + i)))));
    assert.equal(await countEmployees(store), 41);
  });

  test('writers sent together commit independently: one failing does not undo the others', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.write(async (w) => {
          await insertEmployee(w, row(200 + i));
          if (i === 5) throw new Error('this one fails');
          return i;
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      results.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')),
    );
    const ids = (await store.db.select({ id: store.t.employees.id }).from(store.t.employees)).map((r) => r.id);
    assert.ok(!ids.includes('id-205'));
    assert.equal(ids.filter((id) => /^id-2\d\d$/.test(id)).length, 11);
    await store.write(async (w) => {
      for (let i = 0; i < 12; i++) await w.db.delete(w.t.employees).where(eq(w.t.employees.id, `id-${200 + i}`));
    });
  });

  test('dates, booleans and JSON come back as they went in', async () => {
    const [found] = await store.db.select().from(store.t.employees).where(eq(store.t.employees.id, 'id-5'));
    assert.ok(found);
    assert.ok(found.createdAt instanceof Date);
    assert.equal(found.createdAt.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(found.disabled, false);
    assert.deepEqual(found.roles, ['employee']);
    assert.equal(found.lastSignInAt, null);
  });

  test('a prepared query inside a write runs in its transaction: unseen outside until commit, gone on rollback', async () => {
    // recordSignIn and findEmployeeById are prepared queries (server/db/prepared-query.ts), built
    // once on whichever session ran them first and then run on each caller's own connection.
    const first = new Date('2026-02-01T08:00:00Z');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const recordedSignal = new Promise<void>((resolve) => (recorded = resolve));
    const rolledBack = store.write(async (w) => {
      await recordSignIn(w, 'id-5', first, 'password');
      assert.equal((await findEmployeeById(w, 'id-5'))?.lastSignInAt?.toISOString(), first.toISOString());
      recorded();
      await gate;
      throw new Error('boom after the prepared update');
    });
    await recordedSignal;
    assert.equal((await findEmployeeById(store, 'id-5'))?.lastSignInAt, null);
    release();
    await assert.rejects(rolledBack, /boom/);
    assert.equal((await findEmployeeById(store, 'id-5'))?.lastSignInAt, null);

    const previous = await store.write((w) => recordSignIn(w, 'id-5', first, 'password'));
    assert.equal(previous, null);
    const second = await store.write((w) => recordSignIn(w, 'id-5', new Date('2026-02-02T08:00:00Z'), 'questions'));
    assert.deepEqual(second, { at: first, method: 'password' });
    const found = await findEmployeeById(store, 'id-5');
    assert.equal(found?.lastSignInAt?.toISOString(), '2026-02-02T08:00:00.000Z');
    assert.equal(found?.lastSignInMethod, 'questions');
  });

  test('opening the database again applies no migration twice and keeps the data', async () => {
    const again = await database.open();
    assert.equal(await countEmployees(again), 41);
  });
});

describe('SQLite durability settings', { skip: dialect !== 'sqlite' && 'SQLite only' }, () => {
  test('the file is in WAL mode with synchronous=FULL and foreign keys on', async () => {
    const database = await createTestDatabase();
    try {
      const store = await database.open();
      // SQLite-only calls (`.all`), allowed here because this test runs on SQLite alone.
      const pragma = async (name: string) => {
        const rows = await store.db.all<Record<string, unknown>>(sql.raw(`PRAGMA ${name}`));
        return rows[0]?.[name];
      };
      const mode = { journal_mode: await pragma('journal_mode') };
      const sync = { synchronous: await pragma('synchronous') };
      const fk = { foreign_keys: await pragma('foreign_keys') };
      assert.equal(mode?.journal_mode, 'wal');
      assert.equal(Number(sync?.synchronous), 2);
      assert.equal(Number(fk?.foreign_keys), 1);
    } finally {
      await database.drop();
    }
  });
});

describe(`after-commit hooks on ${dialect}`, () => {
  let database: TestDatabase;
  let store: Store;
  const logged: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    store = await database.open({ log: createLogger('error', { write: (line: string) => void logged.push(line) }) });
  });
  after(() => database.drop());

  test('a hook runs after its write commits, when the rows are visible to others', async () => {
    let seen: number | undefined;
    await store.write(async (w) => {
      await insertEmployee(w, row(300));
      w.afterCommit(async () => {
        seen = await countEmployees(store);
      });
    });
    await waitFor(() => seen !== undefined);
    assert.equal(seen, 1);
  });

  test('a write that rolls back runs none of its hooks', async () => {
    let ran = false;
    await assert.rejects(
      store.write(async (w) => {
        w.afterCommit(() => {
          ran = true;
        });
        await insertEmployee(w, row(301));
        throw new Error('boom');
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ran, false);
  });

  test('among writes committed together, only those that committed run their hooks', async () => {
    const ran: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.write(async (w) => {
          w.afterCommit(() => void ran.push(i));
          await insertEmployee(w, row(310 + i));
          if (i % 3 === 1) throw new Error('this one fails');
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      results.map((_, i) => (i % 3 === 1 ? 'rejected' : 'fulfilled')),
    );
    // Sorted: on PostgreSQL concurrent writes commit in any order.
    assert.deepEqual(
      ran.sort((a, b) => a - b),
      [0, 2, 3, 5, 6, 8, 9],
    );
    await store.write((w) => w.db.delete(w.t.employees));
  });

  test('a hook that throws is logged and does not fail the write, nor the hooks after it', async () => {
    let second = false;
    const id = await store.write(async (w) => {
      await insertEmployee(w, row(330));
      w.afterCommit(() => {
        throw new Error('hook exploded');
      });
      w.afterCommit(() => {
        second = true;
      });
      return 'id-330';
    });
    assert.equal(id, 'id-330');
    assert.equal(second, true);
    assert.equal(await countEmployees(store), 1);
    await waitFor(() => logged.some((line) => line.includes('hook exploded')));
  });

  test('a hook cannot be registered once its write has ended', async () => {
    let kept!: Writer;
    await store.write(async (w) => {
      kept = w;
    });
    assert.throws(() => kept.afterCommit(() => undefined), /after the write ended/);
  });
});

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
