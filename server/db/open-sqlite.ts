import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema/sqlite';
import { GroupCommit } from './group-commit';
import { asWriter, type Store, type Tx } from './store';

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations', 'sqlite');

/** Opens (creating if needed) the SQLite file, in WAL mode with full fsync, and migrates it. */
export async function openSqliteStore(file: string): Promise<Store> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // The busy timeout only matters for another process (such as `npm run audit:verify`).
  const client = createClient({ url: `file:${file}`, timeout: 5000 });
  // WAL is recorded in the file itself, so every connection of the pool inherits it.
  await client.execute('PRAGMA journal_mode = WAL');
  const sync = await client.execute('PRAGMA synchronous');
  if (Number(sync.rows[0]?.[0]) < 2) {
    throw new Error('SQLite connection is not in synchronous=FULL mode: acknowledged writes could be lost');
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  const writer = new GroupCommit<Tx>({
    transaction: (body) => db.transaction(body),
    savepoint: (tx, body) => tx.transaction(body),
  });
  return {
    dialect: 'sqlite',
    db,
    t: schema,
    write: (fn) => writer.write((tx) => fn(asWriter(tx, schema))),
    ping: async () => {
      await client.execute('SELECT 1');
    },
    close: async () => {
      await writer.idle();
      client.close();
    },
  };
}

export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, 'sesame.db');
}
