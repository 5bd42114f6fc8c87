import { count, eq } from 'drizzle-orm';
import type { Language } from '../../../shared/languages';
import type { MethodId } from '../../../shared/methods';
import type { Reader, Tables, Writer } from '../store';

export type EmployeeRow = Tables['employees']['$inferSelect'];
export type NewEmployeeRow = Tables['employees']['$inferInsert'];

export async function findEmployeeByUserId(r: Reader, userId: string): Promise<EmployeeRow | undefined> {
  const rows = await r.db.select().from(r.t.employees).where(eq(r.t.employees.userId, userId)).limit(1);
  return rows[0];
}

export async function findEmployeeById(r: Reader, id: string): Promise<EmployeeRow | undefined> {
  const rows = await r.db.select().from(r.t.employees).where(eq(r.t.employees.id, id)).limit(1);
  return rows[0];
}

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
  await w.db.update(w.t.employees).set({ lastSignInAt: at, lastSignInMethod: method }).where(eq(w.t.employees.id, employeeId));
  return before?.lastSignInAt && before.lastSignInMethod ? { at: before.lastSignInAt, method: before.lastSignInMethod } : null;
}

export async function setPreferredLanguage(w: Writer, employeeId: string, language: Language, at: Date): Promise<void> {
  await w.db.update(w.t.employees).set({ preferredLanguage: language, updatedAt: at }).where(eq(w.t.employees.id, employeeId));
}
