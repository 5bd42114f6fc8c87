import { asc, count, eq } from 'drizzle-orm';
import type { Reader, Tables, Writer } from '../store';

export type SecurityAnswerRow = Tables['securityAnswers']['$inferSelect'];

/** Whether the employee has enrolled security questions (a method that proves identity without the password). */
export async function hasEnrolledQuestions(r: Reader, employeeId: string): Promise<boolean> {
  const rows = await r.db.select({ n: count() }).from(r.t.securityAnswers).where(eq(r.t.securityAnswers.employeeId, employeeId));
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The employee's enrolled questions with their answer hashes, by position. */
export async function findSecurityAnswers(r: Reader, employeeId: string): Promise<SecurityAnswerRow[]> {
  return r.db
    .select()
    .from(r.t.securityAnswers)
    .where(eq(r.t.securityAnswers.employeeId, employeeId))
    .orderBy(asc(r.t.securityAnswers.position));
}

/** Replaces the employee's whole set: a new enrolment keeps nothing of the previous one. */
export async function replaceSecurityAnswers(w: Writer, employeeId: string, rows: SecurityAnswerRow[]): Promise<void> {
  await w.db.delete(w.t.securityAnswers).where(eq(w.t.securityAnswers.employeeId, employeeId));
  if (rows.length > 0) await w.db.insert(w.t.securityAnswers).values(rows);
}
