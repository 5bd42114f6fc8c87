/**
 * The SQLite client drizzle's libsql driver talks to: libsql's own connections behind the part
 * of @libsql/client's `Client` the driver calls (execute, batch, migrate, transaction, close),
 * with each connection's prepared statements kept for reuse.
 *
 * Why not @libsql/client itself: it prepares every statement afresh — parse, plan, column list,
 * on the main thread — and a sign-in runs the same dozen statements every time. The password
 * sign-in benchmark's profile put preparing at a sixth of the event loop's work per sign-in
 * (issue 7, item 15). Everything else is as @libsql/client 0.18 does it, so that drizzle sees the
 * same values: integers read as bigint and returned as numbers (a RangeError past 2^53), blobs as
 * ArrayBuffers, booleans and dates bound as numbers, rows with named and positional fields.
 *
 * Connections are pooled as @libsql/client pools them: a transaction holds one until it commits
 * or rolls back, every other call borrows one for its (synchronous) duration, so a read outside
 * a transaction never sees that transaction's uncommitted rows. With group commit
 * (group-commit.ts) there is one transaction at a time, hence two connections in practice.
 */
import { Buffer } from 'node:buffer';
import type { Client, InArgs, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode } from '@libsql/client';
import Database from 'libsql';

/** Distinct statement texts kept per connection; the server has a few dozen, so this is only a bound. */
const STATEMENTS_KEPT = 256;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

interface Prepared {
  statement: Database.Statement;
  /** Column names, when the statement returns rows (a SELECT, or RETURNING). */
  columns: string[] | null;
  columnTypes: string[];
}

function toSql(value: InValue | undefined): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE)
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

/** A row as @libsql/client shapes it: positional fields and `length` hidden, named fields enumerable. */
function toRow(values: unknown[], columns: string[]): Row {
  const row = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i] as string;
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row as Row;
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/** One libsql connection and the statements it has prepared, most recently used last. */
class Connection {
  readonly db: Database.Database;
  #prepared = new Map<string, Prepared>();

  constructor(path: string, timeoutMs: number) {
    this.db = new Database(path, { timeout: timeoutMs });
  }

  #prepare(sql: string): Prepared {
    const kept = this.#prepared.get(sql);
    if (kept) {
      this.#prepared.delete(sql);
      this.#prepared.set(sql, kept);
      return kept;
    }
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    let prepared: Prepared;
    try {
      statement.raw(true); // throws when the statement returns no rows
      const definitions = statement.columns();
      prepared = { statement, columns: definitions.map((c) => c.name), columnTypes: definitions.map((c) => c.type ?? '') };
    } catch {
      prepared = { statement, columns: null, columnTypes: [] };
    }
    if (this.#prepared.size >= STATEMENTS_KEPT) this.#prepared.delete(this.#prepared.keys().next().value as string);
    this.#prepared.set(sql, prepared);
    return prepared;
  }

  execute(stmt: InStatement): ResultSet {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: [] as InArgs } : { sql: stmt.sql, args: stmt.args ?? [] };
    const bound = Array.isArray(args)
      ? args.map(toSql)
      : Object.fromEntries(Object.entries(args).map(([name, value]) => [/^[@$:]/.test(name) ? name.slice(1) : name, toSql(value)]));
    const { statement, columns, columnTypes } = this.#prepare(sql);
    if (columns) {
      const rows = (statement.all(bound) as unknown[][]).map((values) => toRow(values, columns));
      return resultSet(columns, columnTypes, rows, 0, undefined);
    }
    const info = statement.run(bound);
    return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  close(): void {
    this.#prepared.clear();
    if (this.db.open) this.db.close();
  }
}

class ConnectionPool {
  #idle: Connection[] = [];
  #all = new Set<Connection>();
  #closed = false;

  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  acquire(): Connection {
    if (this.#closed) throw new Error('The SQLite client is closed');
    const connection = this.#idle.pop() ?? new Connection(this.path, this.timeoutMs);
    this.#all.add(connection);
    return connection;
  }

  release(connection: Connection): void {
    // A connection never goes back mid-transaction: the next borrower would inherit it.
    if (connection.db.open && connection.inTransaction) connection.execute('ROLLBACK');
    if (this.#closed) connection.close();
    else this.#idle.push(connection);
  }

  /** Runs `use` on a borrowed connection; calls are synchronous, so it comes straight back. */
  with<T>(use: (connection: Connection) => T): T {
    const connection = this.acquire();
    try {
      return use(connection);
    } finally {
      this.release(connection);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
    for (const connection of this.#all) connection.close();
    this.#all.clear();
    this.#idle = [];
  }
}

class PooledTransaction implements Transaction {
  #connection: Connection | null;

  constructor(
    connection: Connection,
    private readonly pool: ConnectionPool,
  ) {
    this.#connection = connection;
  }

  #open(): Connection {
    if (!this.#connection?.inTransaction) throw new Error('The transaction is closed');
    return this.#connection;
  }

  #settle(): void {
    const connection = this.#connection;
    this.#connection = null;
    if (connection) this.pool.release(connection);
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return this.#open().execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = this.#open();
    return stmts.map((stmt) => connection.execute(stmt));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open().db.exec(sql);
  }

  async commit(): Promise<void> {
    try {
      this.#open().execute('COMMIT');
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (this.#connection?.db.open && this.#connection.inTransaction) this.#connection.execute('ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  close(): void {
    this.#settle(); // release() rolls back what is still open
  }

  get closed(): boolean {
    return this.#connection === null || !this.#connection.inTransaction;
  }
}

/** Runs `stmts` in one transaction on one connection: all commit, or none. */
function inOneTransaction(connection: Connection, begin: string, stmts: Array<InStatement | [string, InArgs?]>): ResultSet[] {
  connection.execute(begin);
  try {
    const results = stmts.map((stmt) => connection.execute(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt));
    connection.execute('COMMIT');
    return results;
  } catch (error) {
    if (connection.inTransaction) connection.execute('ROLLBACK');
    throw error;
  }
}

/** A client on the SQLite file at `path`; `timeoutMs`: how long a connection waits for another process's lock. */
export function createSqliteClient(path: string, timeoutMs: number): Client {
  const pool = new ConnectionPool(path, timeoutMs);
  pool.with((connection) => connection.execute('SELECT 1')); // fail at once when the file cannot be opened
  const client = {
    protocol: 'file' as const,
    get closed() {
      return pool.closed;
    },
    async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
      const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
      return pool.with((connection) => connection.execute(stmt));
    },
    async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
      return pool.with((connection) => inOneTransaction(connection, BEGIN[mode], stmts));
    },
    async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
      return pool.with((connection) => {
        connection.execute('PRAGMA foreign_keys=off');
        try {
          return inOneTransaction(connection, BEGIN.deferred, stmts);
        } finally {
          connection.execute('PRAGMA foreign_keys=on');
        }
      });
    },
    async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
      const connection = pool.acquire();
      try {
        connection.execute(BEGIN[mode]);
      } catch (error) {
        pool.release(connection);
        throw error;
      }
      return new PooledTransaction(connection, pool);
    },
    async executeMultiple(sql: string): Promise<void> {
      pool.with((connection) => connection.db.exec(sql));
    },
    async sync() {
      return undefined;
    },
    reconnect() {
      throw new Error('reconnect() is not supported by this SQLite client');
    },
    close() {
      pool.close();
    },
  };
  return client as unknown as Client;
}
