/**
 * The tampering the audit chain must reveal, done as an attacker would: plain SQL on the
 * database (issue 7, item 3). Someone who can write the database but lacks the key; someone
 * who also has the key, caught by the checkpoints written before; a checkpoint edited; and an
 * instance whose key is not the chain's.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { chainHash, plainChainHash, type ChainedFields } from '../../server/audit/chain-hash';
import { checkpointFileIn, readCheckpoints } from '../../server/audit/checkpoint';
import { verifyAuditTrail, type ChainReport } from '../../server/audit/verify-audit-trail';
import type { AuditEventRow } from '../../server/db/queries/audit';
import type { Store } from '../../server/db/store';
import { createKeyService, type KeyService } from '../../server/keys/key-service';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { createServices } from '../../server/services';
import { createTestApp, ORIGIN, TestClock, type TestApp } from './support/test-app';
import { createTestDatabase, dialect } from './support/test-store';

/** A statement as typed into `sqlite3` or `psql`, outside Sésame's query layer. */
async function plainSql(store: Store, statement: string): Promise<void> {
  const db = store.db as unknown as { run(q: unknown): Promise<unknown>; execute(q: unknown): Promise<unknown> };
  await (store.dialect === 'sqlite' ? db.run(sql.raw(statement)) : db.execute(sql.raw(statement)));
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function rows(store: Store): Promise<AuditEventRow[]> {
  return store.db.select().from(store.t.auditEvents).orderBy(store.t.auditEvents.seq);
}

/** Rewrites the hashes from `fromSeq` on as `hash` computes them, and the head: a recomputation. */
async function recompute(store: Store, fromSeq: number, hash: (row: ChainedFields) => string): Promise<void> {
  const all = await rows(store);
  let previous = all.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const row of all.filter((r) => r.seq >= fromSeq)) {
    const rewritten = hash({ ...row, prevHash: previous });
    await plainSql(store, `UPDATE audit_events SET prev_hash = ${quote(previous)}, hash = ${quote(rewritten)} WHERE seq = ${row.seq}`);
    previous = rewritten;
  }
  await plainSql(store, `UPDATE audit_head SET seq = ${all.at(-1)!.seq}, hash = ${quote(previous)} WHERE id = 1`);
}

const failedSignIns = (t: TestApp, n: number, from = 0) =>
  Promise.all(
    Array.from({ length: n }, (_, i) => t.send('POST', '/api/auth/password', { json: { userId: `7000${from + i}`, password: 'x' } })),
  );

function problemOf(report: ChainReport): string {
  assert.equal(report.ok, false, JSON.stringify(report));
  return report.ok ? '' : report.problem;
}

describe('audit tampering, against the key and the checkpoints', () => {
  let t: TestApp;
  let keys: KeyService;
  let pristine: AuditEventRow[];
  const checkpoints = () => readCheckpoints([checkpointFileIn(t.config.dataDir)]).checkpoints;
  const verify = (options: Parameters<typeof verifyAuditTrail>[1] = {}) =>
    verifyAuditTrail(t.store, { checkpoints: checkpoints(), ...options });

  before(async () => {
    t = await createTestApp({ employees: [] });
    keys = t.services.keys;
    await failedSignIns(t, 6);
    assert.ok(await t.services.audit.checkpoint());
    await failedSignIns(t, 4, 6);
    assert.ok(await t.services.audit.checkpoint());
    assert.equal(await t.services.audit.checkpoint(), null, 'no new checkpoint while the head stays put');
    pristine = await rows(t.store);
  });
  after(() => t.close());

  /** Puts the rows and the head back as they were before a scenario. */
  async function restore() {
    const table = t.store.t.auditEvents;
    await t.store.write(async (w) => {
      await w.db.delete(table);
      await w.db.insert(table).values(pristine);
      await w.db.update(w.t.auditHead).set({ seq: pristine.at(-1)!.seq, hash: pristine.at(-1)!.hash });
    });
    assert.deepEqual(await verify(), { ok: true, events: 10, checkpoints: 2 });
  }

  test('an intact chain agrees with its checkpoints, each keyed and signed, in a private file', async () => {
    assert.deepEqual(await verify(), { ok: true, events: 10, checkpoints: 2 });
    assert.deepEqual(
      checkpoints().map((c) => [c.checkpoint.seq, c.checkpoint.keyId]),
      [
        [6, keys.keyId],
        [10, keys.keyId],
      ],
    );
    assert.ok(pristine.every((r) => r.hash.startsWith(`k1:${keys.keyId}:`)));
    assert.equal(statSync(checkpointFileIn(t.config.dataDir)).mode & 0o777, 0o600);
  });

  test('truncation: the last events deleted and audit_head set back is named', async () => {
    const kept = pristine[7]!;
    await plainSql(t.store, `DELETE FROM audit_events WHERE seq > ${kept.seq}`);
    await plainSql(t.store, `UPDATE audit_head SET seq = ${kept.seq}, hash = ${quote(kept.hash)} WHERE id = 1`);
    assert.deepEqual(await verifyAuditTrail(t.store), { ok: true, events: 8 }, 'the database alone cannot tell');
    const report = await verify();
    assert.match(problemOf(report), /saw it reach #10 .*events after #8 were removed \(truncated\)/);
    assert.equal(!report.ok && report.seq, 9);
    await restore();
  });

  test('recomputation without the key: a row edited and every hash after it recomputed is named', async () => {
    await plainSql(t.store, `UPDATE audit_events SET ip = '203.0.113.66' WHERE seq = 4`);
    await recompute(t.store, 4, plainChainHash);
    assert.match(problemOf(await verifyAuditTrail(t.store)), /event #4 was recomputed without the key/);
    await restore();

    // A guessed key fares no better.
    await plainSql(t.store, `UPDATE audit_events SET outcome = 'success' WHERE seq = 9`);
    await recompute(t.store, 9, (row) => chainHash(row, createKeyService(randomBytes(32))));
    assert.match(problemOf(await verifyAuditTrail(t.store)), /event #9 cannot be checked: it is keyed with key .* same SESAME_SECRET_KEY/);
    await restore();

    // Nor does rewriting the whole chain as if it predated the key: the checkpoints saw keyed hashes.
    await plainSql(t.store, `UPDATE audit_events SET ip = '203.0.113.66' WHERE seq = 1`);
    await recompute(t.store, 1, plainChainHash);
    assert.deepEqual(await verifyAuditTrail(t.store), { ok: true, events: 10, unkeyedEvents: 10 });
    assert.match(problemOf(await verify()), /event #6 is not the one checkpoint .* saw .*rewritten \(recomputed\)/);
    await restore();
  });

  test('recomputation with the key: history before the last checkpoint cannot be rewritten', async () => {
    await plainSql(t.store, `UPDATE audit_events SET subject_user_id = 'someone-else' WHERE seq = 3`);
    await recompute(t.store, 3, (row) => chainHash(row, keys));
    assert.deepEqual(await verifyAuditTrail(t.store), { ok: true, events: 10 }, 'with the key, the database alone cannot tell');
    const report = await verify();
    assert.match(problemOf(report), /event #6 is not the one checkpoint .*:1 saw .*rewritten \(recomputed\)/);
    await restore();
  });

  test('an edited checkpoint is named, and so is a line that no longer parses', async () => {
    const file = checkpointFileIn(t.config.dataDir);
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('"seq":10', '"seq":9'));
      assert.match(problemOf(await verify()), /checkpoint .*:2 was altered: its signature does not match/);
      writeFileSync(file, original.replace('"seq":10', '"seq":10,'));
      assert.deepEqual(readCheckpoints([file]).malformed, [`${file}:2`]);
    } finally {
      writeFileSync(file, original);
    }
  });

  test('an instance with another key is told so, naming SESAME_SECRET_KEY', async () => {
    assert.equal(await t.services.audit.keyMismatch(), null);
    const elsewhere = await createTestApp({
      database: { env: t.database.env, open: async () => t.store, drop: async () => undefined },
      employees: [],
      env: { SESAME_SECRET_KEY: randomBytes(32).toString('hex') },
    });
    try {
      assert.match((await elsewhere.services.audit.keyMismatch()) ?? '', /keyed with key .*same SESAME_SECRET_KEY/);
    } finally {
      // Give the chain back this process's own key (createServices binds the last one built).
      await elsewhere.services.audit.stop();
      rmSync(elsewhere.config.dataDir, { recursive: true, force: true });
      createServices(t.config, t.store, createLogger('silent'), t.clock.now);
    }
    const other = createKeyService(randomBytes(32));
    assert.match(problemOf(await verifyAuditTrail(t.store, { keys: other })), /event #1 cannot be checked: .*same SESAME_SECRET_KEY/);
    assert.match(problemOf(await verify({ keys: other })), /checkpoint .* cannot be checked: .*same SESAME_SECRET_KEY/);
  });
});

describe('automatic checkpoints', () => {
  test('every N events, as one log line and one line of the file', async () => {
    const t = await createTestApp({ employees: [], env: { SESAME_AUDIT_CHECKPOINT_EVENTS: '3' } });
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const services = createServices(t.config, t.store, log, t.clock.now);
    const app = createApp(services, { clientRoot: '/nonexistent' });
    try {
      const failedSignIn = (i: number) =>
        app.request('/api/auth/password', {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/json' },
          body: JSON.stringify({ userId: `8000${i}`, password: 'x' }),
        });
      for (let i = 0; i < 3; i++) await failedSignIn(i);
      const file = checkpointFileIn(t.config.dataDir);
      const written = async () => {
        for (let i = 0; i < 100 && !lines.some((l) => l.includes('auditCheckpoint')); i++) await new Promise((r) => setTimeout(r, 20));
        return readCheckpoints([file]).checkpoints;
      };
      const [first, ...more] = await written();
      assert.equal(first?.checkpoint.seq, 3);
      assert.deepEqual(more, []);
      await failedSignIn(3);
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; auditCheckpoint?: unknown }).find((l) => l.auditCheckpoint);
      assert.equal(logged?.msg, 'audit checkpoint');
      assert.deepEqual(logged?.auditCheckpoint, first?.checkpoint);
      assert.deepEqual(await verifyAuditTrail(t.store, { checkpoints: [first!] }), { ok: true, events: 4, checkpoints: 1 });
      await services.audit.stop();
      assert.equal(readCheckpoints([file]).checkpoints.at(-1)?.checkpoint.seq, 4, 'a last checkpoint when the trail stops');
    } finally {
      await t.close();
    }
  });
});

describe('checkpoints from several instances', { skip: dialect !== 'postgres' && 'several instances need PostgreSQL' }, () => {
  test('each instance writes its own; verification reads them all and finds a truncation', async () => {
    const database = await createTestDatabase();
    const clock = new TestClock();
    const first = await createTestApp({ database, clock, employees: [] });
    const second = await createTestApp({ database, clock, employees: [] });
    try {
      await Promise.all([failedSignIns(first, 5), failedSignIns(second, 5, 5)]);
      await first.services.audit.checkpoint();
      await failedSignIns(second, 3, 10);
      await second.services.audit.checkpoint();
      const files = [first, second].map((t) => checkpointFileIn(t.config.dataDir));
      const { checkpoints } = readCheckpoints(files);
      assert.deepEqual(
        checkpoints.map((c) => c.checkpoint.seq),
        [10, 13],
      );
      assert.deepEqual(await verifyAuditTrail(first.store, { checkpoints }), { ok: true, events: 13, checkpoints: 2 });
      const kept = (await rows(first.store))[10]!;
      await plainSql(first.store, `DELETE FROM audit_events WHERE seq > ${kept.seq}`);
      await plainSql(first.store, `UPDATE audit_head SET seq = ${kept.seq}, hash = ${quote(kept.hash)} WHERE id = 1`);
      assert.match(problemOf(await verifyAuditTrail(second.store, { checkpoints })), /saw it reach #13 .*truncated/);
      assert.equal((await verifyAuditTrail(second.store, { checkpoints: readCheckpoints([files[0]!]).checkpoints })).ok, true);
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});
