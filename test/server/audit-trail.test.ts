import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { GENESIS_HASH, plainChainHash } from '../../server/audit/chain-hash';
import { checkpointFileIn } from '../../server/audit/checkpoint';
import { verifyAuditTrail } from '../../server/audit/verify-audit-trail';
import type { AuditEventRow } from '../../server/db/queries/audit';
import { openSqliteStore, sqliteFileIn } from '../../server/db/open-sqlite';
import { alex, createTestApp, PASSWORD, signIn, TestClock, type TestApp } from './support/test-app';
import { createTestDatabase, dialect } from './support/test-store';

describe('audit trail', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { SESAME_TRUST_PROXY: '1' } });
  });
  after(() => t.close());

  const events = () => t.store.db.select().from(t.store.t.auditEvents).orderBy(t.store.t.auditEvents.seq);

  test('sign-ins, failures, lockouts and log outs are recorded with time, subject, address and user agent', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.23', 'user-agent': 'TestBrowser/1.0' };
    for (let i = 0; i < 5; i++) {
      await t.send('POST', '/api/auth/password', { json: { userId: '100001', password: `wrong ${i}` }, headers });
    }
    t.clock.advance(16 * 60_000);
    const ok = await t.send('POST', '/api/auth/password', { json: { userId: '100001', password: PASSWORD }, headers });
    const cookie = /(__Host-sesame_session=[^;]*)/.exec(ok.headers.get('set-cookie') ?? '')?.[1] ?? '';
    await t.send('POST', '/api/auth/logout', { cookie, headers });
    const rows = await events();
    const employeeId = (await t.store.db.select().from(t.store.t.employees).where(eq(t.store.t.employees.userId, '100001')))[0]?.id;
    assert.deepEqual(
      rows.map((r) => [r.type, r.outcome, r.method]),
      [
        ['sign_in', 'failure', 'password'],
        ['sign_in', 'failure', 'password'],
        ['sign_in', 'failure', 'password'],
        ['sign_in', 'failure', 'password'],
        ['sign_in', 'locked', 'password'],
        ['lockout', 'locked', 'password'],
        ['sign_in', 'success', 'password'],
        ['log_out', 'success', null],
      ],
    );
    for (const row of rows) {
      assert.equal(row.subjectId, employeeId);
      assert.equal(row.ip, '198.51.100.23');
      assert.equal(row.userAgent, 'TestBrowser/1.0');
      assert.ok(row.at instanceof Date);
    }
    assert.equal(rows.at(-1)?.actorId, employeeId);
  });

  test('an unknown user ID is recorded as typed, with no subject', async () => {
    await t.send('POST', '/api/auth/password', { json: { userId: '424242', password: 'guess' } });
    const last = (await events()).at(-1);
    assert.equal(last?.subjectUserId, '424242');
    assert.equal(last?.subjectId, null);
  });

  test('no secret reaches the trail', async () => {
    await t.send('POST', '/api/auth/password', { json: { userId: '100001', password: 'Sup3r-secret-guess' } });
    const cookie = await signIn(t);
    const text = JSON.stringify(await events());
    for (const secret of ['Sup3r-secret-guess', PASSWORD, cookie.split('=')[1] ?? 'x', '$argon2'])
      assert.ok(!text.includes(secret), secret);
  });

  test('the chain verifies; a changed, removed or truncated event is found', async () => {
    assert.deepEqual(await verifyAuditTrail(t.store), { ok: true, events: (await events()).length });
    const rows = await events();
    const victim = rows[2];
    assert.ok(victim);
    const table = t.store.t.auditEvents;
    await t.store.write((w) => w.db.update(table).set({ ip: '203.0.113.1' }).where(eq(table.seq, victim.seq)));
    const changed = await verifyAuditTrail(t.store);
    assert.equal(changed.ok, false);
    assert.equal(!changed.ok && changed.seq, victim.seq);
    assert.match(!changed.ok ? changed.problem : '', /changed after it was written/);
    await t.store.write((w) => w.db.update(table).set({ ip: victim.ip }).where(eq(table.seq, victim.seq)));
    assert.equal((await verifyAuditTrail(t.store)).ok, true);

    await t.store.write((w) => w.db.delete(table).where(eq(table.seq, 4)));
    const removed = await verifyAuditTrail(t.store);
    assert.equal(!removed.ok && removed.seq, 4);
    await t.store.write((w) => w.db.insert(table).values(rows[3]!));

    const last = rows.at(-1)!;
    await t.store.write((w) => w.db.delete(table).where(eq(table.seq, last.seq)));
    const truncated = await verifyAuditTrail(t.store);
    assert.equal(truncated.ok, false);
    assert.match(!truncated.ok ? truncated.problem : '', /removed/);
    await t.store.write((w) => w.db.insert(table).values(last));
    assert.equal((await verifyAuditTrail(t.store)).ok, true);
  });

  test('appends from many requests at once keep one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.send('POST', '/api/auth/password', { json: { userId: `5000${i}`, password: 'x' } })),
    );
    const report = await verifyAuditTrail(t.store);
    assert.equal(report.ok, true, JSON.stringify(report));
  });
});

describe('a chain begun before the audit was keyed', () => {
  test('its plain SHA-256 events verify up to where the keyed chain begins, which then carries on', async () => {
    const t = await createTestApp({ employees: [] });
    try {
      const table = t.store.t.auditEvents;
      // What an earlier version wrote: plain SHA-256 links.
      let prevHash = GENESIS_HASH;
      const legacy: AuditEventRow[] = [];
      for (let seq = 1; seq <= 3; seq++) {
        const fields = {
          seq,
          at: new Date(Date.UTC(2026, 0, seq)),
          type: 'sign_in',
          outcome: 'failure',
          actorId: null,
          subjectId: null,
          subjectUserId: `90000${seq}`,
          method: 'password',
          ip: '192.0.2.1',
          userAgent: 'Old/1.0',
          details: {},
          prevHash,
        };
        prevHash = plainChainHash(fields);
        legacy.push({ ...fields, hash: prevHash });
      }
      await t.store.write(async (w) => {
        await w.db.insert(table).values(legacy);
        await w.db.update(w.t.auditHead).set({ seq: 3, hash: prevHash });
      });
      await t.send('POST', '/api/auth/password', { json: { userId: '424242', password: 'guess' } });
      await t.send('POST', '/api/auth/password', { json: { userId: '424243', password: 'guess' } });
      const rows = await t.store.db.select().from(table).orderBy(table.seq);
      assert.deepEqual(
        rows.map((r) => r.hash.startsWith(`k1:${t.services.keys.keyId}:`)),
        [false, false, false, true, true],
      );
      assert.equal(rows[3]?.prevHash, prevHash);
      assert.deepEqual(await verifyAuditTrail(t.store), { ok: true, events: 5, unkeyedEvents: 3 });

      await t.store.write((w) => w.db.update(table).set({ ip: '192.0.2.2' }).where(eq(table.seq, 2)));
      const changed = await verifyAuditTrail(t.store);
      assert.equal(!changed.ok && changed.seq, 2);
      assert.match(!changed.ok ? changed.problem : '', /changed after it was written/);
    } finally {
      await t.close();
    }
  });
});

describe('audit trail across instances', { skip: dialect !== 'postgres' && 'several instances need PostgreSQL' }, () => {
  test('two instances appending at the same time keep one unbroken chain', async () => {
    const database = await createTestDatabase();
    const clock = new TestClock();
    const first = await createTestApp({ database, clock });
    const second = await createTestApp({ database, clock, employees: [] });
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? first : second).send('POST', '/api/auth/password', { json: { userId: `6000${i}`, password: 'x' } }),
        ),
      );
      const report = await verifyAuditTrail(first.store);
      assert.deepEqual(report, { ok: true, events: 40 });
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});

describe('npm run audit:verify', { skip: dialect !== 'sqlite' && 'runs against the SQLite file' }, () => {
  test('says intact on a sound chain, names the first broken event and fails otherwise', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sesame-audit-'));
    try {
      // The key file in the data directory (no SESAME_SECRET_KEY), which the command then reads.
      const t = await createTestApp({
        env: { SESAME_DATA_DIR: dataDir, SESAME_SECRET_KEY: '' },
        database: {
          env: { SESAME_DATA_DIR: dataDir, DATABASE_URL: '' },
          open: () => openSqliteStore(sqliteFileIn(dataDir)),
          drop: async () => undefined,
        },
      });
      await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: 'nope' } });
      await signIn(t);
      const run = () =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/audit/verify-cli.ts'], {
          env: { ...process.env, SESAME_DATA_DIR: dataDir, DATABASE_URL: '' },
          encoding: 'utf8',
        });
      const sound = run();
      assert.equal(sound.status, 0, sound.stderr);
      assert.match(sound.stdout, /Audit trail intact: 2 events/);
      const table = t.store.t.auditEvents;
      await t.store.write((w) => w.db.update(table).set({ outcome: 'success' }).where(eq(table.seq, 1)));
      await t.store.close();
      const broken = run();
      assert.equal(broken.status, 1);
      assert.match(broken.stdout, /BROKEN at event #1/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run audit:verify with checkpoints', { skip: dialect !== 'sqlite' && 'runs against the SQLite file' }, () => {
  test('reads the data directory’s checkpoints (or the files given), names a truncation and a wrong key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sesame-audit-'));
    const key = randomBytes(32).toString('hex');
    try {
      const t = await createTestApp({
        env: { SESAME_DATA_DIR: dataDir, SESAME_SECRET_KEY: key },
        database: {
          env: { SESAME_DATA_DIR: dataDir, DATABASE_URL: '' },
          open: () => openSqliteStore(sqliteFileIn(dataDir)),
          drop: async () => undefined,
        },
      });
      for (let i = 0; i < 3; i++) await t.send('POST', '/api/auth/password', { json: { userId: alex.userId, password: `nope ${i}` } });
      await t.services.audit.checkpoint();
      const run = (env: Record<string, string>, ...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/audit/verify-cli.ts', ...args], {
          env: { ...process.env, SESAME_DATA_DIR: dataDir, DATABASE_URL: '', SESAME_SECRET_KEY: key, ...env },
          encoding: 'utf8',
        });
      const sound = run({});
      assert.equal(sound.status, 0, sound.stdout + sound.stderr);
      assert.match(sound.stdout, /Audit trail intact: 3 events.* 1 signed checkpoints agree/);

      const wrongKey = run({ SESAME_SECRET_KEY: randomBytes(32).toString('hex') });
      assert.equal(wrongKey.status, 1);
      assert.match(wrongKey.stdout, /BROKEN .*same SESAME_SECRET_KEY/);
      const noKey = run({ SESAME_SECRET_KEY: '' });
      assert.equal(noKey.status, 2);
      assert.match(noKey.stderr, /SESAME_SECRET_KEY is unset/);
      const missing = run({}, '--checkpoints', join(dataDir, 'nowhere.jsonl'));
      assert.equal(missing.status, 2);

      const table = t.store.t.auditEvents;
      const second = (await t.store.db.select().from(table).where(eq(table.seq, 2)))[0]!;
      await t.store.write(async (w) => {
        await w.db.delete(table).where(eq(table.seq, 3));
        await w.db.update(w.t.auditHead).set({ seq: 2, hash: second.hash });
      });
      await t.store.close();
      const unanchored = run({}, '--checkpoints', '/dev/null');
      assert.equal(unanchored.status, 0, 'without checkpoints the database alone cannot tell');
      assert.match(unanchored.stdout, /No checkpoints given/);
      const truncated = run({}, '--checkpoints', '/dev/null', checkpointFileIn(dataDir));
      assert.equal(truncated.status, 1);
      assert.match(truncated.stdout, /BROKEN at event #3: .*saw it reach #3 .*truncated/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
