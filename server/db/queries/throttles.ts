import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Reader, Tables, Writer } from '../store';

export type ThrottleRow = Tables['throttles']['$inferSelect'];

export async function findThrottles(r: Reader, scopes: string[]): Promise<ThrottleRow[]> {
  return r.db.select().from(r.t.throttles).where(inArray(r.t.throttles.scope, scopes));
}

/**
 * Counts one failure in the scope's current window, starting a new window when the last one is
 * older than `windowStart`. One statement, so that instances failing at the same time on
 * PostgreSQL all count.
 */
export async function countFailure(w: Writer, scope: string, now: Date, windowStart: Date): Promise<number> {
  const t = w.t.throttles;
  const expired = lt(t.windowStartedAt, windowStart);
  const rows = await w.db
    .insert(t)
    .values({ scope, failures: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: t.scope,
      set: {
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${sql.param(now, t.windowStartedAt)} ELSE ${t.windowStartedAt} END`,
      },
    })
    .returning({ failures: t.failures });
  return rows[0]?.failures ?? 1;
}

/**
 * Locks the scope until `until`. The count is kept (attempts already under way still see it) and
 * its window is moved so that it ends with the lock: the first attempt after it counts from one.
 */
export async function lockScope(w: Writer, scope: string, until: Date, windowMs: number): Promise<void> {
  await w.db
    .update(w.t.throttles)
    .set({ lockedUntil: until, windowStartedAt: new Date(until.getTime() - windowMs) })
    .where(eq(w.t.throttles.scope, scope));
}

export async function clearScope(w: Writer, scope: string): Promise<void> {
  await w.db.delete(w.t.throttles).where(eq(w.t.throttles.scope, scope));
}
