/**
 * Password sign-ins per second through the real HTTP server, against the ceiling argon2id sets
 * on this machine (cores ÷ one verification's time). Goal: ratio ≥ 0.9 — everything but the hash
 * (HTTP, validation, lockout counters, session writes with fsync) costs less than a tenth.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSecret, verifySecret } from '../../server/crypto/argon2';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const CLIENTS = 16;
const PASSWORD = 'sesame-demo-2026';

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

async function startServer(port: number, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      SESAME_DATA_DIR: dataDir,
      SESAME_DEMO: '1',
      LOG_LEVEL: 'warn',
      SESAME_IP_FAILURE_LIMIT: '1000000',
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    },
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

export async function benchPasswordSignIn(): Promise<void> {
  const cores = availableParallelism();
  const hashMs = await oneVerificationMs();
  const ceiling = cores / (hashMs / 1000);

  const port = 20000 + Math.floor(Math.random() * 20000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sesame-bench-'));
  const server = await startServer(port, dataDir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const users = ['100001', '100002', '900001'];
    for (const user of users) await signIn(agent, port, user); // warm-up
    let done = 0;
    let refused = 0;
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        while (performance.now() < deadline) {
          const status = await signIn(agent, port, users[i % users.length] ?? '100001');
          if (status === 200) done++;
          else refused++;
        }
      }),
    );
    const perSecond = done / ((performance.now() - started) / 1000);
    process.stdout.write(
      [
        'Password sign-ins (HTTP, real server, SQLite with fsync, one argon2id verification each)',
        `  argon2id verification: ${hashMs.toFixed(1)} ms on one core; ${cores} cores → ceiling ${ceiling.toFixed(1)} sign-ins/s`,
        `  measured: ${perSecond.toFixed(1)} sign-ins/s over ${(DURATION_MS / 1000).toFixed(0)} s with ${CLIENTS} clients (${refused} refused)`,
        `  ratio: ${(perSecond / ceiling).toFixed(2)} (goal ≥ 0.9)`,
        '',
      ].join('\n'),
    );
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
