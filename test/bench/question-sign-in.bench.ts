/**
 * Security-answer checks per second through the real HTTP server ("Answer security questions":
 * start, then answer — three argon2id verifications per attempt), against the ceiling argon2id
 * sets on this machine (cores ÷ one verification's time). Goal: ratio ≥ 0.9 — the draw, the
 * attempt rows, the lockout counter and the session write cost less than a tenth. SQLite only:
 * the PostgreSQL figures of the password benchmark show what the database adds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { normaliseAnswer } from '../../shared/answer-normalisation';
import { hashSecret, verifySecret } from '../../server/crypto/argon2';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { replaceSecurityAnswers } from '../../server/db/queries/security-answers';
import { openSqliteStore, sqliteFileIn } from '../../server/db/open-sqlite';
import type { Store } from '../../server/db/store';
import { addEmployee } from '../../server/directory/sql-directory';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const CLIENTS = 16;
const EMPLOYEES = Array.from({ length: 64 }, (_, i) => `qbench${String(i).padStart(4, '0')}`);
const SET = [
  { questionId: 'first-pet', answer: 'Pompon' },
  { questionId: 'elementary-school', answer: 'Sainte-Famille' },
  { questionId: 'parents-met', answer: 'Rimouski' },
  { questionId: 'first-concert', answer: 'Céline Dion' },
  { questionId: 'first-car', answer: 'Honda Civic' },
];

async function oneVerificationMs(): Promise<number> {
  const secret = normaliseAnswer('Rimouski');
  const hash = await hashSecret(secret);
  for (let i = 0; i < 3; i++) await verifySecret(hash, secret);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    await verifySecret(hash, secret);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Every bench employee enrolls the same five answers (hashed once: the hashes' content does not change the cost). */
async function seed(store: Store): Promise<void> {
  const hashes = await Promise.all(SET.map((row) => hashSecret(normaliseAnswer(row.answer))));
  const at = new Date();
  for (const userId of EMPLOYEES) {
    await addEmployee(store, { userId, employeeId: `E-${userId}`, displayName: `Bench ${userId}`, preferredLanguage: 'en', roles: ['employee'], password: 'bench-password-2026' });
    const employee = await findEmployeeByUserId(store, userId);
    const id = employee!.id;
    await store.write((w) =>
      replaceSecurityAnswers(
        w,
        id,
        SET.map((row, i) => ({ employeeId: id, position: i + 1, questionId: row.questionId, customQuestion: null, customLanguage: null, answerHash: hashes[i]!, createdAt: at })),
      ),
    );
  }
  await store.close();
}

async function startServer(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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

function post(agent: http.Agent, port: number, path: string, json: unknown): Promise<{ status: number; body: string }> {
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
}

/** One attempt: the three questions, then their right answers. */
async function signIn(agent: http.Agent, port: number, userId: string): Promise<number> {
  const started = await post(agent, port, '/api/auth/questions/start', { userId, purpose: 'sign-in' });
  if (started.status !== 200) return started.status;
  const { questions } = JSON.parse(started.body) as { questions: Array<{ position: number }> };
  const answers = questions.map((q) => ({ position: q.position, answer: SET[q.position - 1]?.answer ?? '' }));
  return (await post(agent, port, '/api/auth/questions/answer', { userId, purpose: 'sign-in', answers })).status;
}

async function measure(dataDir: string): Promise<{ perSecond: number; refused: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await startServer(port, { SESAME_DATA_DIR: dataDir, DATABASE_URL: '' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
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
          if ((await signIn(agent, port, mine[n % mine.length] ?? EMPLOYEES[0]!)) === 200) done++;
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

export async function benchQuestionSignIn(): Promise<void> {
  const cores = availableParallelism();
  const hashMs = await oneVerificationMs();
  const ceiling = cores / (hashMs / 1000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sesame-bench-questions-'));
  try {
    await seed(await openSqliteStore(sqliteFileIn(dataDir)));
    const result = await measure(dataDir);
    const checks = result.perSecond * 3;
    process.stdout.write(
      [
        `Security questions: real server over HTTP, ${CLIENTS} clients, ${EMPLOYEES.length} employees, ${DURATION_MS / 1000} s, SQLite`,
        `  argon2id verification: ${hashMs.toFixed(1)} ms; ${cores} cores → ceiling ${ceiling.toFixed(1)} answer checks/s`,
        `  ${result.perSecond.toFixed(1)} sign-ins/s × 3 answers = ${checks.toFixed(1)} answer checks/s → ratio ${(checks / ceiling).toFixed(2)} (goal ≥ 0.9)` +
          (result.refused ? `, ${result.refused} refused` : ''),
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
