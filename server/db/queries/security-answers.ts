import { count, eq } from 'drizzle-orm';
import type { Reader, Tables } from '../store';

export type SecurityAnswerRow = Tables['securityAnswers']['$inferSelect'];

/** Whether the employee has enrolled security questions (a method that proves identity without the password). */
export async function hasEnrolledQuestions(r: Reader, employeeId: string): Promise<boolean> {
  const rows = await r.db
    .select({ n: count() })
    .from(r.t.securityAnswers)
    .where(eq(r.t.securityAnswers.employeeId, employeeId));
  return Number(rows[0]?.n ?? 0) > 0;
}
