/**
 * Password sign-ins per second through the real HTTP server, against the ceiling argon2id sets
 * on this machine (cores ÷ one verification's time). Goal: ratio ≥ 0.9 — everything but the hash
 * (HTTP, validation, lockout counters, session writes with fsync) costs less than a tenth.
 * Runs on SQLite, and on PostgreSQL when one is reachable at SESAME_TEST_PG_URL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { hashSecret, verifySecret } from '../../server/crypto/argon2';
import { openPostgresStore } from '../../server/db/open-postgres';
import { openSqliteStore, sqliteFileIn } from '../../server/db/open-sqlite';
import type { Store } from '../../server/db/store';
import { addEmployee } from '../../server/directory/sql-directory';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const CLIENTS = 16;
const PASSWORD = 'bench-password-2026';
/** Many employees signing in, as at a shift change; never one employee twice at once. */
const EMPLOYEES = Array.from({ length: 64 }, (_, i) => `bench${String(i).padStart(4, '0')}`);
const PG_URL = process.env.SESAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function oneVerificationMs(): Promise<number> {
  const hash = await hashSecret(PASSWORD);
  for (let i = 0; i < 3; i++) await verifySecret(hash, PASSWORD);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    await verifySecret(hash, PASSWORD);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function seed(store: Store): Promise<void> {
  for (const userId of EMPLOYEES) {
    await addEmployee(store, {
      userId,
      employeeId: `E-${userId}`,
      displayName: `Bench ${userId}`,
      preferredLanguage: 'en',
      roles: ['employee'],
      password: PASSWORD,
    });
  }
  await store.close();
}

async function startServer(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    // As `npm run serve` starts it: one libuv thread per core for argon2id.
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', UV_THREADPOOL_SIZE: String(availableParallelism()), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Sésame is ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

function signIn(agent: http.Agent, port: number, userId: string): Promise<number> {
  const body = JSON.stringify({ userId, password: PASSWORD });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/auth/password',
        headers: { 'content-type': 'application/json', origin: `http://localhost:${port}`, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function measure(env: Record<string, string>): Promise<{ perSecond: number; refused: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await startServer(port, env);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    for (const user of EMPLOYEES.slice(0, CLIENTS)) await signIn(agent, port, user); // warm-up
    let done = 0;
    let refused = 0;
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const mine = EMPLOYEES.filter((_, i) => i % CLIENTS === client);
        for (let n = 0; performance.now() < deadline; n++) {
          const status = await signIn(agent, port, mine[n % mine.length] ?? 'bench0000');
          if (status === 200) done++;
          else refused++;
        }
      }),
    );
    return { perSecond: done / ((performance.now() - started) / 1000), refused };
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

async function onSqlite(): Promise<{ perSecond: number; refused: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sesame-bench-'));
  try {
    await seed(await openSqliteStore(sqliteFileIn(dataDir)));
    return await measure({ SESAME_DATA_DIR: dataDir, DATABASE_URL: '' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<{ perSecond: number; refused: number } | null> {
  const admin = postgres(PG_URL, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  const name = `sesame_bench_${process.pid}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch {
    await admin.end();
    return null;
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    await seed(await openPostgresStore(url.toString()));
    return await measure({ DATABASE_URL: url.toString() });
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchPasswordSignIn(): Promise<void> {
  const cores = availableParallelism();
  const hashMs = await oneVerificationMs();
  const ceiling = cores / (hashMs / 1000);
  const line = (label: string, r: { perSecond: number; refused: number }) =>
    `  ${label}: ${r.perSecond.toFixed(1)} sign-ins/s → ratio ${(r.perSecond / ceiling).toFixed(2)} (goal ≥ 0.9)${r.refused ? `, ${r.refused} refused` : ''}`;
  const sqlite = await onSqlite();
  const pg = await onPostgres();
  process.stdout.write(
    [
      `Password sign-ins: real server over HTTP, ${CLIENTS} clients, ${EMPLOYEES.length} employees, ${DURATION_MS / 1000} s each`,
      `  argon2id verification: ${hashMs.toFixed(1)} ms; ${cores} cores → ceiling ${ceiling.toFixed(1)} sign-ins/s`,
      line('SQLite (WAL, synchronous=FULL)', sqlite),
      pg ? line('PostgreSQL', pg) : '  PostgreSQL: not reachable, not measured',
      '',
    ].join('\n'),
  );
}
