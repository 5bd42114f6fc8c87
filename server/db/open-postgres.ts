import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { openPostgresEvents } from '../events/postgres-events';
import { createLogger, type Logger } from '../logger';
import { CommitHooks } from './commit-hooks';
import * as pgSchema from './schema/pg';
import { asWriter, type Db, type Store, type Tables } from './store';

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations', 'pg');
/** Any constant: it keeps two instances starting together from migrating at the same time. */
const MIGRATION_LOCK_KEY = 0x5e5a3e;

// The query layer is typed against the SQLite schema; this is the one place where the
// PostgreSQL instance takes that type (see store.ts and the schema-equivalence test).
const tables = pgSchema as unknown as Tables;

export interface PostgresStoreOptions {
  max?: number;
  /** Where failures after a commit (hooks, event handlers) are reported. */
  log?: Logger;
  /** How often the events listener checks that it still hears (postgres-events.ts). */
  heartbeatMs?: number;
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const log = options.log ?? createLogger('warn');
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => undefined });
  try {
    const migrator = postgres(url, { max: 1, onnotice: () => undefined });
    try {
      await migrator`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      await migrate(drizzle(migrator), { migrationsFolder });
      await migrator`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    } finally {
      await migrator.end();
    }
  } catch (error) {
    await sql.end();
    throw error;
  }
  const pgDb = drizzle(sql, { schema: pgSchema });
  const db = pgDb as unknown as Db;
  const events = openPostgresEvents(sql, (err, context) => log.error({ err, ...context }, 'event handler failed'), {
    heartbeatMs: options.heartbeatMs,
  });
  const reportHookError = (err: unknown) => log.error({ err }, 'after-commit hook failed');
  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    db,
    t: tables,
    events,
    write: async (fn) => {
      const hooks = new CommitHooks();
      let result;
      try {
        result = await db.transaction((tx) => fn(asWriter(tx, tables, 'postgres', hooks)));
      } catch (error) {
        hooks.discard();
        throw error;
      }
      hooks.run(reportHookError);
      return result;
    },
    ping: async () => {
      await sql`SELECT 1`;
    },
    close: () =>
      (closing ??= (async () => {
        await events.close();
        await sql.end({ timeout: 5 });
      })()),
  };
}
