/**
 * A fresh database for one test file, on the dialect the suite runs against
 * (SESAME_TEST_DIALECT=sqlite|postgres, set by test/run-server-suite.ts). PostgreSQL databases
 * are created under a random name and dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openPostgresStore } from '../../../server/db/open-postgres';
import { openSqliteStore, sqliteFileIn } from '../../../server/db/open-sqlite';
import type { Dialect, Store } from '../../../server/db/store';
import type { Logger } from '../../../server/logger';

export interface StoreOptions {
  log?: Logger;
  heartbeatMs?: number;
}

export const dialect: Dialect = process.env.SESAME_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
export const postgresAdminUrl = process.env.SESAME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** The environment a Sésame process (a child of the test) needs to open this same database. */
  readonly env: Record<string, string>;
  /** Opens another store on the same database (a second server instance). */
  open(options?: StoreOptions): Promise<Store>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sesame-test-'));
    const opened: Store[] = [];
    return {
      env: { SESAME_DATA_DIR: dir, DATABASE_URL: '' },
      async open(options) {
        const store = await openSqliteStore(sqliteFileIn(dir), options);
        opened.push(store);
        return store;
      },
      async drop() {
        await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `sesame_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const opened: Store[] = [];
  return {
    env: { DATABASE_URL: url.toString() },
    async open(options) {
      const store = await openPostgresStore(url.toString(), { max: 4, ...options });
      opened.push(store);
      return store;
    },
    async drop() {
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
