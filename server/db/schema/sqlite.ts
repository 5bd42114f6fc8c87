/**
 * The SQLite schema. It must declare exactly what `pg.ts` declares (same tables, columns,
 * nullability, keys and TypeScript row types); test/server/schema-equivalence.test.ts proves it.
 * Timestamps are integer milliseconds, booleans 0/1 and JSON text: drizzle maps them to the same
 * Date, boolean and array values as PostgreSQL's native types.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Language } from '../../../shared/languages';
import type { MethodId } from '../../../shared/methods';
import type { Role } from '../../directory/roles';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const bool = (name: string) => integer(name, { mode: 'boolean' });

export const employees = sqliteTable('employees', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().unique(),
  employeeId: text('employee_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  preferredLanguage: text('preferred_language').$type<Language>().notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles', { mode: 'json' }).$type<Role[]>().notNull(),
  mustChangePassword: bool('must_change_password').notNull(),
  disabled: bool('disabled').notNull(),
  lastSignInAt: timestamp('last_sign_in_at'),
  lastSignInMethod: text('last_sign_in_method').$type<MethodId>(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a copy of the database opens no session. */
    tokenHash: text('token_hash').primaryKey(),
    employeeId: text('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    method: text('method').$type<MethodId>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    previousSignInAt: timestamp('previous_sign_in_at'),
    previousSignInMethod: text('previous_sign_in_method').$type<MethodId>(),
  },
  (t) => [index('sessions_employee_idx').on(t.employeeId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Failure counters and locks, keyed by scope ("password:user:100001", "ip:203.0.113.7"). */
export const throttles = sqliteTable('throttles', {
  scope: text('scope').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at').notNull(),
  lockedUntil: timestamp('locked_until'),
});
