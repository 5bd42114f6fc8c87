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
 * groups (see group-commit.ts). A write can register work for after its commit
 * (`w.afterCommit`, commit-hooks.ts) and publish events (`store.events`, server/events/).
 */
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { Events } from '../events/events';
import type { CommitHook, CommitHooks } from './commit-hooks';
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
  readonly dialect: Dialect;
  readonly [writerBrand]: true;
  /**
   * Runs `hook` once this write's transaction has committed; never if it rolls back. A hook that
   * throws is logged and does not fail the write. Only for work outside the database.
   */
  afterCommit(hook: CommitHook): void;
}

export interface Store extends Reader {
  readonly dialect: Dialect;
  readonly db: Db;
  /** Runs `fn` in one transaction: all its writes commit together, or none does. */
  write<T>(fn: (w: Writer) => Promise<T>): Promise<T>;
  /** Publish inside a write, delivered after commit; subscribers see other stores' events too. */
  readonly events: Events;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Closes the events listener, then the database; calling it again does nothing. */
  close(): Promise<void>;
}

export function asWriter(tx: Tx, t: Tables, dialect: Dialect, hooks: CommitHooks): Writer {
  return { db: tx, t, dialect, afterCommit: (hook: CommitHook) => hooks.add(hook) } as unknown as Writer;
}
