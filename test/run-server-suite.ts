/**
 * The server suite, run once per dialect: `tsx test/run-server-suite.ts sqlite|postgres`.
 * PostgreSQL comes from SESAME_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test);
 * each test file creates its own database there and drops it. When PostgreSQL cannot be
 * reached the run says so and skips it — except under CI=true, where that is a failure.
 */
import postgres from 'postgres';
import { run, testFiles } from './support-run';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const pgUrl = process.env.SESAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | null> {
  const sql = postgres(pgUrl, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`SELECT 1`;
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

if (dialect === 'postgres') {
  const problem = await postgresReachable();
  if (problem) {
    const ci = process.env.CI === 'true';
    process.stdout.write(`PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//…@')} is not reachable (${problem}).\n`);
    if (ci) {
      process.stdout.write('CI=true: the PostgreSQL suite must run, so this is a failure.\n');
      process.exit(1);
    }
    process.stdout.write('Skipping the PostgreSQL suite (set CI=true to make this a failure).\nℹ pass 0\nℹ fail 0\nℹ skipped 1\n');
    process.exit(0);
  }
}

process.stdout.write(`\n— server suite on ${dialect} —\n`);
const { code } = await run(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...testFiles('test/server')],
  { SESAME_TEST_DIALECT: dialect, SESAME_TEST_PG_URL: pgUrl },
);
process.exit(code);
