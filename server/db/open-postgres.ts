import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as pgSchema from './schema/pg';
import { asWriter, type Db, type Store, type Tables } from './store';

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations', 'pg');
/** Any constant: it keeps two instances starting together from migrating at the same time. */
const MIGRATION_LOCK_KEY = 0x5e5a3e;

// The query layer is typed against the SQLite schema; this is the one place where the
// PostgreSQL instance takes that type (see store.ts and the schema-equivalence test).
const tables = pgSchema as unknown as Tables;

export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<Store> {
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
  return {
    dialect: 'postgres',
    db,
    t: tables,
    write: (fn) => db.transaction((tx) => fn(asWriter(tx, tables))),
    ping: async () => {
      await sql`SELECT 1`;
    },
    close: async () => {
      await sql.end({ timeout: 5 });
    },
  };
}
