/**
 * The query layer is written once against the SQLite schema's types and runs on PostgreSQL's
 * schema too. That is only sound while both schemas declare the same tables, columns,
 * nullability, defaults, keys and indexes — and the same TypeScript row types. This file proves
 * both: the runtime comparison below, and the type assertions at the bottom (checked by
 * `npm run typecheck`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pg from '../../server/db/schema/pg';
import * as sqlite from '../../server/db/schema/sqlite';

interface Shape {
  name: string;
  columns: Array<{ name: string; notNull: boolean; primary: boolean; unique: boolean; hasDefault: boolean }>;
  primaryKeys: string[][];
  foreignKeys: Array<{ columns: string[]; foreignTable: string; foreignColumns: string[]; onDelete: string | undefined }>;
  indexes: Array<{ name: string; columns: string[]; unique: boolean }>;
  uniques: string[][];
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function shape(config: AnyConfig): Shape {
  const tableName = (t: Table) => (t as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')] ?? '';
  return {
    name: config.name,
    columns: config.columns
      .map((c) => ({ name: c.name, notNull: c.notNull, primary: c.primary, unique: c.isUnique, hasDefault: c.hasDefault }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name).sort()),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return {
          columns: ref.columns.map((c) => c.name),
          foreignTable: tableName(ref.foreignTable),
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete,
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name ?? '',
        columns: index.config.columns.map((c) => (c as { name: string }).name),
        unique: Boolean(index.config.unique),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    uniques: config.uniqueConstraints.map((u) => u.columns.map((c) => c.name).sort()),
  };
}

const isSqliteTable = (value: unknown): value is SQLiteTable =>
  typeof value === 'object' && value !== null && Symbol.for('drizzle:IsDrizzleTable') in value;
const isPgTable = (value: unknown): value is PgTable =>
  typeof value === 'object' && value !== null && Symbol.for('drizzle:IsDrizzleTable') in value;

describe('the SQLite and PostgreSQL schemas are the same schema', () => {
  const sqliteTables = Object.entries(sqlite).filter(([, v]) => isSqliteTable(v)) as Array<[string, SQLiteTable]>;
  const pgTables = Object.entries(pg).filter(([, v]) => isPgTable(v)) as Array<[string, PgTable]>;

  test('they declare the same tables', () => {
    assert.deepEqual(sqliteTables.map(([k]) => k).sort(), pgTables.map(([k]) => k).sort());
    assert.ok(sqliteTables.length >= 3);
  });

  for (const [key, table] of sqliteTables) {
    test(`table ${key}: same columns, nullability, defaults, keys and indexes`, () => {
      const twin = pgTables.find(([k]) => k === key)?.[1];
      assert.ok(twin, `${key} is missing from the PostgreSQL schema`);
      assert.deepEqual(shape(pgConfig(twin)), shape(sqliteConfig(table)));
    });
  }
});

// ---- Compile-time: identical row types (a mismatch fails `npm run typecheck`). ----
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type SameRows<K extends keyof typeof sqlite & keyof typeof pg> = Equal<
  InferSelectModel<(typeof sqlite)[K] & Table>,
  InferSelectModel<(typeof pg)[K] & Table>
> &
  Equal<InferInsertModel<(typeof sqlite)[K] & Table>, InferInsertModel<(typeof pg)[K] & Table>>;

export type SchemaTypesMatch = [
  Expect<SameRows<'employees'>>,
  Expect<SameRows<'sessions'>>,
  Expect<SameRows<'throttles'>>,
  Expect<SameRows<'securityAnswers'>>,
  Expect<SameRows<'questionChallenges'>>,
  Expect<SameRows<'passwordHistory'>>,
  Expect<SameRows<'auditEvents'>>,
  Expect<SameRows<'auditHead'>>,
  Expect<SameRows<'serverSecrets'>>,
  Expect<SameRows<'mobileDevices'>>,
  Expect<SameRows<'devicePasskeys'>>,
  Expect<SameRows<'pushSubscriptions'>>,
  Expect<SameRows<'webauthnChallenges'>>,
  Expect<SameRows<'pushOutbox'>>,
  Expect<SameRows<'approvalRequests'>>,
];
