/**
 * Password synchronisation under faults, on both dialects, with real processes: each sync worker
 * runs in a child process of its own (support/sync-worker-process.ts: the real store, key
 * service, connectors and worker) on the test's database, while the test process is the
 * instance that takes the password changes over HTTP.
 *
 * - SIGKILL in the middle of a synchronisation: the worker is killed while a target holds its
 *   job open; a new process (same database, same SESAME_SECRET_KEY) takes that job up once its
 *   lease has run out and finishes the rest. Every job is done, and every account took the new
 *   password exactly once: counted by the targets' writes (RECORD_FILE), and the accounts done
 *   before the kill keep the very hash they had then (argon2id salts each write afresh, so a
 *   second write of the same password would change it).
 * - Two instances draining one queue: 50 employees × 5 linked accounts, changed while two worker
 *   processes drain; each job is done exactly once, by one of them, and the pending passwords
 *   are wiped at the end.
 *
 * The one window these cannot close, and do not claim to: a process killed after a target took
 * the password but before the job's end was committed leaves a job that is delivered again (at
 * least once, never lost); the same password is set twice.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hashSecret } from '../../server/crypto/argon2';
import postgres from 'postgres';
import {
  claimDueSyncJob,
  findSyncJobsOfChange,
  finishSyncJob,
  wipePendingPasswordsIfDone,
  type SyncJobRow,
} from '../../server/db/queries/password-sync';
import { upsertTargetAccount } from '../../server/db/queries/target-accounts';
import type { NewEmployee } from '../../server/directory/sql-directory';
import { dialect } from './support/test-store';
import { alex, createTestApp, PASSWORD, sessionCookie, signIn, TEST_SECRET_KEY, TestClock, type TestApp } from './support/test-app';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The worker processes read the real time: so do the instance that enqueues and the leases. */
class WallClock extends TestClock {
  override now = () => new Date();
}

const TARGETS = ['payroll', 'email', 'crm', 'wiki', 'vpn'];

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await pause(50);
  }
}

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

interface Run {
  dir: string;
  t: TestApp;
  records: string;
  start(env?: Record<string, string>): Promise<WorkerProcess>;
  /** The lines of RECORD_FILE, as [kind, target/account, pid]. */
  lines(): Array<[string, string, string]>;
  jobs(): Promise<SyncJobRow[]>;
  hashes(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

/** A test app whose employees each have an account carrying their user ID on each of the five built-in targets. */
async function setUp(employees: NewEmployee[]): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-sync-faults-'));
  const targetsFile = join(dir, 'targets.json');
  writeFileSync(
    targetsFile,
    JSON.stringify({ targets: TARGETS.map((id) => ({ id, name: { en: `Target ${id}`, fr: `Cible ${id}` }, connector: 'built-in' })) }),
  );
  const t = await createTestApp({ env: { SESAME_TARGETS_FILE: targetsFile }, employees, clock: new WallClock() });
  // One hash for every account: what matters is the write each job makes, not this seed.
  const seedHash = await hashSecret('seed password of every target account');
  await t.store.write(async (w) => {
    for (const e of employees)
      for (const targetId of TARGETS)
        await upsertTargetAccount(w, { targetId, account: e.userId, userId: e.userId, passwordHash: seedHash, updatedAt: new Date() });
  });
  const records = join(dir, 'records.log');
  const children: ChildProcess[] = [];

  return {
    dir,
    t,
    records,
    async start(env = {}) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/support/sync-worker-process.ts'], {
        cwd: root,
        env: {
          ...process.env,
          ...t.database.env,
          SESAME_SECRET_KEY: TEST_SECRET_KEY,
          SESAME_TARGETS_FILE: targetsFile,
          RECORD_FILE: records,
          LEASE_MS: '3000',
          INTERVAL_MS: '250',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal, output })),
      );
      await Promise.race([
        until('the worker process is ready', () => output.includes('ready\n')),
        exited.then(({ code }) => Promise.reject(new Error(`the worker process exited (${code}) before it was ready: ${output}`))),
      ]);
      return { child, exited };
    },
    lines() {
      if (!existsSync(records)) return [];
      return readFileSync(records, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ') as [string, string, string]);
    },
    jobs: () => t.store.db.select().from(t.store.t.syncJobs),
    async hashes() {
      const rows = await t.store.db.select().from(t.store.t.targetAccounts);
      return new Map(rows.map((r) => [`${r.targetId}/${r.account}`, r.passwordHash]));
    },
    async close() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function changePassword(t: TestApp, userId: string, from: string, to: string): Promise<void> {
  const cookie = await signIn(t, userId, from);
  const response = await t.send('POST', '/api/password/change', { cookie, json: { currentPassword: from, newPassword: to } });
  assert.equal(response.status, 200, await response.clone().text());
  sessionCookie(response);
}

function employee(i: number): NewEmployee {
  const userId = String(300000 + i);
  return { ...alex, userId, employeeId: `E-${userId}`, displayName: `Employee ${i}` };
}

/** A new password of each employee's own (the policy refuses one that contains the user ID). */
const newPasswordOf = (userId: string) => `synchronised after the fault ${userId.replace(/\d/g, (d) => 'abcdefghij'.charAt(Number(d)))}`;

describe('a sync worker killed with SIGKILL in the middle of a synchronisation', () => {
  let run: Run;
  const employees = [employee(1), employee(2)];
  const accounts = employees.flatMap((e) => TARGETS.map((target) => `${target}/${e.userId}`)).sort();

  before(async () => {
    run = await setUp(employees);
  });
  after(() => run?.close());

  test('after a restart on the same database and key, every job is done once: none lost, none applied twice', async () => {
    for (const e of employees) await changePassword(run.t, e.userId, PASSWORD, newPasswordOf(e.userId));
    assert.equal((await run.jobs()).length, 10);
    assert.equal((await run.t.store.db.select().from(run.t.store.t.pendingPasswords)).length, 2);

    // The fourth target write hangs: three jobs are done, the fourth is claimed, six wait.
    const first = await run.start({ HOLD_AT: '4' });
    await until('a target holds a job open', () => run.lines().some(([kind]) => kind === 'holding'));
    first.child.kill('SIGKILL');
    const { signal } = await first.exited;
    assert.equal(signal, 'SIGKILL');

    const held = run.lines().find(([kind]) => kind === 'holding')?.[1];
    assert.ok(held);
    const setBeforeKill = run.lines().filter(([kind]) => kind === 'set');
    assert.equal(setBeforeKill.length, 3);
    const jobsAtKill = await run.jobs();
    assert.equal(jobsAtKill.filter((j) => j.status === 'done').length, 3, 'the three jobs whose target took the password are done');
    const claimed = jobsAtKill.filter((j) => j.status === 'pending' && j.claimedBy !== null);
    assert.equal(claimed.length, 1, 'the dead process held one job');
    assert.match(claimed[0]?.claimedBy ?? '', new RegExp(`:${first.child.pid}:`));
    // Under a lease (LEASE_MS, 3 s from its claim), not for ever: the restarted process can take it once that ends.
    const leaseEnd = claimed[0]?.claimedUntil?.getTime() ?? Infinity;
    assert.ok(leaseEnd <= Date.now() + 3000, `the lease ends ${leaseEnd - Date.now()} ms from now`);
    const hashesAtKill = await run.hashes();

    const second = await run.start();
    await until('every job has ended', async () => (await run.jobs()).every((j) => j.status !== 'pending'));

    const jobs = await run.jobs();
    assert.deepEqual(
      jobs.map((j) => j.status),
      Array(10).fill('done'),
    );
    const sets = run.lines().filter(([kind]) => kind === 'set');
    assert.deepEqual(sets.map(([, account]) => account).sort(), accounts, 'each account took the password exactly once');
    assert.deepEqual(
      sets.filter(([, account]) => account === held).map(([, , pid]) => pid),
      [String(second.child.pid)],
      'the dead worker’s job was taken up by the new process',
    );
    const hashes = await run.hashes();
    for (const [, account] of setBeforeKill)
      assert.equal(hashes.get(account), hashesAtKill.get(account), `${account} was not written again`);
    for (const e of employees)
      for (const target of TARGETS)
        assert.equal(
          await run.t.services.targets.get(target)?.connector.verify(e.userId, newPasswordOf(e.userId)),
          'ok',
          `${target}/${e.userId}`,
        );
    assert.deepEqual(await run.t.store.db.select().from(run.t.store.t.pendingPasswords), [], 'the pending passwords are wiped');
    const links = await run.t.store.db.select().from(run.t.store.t.accountLinks);
    assert.ok(links.length === 10 && links.every((l) => l.syncStatus === 'done'));

    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);
  });
});

describe('two instances draining one queue', () => {
  let run: Run;
  const employees = Array.from({ length: 50 }, (_, i) => employee(100 + i));

  before(async () => {
    run = await setUp(employees);
  });
  after(() => run?.close());

  test('50 employees × 5 linked accounts: every job done exactly once, the pending passwords wiped', async () => {
    const workers = await Promise.all([run.start(), run.start()]);
    const pids = workers.map((w) => String(w.child.pid));

    // The changes arrive while both drain, a few at a time as employees would make them.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < employees.length; i = next++) {
          const e = employees[i] as NewEmployee;
          await changePassword(run.t, e.userId, PASSWORD, newPasswordOf(e.userId));
        }
      }),
    );
    assert.equal((await run.jobs()).length, 250);
    await until('every job has ended', async () => (await run.jobs()).every((j) => j.status !== 'pending'), 180_000);

    const jobs = await run.jobs();
    assert.equal(jobs.filter((j) => j.status === 'done').length, 250);
    const sets = run.lines().filter(([kind]) => kind === 'set');
    const accounts = sets.map(([, account]) => account);
    assert.equal(accounts.length, 250, 'one write per job');
    assert.equal(new Set(accounts).size, 250, 'no account written twice');
    for (const pid of pids)
      assert.ok(
        sets.some(([, , by]) => by === pid),
        `instance ${pid} took part`,
      );
    assert.deepEqual(await run.t.store.db.select().from(run.t.store.t.pendingPasswords), [], 'the pending passwords are wiped');
    const links = await run.t.store.db.select().from(run.t.store.t.accountLinks);
    assert.ok(links.length === 250 && links.every((l) => l.syncStatus === 'done'));
    // The last employee's accounts hold the new password (one per target is enough: the writes are counted above).
    const last = employees[employees.length - 1] as NewEmployee;
    for (const target of TARGETS)
      assert.equal(await run.t.services.targets.get(target)?.connector.verify(last.userId, newPasswordOf(last.userId)), 'ok');
    // Every change's jobs are all done.
    const changes = new Set(jobs.map((j) => j.changeId));
    assert.equal(changes.size, 50);
    for (const change of changes) assert.equal((await findSyncJobsOfChange(run.t.store, change)).length, 5);

    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) assert.equal((await w.exited).code, 0);
  });
});

describe(
  'the last two jobs of one change ending at once on two instances',
  { skip: dialect === 'sqlite' && 'PostgreSQL only: SQLite runs one write transaction at a time' },
  () => {
    let run: Run;
    before(async () => {
      run = await setUp([employee(7)]);
    });
    after(() => run?.close());

    /** A promise and its resolve, to order two transactions' statements. */
    function step() {
      let done!: () => void;
      const reached = new Promise<void>((resolve) => (done = resolve));
      return { reached, done };
    }

    test('the change’s pending password is wiped, whichever of the two sees the other’s job first', async () => {
      const e = employee(7);
      await changePassword(run.t, e.userId, PASSWORD, newPasswordOf(e.userId));
      const all = await run.jobs();
      const changeId = all[0]?.changeId ?? '';
      // All but two jobs ended already; the two left are held by two instances.
      const a = await run.t.database.open();
      const b = await run.t.database.open();
      const claim = (store: typeof a, claimant: string) =>
        store.write((w) => claimDueSyncJob(w, { claimant, now: new Date(), leaseUntil: new Date(Date.now() + 60_000) }));
      for (let i = 0; i < all.length - 2; i++) {
        const job = await claim(a, 'earlier');
        assert.ok(job);
        await a.write((w) => finishSyncJob(w, job, 'earlier', { status: 'done', reason: null, attempts: 1 }, new Date()));
      }
      const [jobA, jobB] = [await claim(a, 'a'), await claim(b, 'b')];
      assert.ok(jobA && jobB);
      const done = { status: 'done' as const, reason: null, attempts: 1 };

      // A and B each end their job; then A looks for jobs still pending, then B does, before A commits.
      const aEnded = step();
      const bEnded = step();
      const aLooked = step();
      const bLookedOrWaits = step();
      let bLooked = false;
      const inA = a.write(async (w) => {
        await finishSyncJob(w, jobA, 'a', done, new Date());
        aEnded.done();
        await bEnded.reached;
        await wipePendingPasswordsIfDone(w, [changeId]);
        aLooked.done();
        await bLookedOrWaits.reached;
      });
      const inB = b.write(async (w) => {
        await aEnded.reached;
        await finishSyncJob(w, jobB, 'b', done, new Date());
        bEnded.done();
        await aLooked.reached;
        await wipePendingPasswordsIfDone(w, [changeId]);
        bLooked = true;
        bLookedOrWaits.done();
      });
      await aLooked.reached;
      // B's look either ends at once, or waits for A's transaction: wait for one or the other.
      const admin = postgres(run.t.database.env.DATABASE_URL ?? '', { max: 1, onnotice: () => undefined });
      try {
        await until('B has looked or waits for A', async () => {
          if (bLooked) return true;
          const waiting = await admin`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
          return waiting.length > 0;
        });
      } finally {
        await admin.end();
      }
      bLookedOrWaits.done();
      await Promise.all([inA, inB]);

      assert.deepEqual(
        (await run.jobs()).map((j) => j.status),
        all.map(() => 'done'),
      );
      assert.deepEqual(await run.t.store.db.select().from(run.t.store.t.pendingPasswords), [], 'the pending password is wiped');
    });
  },
);
