/**
 * The seam between the query layer and the two databases.
 *
 * Queries are written once, against the SQLite schema's types. On PostgreSQL the store hands the
 * same code PostgreSQL's drizzle instance and tables: drizzle's select/insert/update/delete,
 * `returning()`, `onConflictDoUpdate()` and `transaction()` have the same shape in both dialects,
 * and the schema-equivalence test guarantees that both schemas produce the same row types.
 * Query code must therefore stay within that common subset: no `.get()`/`.all()`/`.run()`
 * (SQLite only), no `.execute()` (PostgreSQL only), and row counts through `returning()`.
 *
 * Every write goes through `store.write()`, which hands out a `Writer`: the only value the
 * write queries accept. On SQLite it also queues writers inside the process and commits them in
 * groups (see group-commit.ts).
 */
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type * as sqliteSchema from './schema/sqlite';

export type Tables = typeof sqliteSchema;
export type Db = LibSQLDatabase<Tables>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Dialect = 'sqlite' | 'postgres';

declare const writerBrand: unique symbol;

/** Anything queries can read through: the store itself or an open write transaction. */
export interface Reader {
  readonly db: Db | Tx;
  readonly t: Tables;
}

/** An open write transaction; obtainable only from `Store.write()`. */
export interface Writer extends Reader {
  readonly db: Tx;
  readonly [writerBrand]: true;
}

export interface Store extends Reader {
  readonly dialect: Dialect;
  readonly db: Db;
  /** Runs `fn` in one transaction: all its writes commit together, or none does. */
  write<T>(fn: (w: Writer) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function asWriter(tx: Tx, t: Tables): Writer {
  return { db: tx, t } as Writer;
}
