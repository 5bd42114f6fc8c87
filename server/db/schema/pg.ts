/**
 * The PostgreSQL schema: the twin of `sqlite.ts`, column for column (proved by
 * test/server/schema-equivalence.test.ts). Only the column types are PostgreSQL's own.
 */
import { boolean, index, integer, jsonb, pgTable, text, timestamp as pgTimestamp } from 'drizzle-orm/pg-core';
import type { Language } from '../../../shared/languages';
import type { MethodId } from '../../../shared/methods';
import type { Role } from '../../directory/roles';

const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const employees = pgTable('employees', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().unique(),
  employeeId: text('employee_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  preferredLanguage: text('preferred_language').$type<Language>().notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: jsonb('roles').$type<Role[]>().notNull(),
  mustChangePassword: boolean('must_change_password').notNull(),
  disabled: boolean('disabled').notNull(),
  lastSignInAt: timestamp('last_sign_in_at'),
  lastSignInMethod: text('last_sign_in_method').$type<MethodId>(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
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

export const throttles = pgTable('throttles', {
  scope: text('scope').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at').notNull(),
  lockedUntil: timestamp('locked_until'),
});
