import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../server/logger';
import { createSweeper } from '../../server/workers/sweeper';
import { createWorker, type StepResult } from '../../server/workers/worker';
import { createTestApp, MINUTE, signIn } from './support/test-app';
import { dialect } from './support/test-store';

const root = fileURLToPath(new URL('../..', import.meta.url));
const silent = createLogger('silent');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a worker', () => {
  test('runs one item at a time, and stop() waits for the item under way, then starts none', async () => {
    let active = 0;
    let most = 0;
    let started = 0;
    let finished = 0;
    const worker = createWorker({
      name: 't',
      log: silent,
      intervalMs: 1000,
      async step(): Promise<StepResult> {
        started += 1;
        active += 1;
        most = Math.max(most, active);
        await pause(30);
        active -= 1;
        finished += 1;
        return 'more';
      },
    });
    worker.start();
    worker.start();
    await pause(80);
    await worker.stop();
    assert.equal(most, 1);
    assert.equal(started, finished);
    const after = started;
    await pause(80);
    assert.equal(started, after);
  });

  test('an idle worker sleeps until its interval or a wake(); a failing item is retried later', async () => {
    let calls = 0;
    const worker = createWorker({
      name: 't',
      log: silent,
      intervalMs: 60_000,
      async step(): Promise<StepResult> {
        calls += 1;
        if (calls === 1) throw new Error('first item fails');
        return 'idle';
      },
    });
    worker.start();
    await pause(30);
    assert.equal(calls, 1);
    worker.wake();
    await pause(30);
    assert.equal(calls, 2);
    // stop() does not wait for the 60 s interval.
    const stopping = Date.now();
    await worker.stop();
    assert.ok(Date.now() - stopping < 500);
  });
});

// Processes on their own SQLite files: the same on either suite, so run once.
describe('the sweeper', () => {
  test('deletes expired sessions when it runs, and stops', async () => {
    const t = await createTestApp();
    try {
      await signIn(t);
      t.clock.advance(9 * 60 * MINUTE);
      const sweeper = createSweeper(t.services, silent, 60_000);
      sweeper.start();
      // Its first round runs at start; stop() waits for it.
      await pause(50);
      await sweeper.stop();
      const rows = await t.store.db.select().from(t.store.t.sessions);
      assert.equal(rows.length, 0);
    } finally {
      await t.close();
    }
  });
});

describe('a Sésame process on SIGTERM', { skip: dialect === 'postgres' && 'dialect-independent: runs in the SQLite suite' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sesame-workers-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function run(script: string, env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
    return { child, exited };
  }

  async function waitForLine(file: string, line: string, ms = 20_000) {
    const until = Date.now() + ms;
    while (!(existsSync(file) && readFileSync(file, 'utf8').split('\n').includes(line))) {
      if (Date.now() > until) throw new Error(`no "${line}" in ${file}`);
      await pause(20);
    }
  }

  test('the item under way finishes, no new one starts, and the process exits 0', async () => {
    const logFile = join(dir, 'items.log');
    const { child, exited } = run('test/server/support/busy-worker-process.ts', {
      LOG_FILE: logFile,
      DB_FILE: join(dir, 'a', 'sesame.db'),
      ITEM_MS: '1000',
    });
    await waitForLine(logFile, 'start 2');
    child.kill('SIGTERM');
    const { code, output } = await exited;
    assert.equal(code, 0, output);
    assert.deepEqual(readFileSync(logFile, 'utf8').trim().split('\n'), ['start 1', 'finish 1', 'start 2', 'finish 2']);
  });

  test('an item that never finishes: the process exits non-zero at the deadline', async () => {
    const logFile = join(dir, 'stuck.log');
    const { child, exited } = run('test/server/support/busy-worker-process.ts', {
      LOG_FILE: logFile,
      DB_FILE: join(dir, 'b', 'sesame.db'),
      STUCK: '1',
      SHUTDOWN_SECONDS: '1',
    });
    await waitForLine(logFile, 'start 1');
    const signalled = Date.now();
    child.kill('SIGTERM');
    const { code } = await exited;
    assert.notEqual(code, 0);
    assert.ok(Date.now() - signalled < 5_000);
  });

  test('server/main.ts itself stops on SIGTERM with exit 0, its data files readable by the owner only', async () => {
    const dataDir = join(dir, 'main');
    const { child, exited } = run('server/main.ts', {
      PORT: '0',
      SESAME_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SESAME_DEMO: '0',
      DATABASE_URL: '',
    });
    const until = Date.now() + 30_000;
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    while (!seen.includes('Sésame is ready')) {
      if (Date.now() > until) throw new Error('main.ts did not start');
      await pause(50);
    }
    child.kill('SIGTERM');
    const { code, output } = await exited;
    assert.equal(code, 0, output);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, 'sesame.db')).mode & 0o777, 0o600);
    for (const companion of ['-wal', '-shm']) {
      const path = join(dataDir, `sesame.db${companion}`);
      if (existsSync(path)) assert.equal(statSync(path).mode & 0o777, 0o600);
    }
  });

  test('a busy port: one line naming the port and PORT=…, no stack trace, nothing seeded, exit non-zero', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const dataDir = join(dir, 'busy');
      const { exited } = run('server/main.ts', { PORT: String(port), SESAME_DATA_DIR: dataDir, SESAME_DEMO: '1', DATABASE_URL: '' });
      const { code, output } = await exited;
      assert.notEqual(code, 0);
      assert.equal(output.trim().split('\n').length, 1, output);
      assert.match(output, new RegExp(`port ${port}.*PORT=`));
      assert.doesNotMatch(output, /\n\s+at |EADDRINUSE|Demo directory/);
      assert.equal(existsSync(join(dataDir, 'sesame.db')), false);
    } finally {
      holder.close();
    }
  });
});
