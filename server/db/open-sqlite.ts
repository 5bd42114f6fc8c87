import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { openLocalEvents } from '../events/local-events';
import { createLogger, type Logger } from '../logger';
import * as schema from './schema/sqlite';
import { GroupCommit } from './group-commit';
import { createSqliteClient } from './sqlite-client';
import { asWriter, type Store, type Tx } from './store';

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations', 'sqlite');

/**
 * The data directory and the database files are the owner's alone: they hold password hashes,
 * sessions and the audit trail. SQLite gives its -wal and -shm files the main file's mode, so
 * creating that file 0600 before SQLite opens it is enough for new files; files and directories
 * from before are narrowed as well.
 */
function ownerOnly(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

export interface SqliteStoreOptions {
  /** Where failures after a commit (hooks, event handlers) are reported. */
  log?: Logger;
}

/** Opens (creating if needed) the SQLite file, in WAL mode with full fsync, and migrates it. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const log = options.log ?? createLogger('warn');
  ownerOnly(file);
  // The busy timeout only matters for another process (such as `npm run audit:verify`).
  const client = createSqliteClient(file, 5000);
  // WAL is recorded in the file itself, so every connection of the pool inherits it.
  await client.execute('PRAGMA journal_mode = WAL');
  const sync = await client.execute('PRAGMA synchronous');
  if (Number(sync.rows[0]?.[0]) < 2) {
    throw new Error('SQLite connection is not in synchronous=FULL mode: acknowledged writes could be lost');
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  const writer = new GroupCommit<Tx>(
    {
      transaction: (body) => db.transaction(body),
      savepoint: (tx, body) => tx.transaction(body),
    },
    (err) => log.error({ err }, 'after-commit hook failed'),
  );
  const events = openLocalEvents(resolve(file), (err, context) => log.error({ err, ...context }, 'event handler failed'));
  let closing: Promise<void> | undefined;
  return {
    dialect: 'sqlite',
    db,
    t: schema,
    events,
    write: (fn) => writer.write((tx, hooks) => fn(asWriter(tx, schema, 'sqlite', hooks))),
    ping: async () => {
      await client.execute('SELECT 1');
    },
    close: () =>
      (closing ??= (async () => {
        await writer.idle();
        await events.close();
        client.close();
      })()),
  };
}

export function sqliteFileIn(dataDir: string): string {
  return join(dataDir, 'sesame.db');
}
