import { count, eq, sql } from 'drizzle-orm';
import type { Language } from '../../../shared/languages';
import type { MethodId } from '../../../shared/methods';
import { placeholderAs, preparedQuery } from '../prepared-query';
import type { Reader, Tables, Writer } from '../store';

export type EmployeeRow = Tables['employees']['$inferSelect'];
export type NewEmployeeRow = Tables['employees']['$inferInsert'];

export async function findEmployeeByUserId(r: Reader, userId: string): Promise<EmployeeRow | undefined> {
  return (await employeeByUserIdQuery(r, { userId }))[0];
}

// Prepared (prepared-query.ts): every sign-in and identification reads the employee this way.
const employeeByUserIdQuery = preparedQuery<{ userId: string }, EmployeeRow[]>('employee_by_user_id', (r) =>
  r.db
    .select()
    .from(r.t.employees)
    .where(eq(r.t.employees.userId, sql.placeholder('userId')))
    .limit(1),
);

export async function findEmployeeById(r: Reader, id: string): Promise<EmployeeRow | undefined> {
  return (await employeeByIdQuery(r, { id }))[0];
}

const employeeByIdQuery = preparedQuery<{ id: string }, EmployeeRow[]>('employee_by_id', (r) =>
  r.db
    .select()
    .from(r.t.employees)
    .where(eq(r.t.employees.id, sql.placeholder('id')))
    .limit(1),
);

export async function countEmployees(r: Reader): Promise<number> {
  const rows = await r.db.select({ n: count() }).from(r.t.employees);
  return Number(rows[0]?.n ?? 0);
}

export async function insertEmployee(w: Writer, row: NewEmployeeRow): Promise<void> {
  await w.db.insert(w.t.employees).values(row);
}

/** Records a successful sign-in and returns the one before it. */
export async function recordSignIn(
  w: Writer,
  employeeId: string,
  at: Date,
  method: MethodId,
): Promise<{ at: Date; method: MethodId } | null> {
  const before = await findEmployeeById(w, employeeId);
  await recordSignInQuery(w, { employeeId, at, method });
  return before?.lastSignInAt && before.lastSignInMethod ? { at: before.lastSignInAt, method: before.lastSignInMethod } : null;
}

const recordSignInQuery = preparedQuery<{ employeeId: string; at: Date; method: MethodId }>('employee_record_sign_in', (r) =>
  r.db
    .update(r.t.employees)
    .set({
      lastSignInAt: placeholderAs('at', r.t.employees.lastSignInAt),
      lastSignInMethod: placeholderAs('method', r.t.employees.lastSignInMethod),
    })
    .where(eq(r.t.employees.id, sql.placeholder('employeeId'))),
);

export async function setPreferredLanguage(w: Writer, employeeId: string, language: Language, at: Date): Promise<void> {
  await w.db.update(w.t.employees).set({ preferredLanguage: language, updatedAt: at }).where(eq(w.t.employees.id, employeeId));
}

/** What a primary directory other than the built-in one says of an employee (ldap-directory.ts). */
export interface DirectoryEntry {
  userId: string;
  employeeId: string;
  displayName: string;
  /** Null: the entry names no language Sésame knows; the local one stays. */
  preferredLanguage: Language | null;
  disabled: boolean;
}

function entryFields(row: EmployeeRow, entry: DirectoryEntry) {
  return {
    employeeId: entry.employeeId,
    displayName: entry.displayName,
    preferredLanguage: entry.preferredLanguage ?? row.preferredLanguage,
    disabled: entry.disabled,
  };
}

/** Whether the local row already says what the directory says (then nothing is written). */
export function matchesEntry(row: EmployeeRow, entry: DirectoryEntry): boolean {
  const fields = entryFields(row, entry);
  return (Object.keys(fields) as Array<keyof typeof fields>).every((key) => row[key] === fields[key]);
}

/**
 * The local row of an employee whose primary directory is elsewhere, created at first sight and
 * refreshed when the directory's attributes changed. Sessions, devices and the audit trail point
 * at its id; it keeps no password (`password_hash` empty) and its roles are Sésame's own.
 */
export async function saveDirectoryEmployee(
  w: Writer,
  entry: DirectoryEntry,
  defaults: { id: string; preferredLanguage: Language },
  at: Date,
): Promise<EmployeeRow | undefined> {
  const row = await findEmployeeByUserId(w, entry.userId);
  if (!row) {
    await w.db
      .insert(w.t.employees)
      .values({
        id: defaults.id,
        userId: entry.userId,
        employeeId: entry.employeeId,
        displayName: entry.displayName,
        preferredLanguage: entry.preferredLanguage ?? defaults.preferredLanguage,
        passwordHash: '',
        roles: ['employee'],
        mustChangePassword: false,
        disabled: entry.disabled,
        createdAt: at,
        updatedAt: at,
      })
      // Two first sign-ins at once: the other one's row is the one kept.
      .onConflictDoNothing();
    return findEmployeeByUserId(w, entry.userId);
  }
  if (matchesEntry(row, entry)) return row;
  const changes = entryFields(row, entry);
  await w.db
    .update(w.t.employees)
    .set({ ...changes, updatedAt: at })
    .where(eq(w.t.employees.id, row.id));
  return { ...row, ...changes, updatedAt: at };
}

/** A temporary password's flag, for a directory that keeps the password itself. */
export async function setMustChangePassword(w: Writer, employeeId: string, mustChange: boolean, at: Date): Promise<void> {
  await w.db.update(w.t.employees).set({ mustChangePassword: mustChange, updatedAt: at }).where(eq(w.t.employees.id, employeeId));
}
