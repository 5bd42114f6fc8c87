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
