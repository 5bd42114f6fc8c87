/**
 * What the sign-in benchmarks share: the argon2id ceiling, a real server process started as
 * `npm run serve` starts it, JSON requests over keep-alive HTTP, and a timed closed loop of
 * clients that each sign in their own employees in turn (never one employee twice at once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { availableParallelism } from 'node:os';
import { hashSecret, verifySecret } from '../../../server/crypto/argon2';
import { sample, type Sample } from './where-time-goes';

export const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
export const CLIENTS = 16;

/** Median time of one argon2id verification, and the sign-ins per second all cores allow. */
export async function argon2Ceiling(secret: string): Promise<{ hashMs: number; cores: number; perSecond: number }> {
  const hash = await hashSecret(secret);
  for (let i = 0; i < 3; i++) await verifySecret(hash, secret);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    await verifySecret(hash, secret);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const hashMs = times[Math.floor(times.length / 2)] ?? 0;
  const cores = availableParallelism();
  return { hashMs, cores, perSecond: cores / (hashMs / 1000) };
}

export interface BenchServer {
  port: number;
  child: ChildProcess;
  /** CPU and event-loop figures so far (where-time-goes.ts); `databasePids`: the database's backends serving this server. */
  sample(databasePids?: () => Promise<number[]>): Promise<Sample>;
  post(path: string, json: unknown): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the server there (read it with cpu-profile-summary.ts).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const probe = new URL('./server-probe.mjs', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [...profile, ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--import', probe, 'dist/server/main.mjs'],
    {
      // As `npm run serve` starts it: one libuv thread per core for argon2id.
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', UV_THREADPOOL_SIZE: String(availableParallelism()), ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Sésame is ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
  return {
    port,
    child,
    sample: (databasePids = () => Promise.resolve([])) => sample(child, databasePids),
    post(path, json) {
      const body = JSON.stringify(json);
      return new Promise((resolve, reject) => {
        const request = http.request(
          {
            agent,
            host: '127.0.0.1',
            port,
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json', origin: `http://localhost:${port}`, 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
    async stop() {
      agent.destroy();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/**
 * Runs CLIENTS loops for DURATION_MS, each signing in its share of `employees` in turn;
 * `measure`, when given, is sampled after the warm-up and at the end.
 */
export async function closedLoop<S = never>(
  employees: readonly string[],
  signIn: (userId: string) => Promise<boolean>,
  measure?: () => Promise<S>,
): Promise<{ perSecond: number; refused: number; done: number; samples?: { before: S; after: S } }> {
  for (const userId of employees.slice(0, CLIENTS)) await signIn(userId); // warm-up
  const before = measure ? await measure() : undefined;
  let done = 0;
  let refused = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const mine = employees.filter((_, i) => i % CLIENTS === client);
      for (let n = 0; performance.now() < deadline; n++) {
        if (await signIn(mine[n % mine.length] ?? employees[0] ?? '')) done++;
        else refused++;
      }
    }),
  );
  const perSecond = done / ((performance.now() - started) / 1000);
  const samples = measure && before !== undefined ? { before, after: await measure() } : undefined;
  return { perSecond, refused, done, ...(samples ? { samples } : {}) };
}

export function ratioLine(label: string, result: { perSecond: number; refused: number }, ceiling: number, unit = 'sign-ins/s'): string {
  const refused = result.refused ? `, ${result.refused} refused` : '';
  return `  ${label}: ${result.perSecond.toFixed(1)} ${unit} → ratio ${(result.perSecond / ceiling).toFixed(2)} (goal ≥ 0.9)${refused}`;
}
