/**
 * Queries built once and run many times, for the statements every sign-in runs.
 *
 * drizzle turns a query builder into SQL text anew on every call (walking the builder, escaping
 * names, collecting parameters): the password sign-in benchmark's profile found that at a
 * quarter of the event loop's work per sign-in (issue 7, item 15). A query declared here is
 * built once per dialect, with `sql.placeholder(…)` where its values go, and then only run.
 * On PostgreSQL it also becomes a named prepared statement of each connection (postgres.js
 * `prepare: true`), which drizzle's one-off queries are not, so the server parses it once.
 *
 * drizzle binds a prepared query to the session it was built on — the database or one
 * transaction — and a sign-in's transaction lasts one request. So the query built on the first
 * caller's session is the template, and each run gets a copy that goes through the caller's
 * connection instead: the `client` (and on SQLite the `tx`) that drizzle's libsql and postgres-js
 * sessions hand their prepared queries (drizzle-orm 0.45.4, pinned). A run inside a write is
 * therefore part of that write's transaction; test/server/store.test.ts checks that on both
 * dialects, a rollback included.
 */
import { getTableColumns, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { Reader, Tables } from './store';

type Values = Record<string, unknown>;

/** What drizzle's prepared queries of both dialects offer: `execute` runs it (rows, for a select or RETURNING). */
interface DrizzlePrepared {
  execute(values?: Values): Promise<unknown>;
}

/** The connection fields of drizzle's libsql and postgres-js sessions (and of their prepared queries). */
interface SessionConnection {
  client: unknown;
  tx?: unknown;
}

function connectionOf(r: Reader): SessionConnection {
  const { session } = r.db as unknown as { session?: SessionConnection };
  if (!session || !('client' in session)) throw new Error('prepared queries need a drizzle libsql or postgres-js session');
  return session;
}

/**
 * `build` makes the query against the reader it is given (its tables, its dialect), with
 * placeholders for `V`'s keys; it is called once per dialect. `name` names PostgreSQL's prepared
 * statement, so it must be unique among prepared queries.
 */
export function preparedQuery<V extends object, R = unknown>(
  name: string,
  build: (r: Reader) => { prepare(): unknown },
): (r: Reader, values: V) => Promise<R> {
  const built = new Map<Tables, DrizzlePrepared>();
  return (r, values) => {
    let template = built.get(r.t);
    if (!template) {
      // PostgreSQL's builders take the statement's name; SQLite's take none and ignore it.
      template = (build(r).prepare as (name: string) => DrizzlePrepared)(name);
      built.set(r.t, template);
    }
    const { client, tx } = connectionOf(r);
    const bound = Object.create(template) as DrizzlePrepared & SessionConnection;
    bound.client = client;
    if (tx !== undefined || 'tx' in template) bound.tx = tx;
    return bound.execute(values as Values) as Promise<R>;
  };
}

/**
 * The placeholder `name` as a value of `column`: encoded as the column encodes (a date as its
 * number on SQLite), null left as null — drizzle encodes a placeholder's value unconditionally,
 * where a value written in the builder skips the encoder for null.
 */
function encodedPlaceholder(name: string, column: Column) {
  return sql.param(sql.placeholder(name), {
    mapToDriverValue: (value: unknown) => (value === null ? null : column.mapToDriverValue(value)),
  });
}

/** A placeholder for every column of `table`, named after the column's field: an insert of a whole row. */
export function columnPlaceholders<T extends Table>(table: T): { [K in keyof T['_']['columns']]: SQL } {
  return Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([key, column]) => [key, sql`${encodedPlaceholder(key, column)}`]),
  ) as {
    [K in keyof T['_']['columns']]: SQL;
  };
}

/** The placeholder `name` as a value of `column`, where drizzle's types want SQL (an update's `set`, a comparison). */
export function placeholderAs(name: string, column: Column): SQL {
  return sql`${encodedPlaceholder(name, column)}`;
}
