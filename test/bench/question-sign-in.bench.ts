/**
 * Security-answer checks per second through the real HTTP server ("Answer security questions":
 * start, then answer — three argon2id verifications per attempt), against the ceiling argon2id
 * sets on this machine (cores ÷ one verification's time). Goal: ratio ≥ 0.9 — the draw, the
 * attempt rows, the lockout counter and the session write cost less than a tenth. SQLite only:
 * the PostgreSQL figures of the password benchmark show what the database adds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normaliseAnswer } from '../../shared/answer-normalisation';
import { hashSecret } from '../../server/crypto/argon2';
import { findEmployeeByUserId } from '../../server/db/queries/employees';
import { replaceSecurityAnswers } from '../../server/db/queries/security-answers';
import { openSqliteStore, sqliteFileIn } from '../../server/db/open-sqlite';
import type { Store } from '../../server/db/store';
import { addEmployee } from '../../server/directory/sql-directory';
import { argon2Ceiling, closedLoop, CLIENTS, DURATION_MS, ratioLine, startBenchServer, type BenchServer } from './support/bench-server';

const EMPLOYEES = Array.from({ length: 64 }, (_, i) => `qbench${String(i).padStart(4, '0')}`);
const SET = [
  { questionId: 'first-pet', answer: 'Pompon' },
  { questionId: 'elementary-school', answer: 'Sainte-Famille' },
  { questionId: 'parents-met', answer: 'Rimouski' },
  { questionId: 'first-concert', answer: 'Céline Dion' },
  { questionId: 'first-car', answer: 'Honda Civic' },
];

/** Every bench employee enrolls the same five answers (hashed once: the hashes' content does not change the cost). */
async function seed(store: Store): Promise<void> {
  const hashes = await Promise.all(SET.map((row) => hashSecret(normaliseAnswer(row.answer))));
  const at = new Date();
  for (const userId of EMPLOYEES) {
    await addEmployee(store, {
      userId,
      employeeId: `E-${userId}`,
      displayName: `Bench ${userId}`,
      preferredLanguage: 'en',
      roles: ['employee'],
      password: 'bench-password-2026',
    });
    const employee = await findEmployeeByUserId(store, userId);
    const id = employee!.id;
    await store.write((w) =>
      replaceSecurityAnswers(
        w,
        id,
        SET.map((row, i) => ({
          employeeId: id,
          position: i + 1,
          questionId: row.questionId,
          customQuestion: null,
          customLanguage: null,
          answerHash: hashes[i]!,
          createdAt: at,
        })),
      ),
    );
  }
  await store.close();
}

/** One attempt: the three questions, then their right answers. */
async function signIn(server: BenchServer, userId: string): Promise<boolean> {
  const started = await server.post('/api/auth/questions/start', { userId, purpose: 'sign-in' });
  if (started.status !== 200) return false;
  const { questions } = JSON.parse(started.body) as { questions: Array<{ position: number }> };
  const answers = questions.map((q) => ({ position: q.position, answer: SET[q.position - 1]?.answer ?? '' }));
  return (await server.post('/api/auth/questions/answer', { userId, purpose: 'sign-in', answers })).status === 200;
}

export async function benchQuestionSignIn(): Promise<void> {
  const { hashMs, cores, perSecond: ceiling } = await argon2Ceiling(normaliseAnswer('Rimouski'));
  const dataDir = mkdtempSync(join(tmpdir(), 'sesame-bench-questions-'));
  try {
    await seed(await openSqliteStore(sqliteFileIn(dataDir)));
    const server = await startBenchServer({ SESAME_DATA_DIR: dataDir, DATABASE_URL: '' });
    const result = await closedLoop(EMPLOYEES, (userId) => signIn(server, userId)).finally(() => server.stop());
    const checks = { ...result, perSecond: result.perSecond * 3 };
    process.stdout.write(
      [
        `Security questions: real server over HTTP, ${CLIENTS} clients, ${EMPLOYEES.length} employees, ${DURATION_MS / 1000} s, SQLite`,
        `  argon2id verification: ${hashMs.toFixed(1)} ms; ${cores} cores → ceiling ${ceiling.toFixed(1)} answer checks/s`,
        ratioLine(`${result.perSecond.toFixed(1)} sign-ins/s × 3 answers`, checks, ceiling, 'answer checks/s'),
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
