import { and, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ThrottleKey } from '../../throttle/throttle-key';
import type { Reader, Tables, Writer } from '../store';

export type ThrottleRow = Tables['throttles']['$inferSelect'];

function keyIs(t: Tables['throttles'], key: ThrottleKey): SQL {
  return and(eq(t.kind, key.kind), eq(t.subject, key.subject), eq(t.method, key.method)) as SQL;
}

export async function findThrottles(r: Reader, keys: ThrottleKey[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return [];
  const t = r.t.throttles;
  return r.db
    .select()
    .from(t)
    .where(or(...keys.map((key) => keyIs(t, key))));
}

/** Every counter of one user ID, whichever method it counts (the help desk's "unlock"). */
export async function findUserThrottles(r: Reader, userId: string): Promise<ThrottleRow[]> {
  const t = r.t.throttles;
  return r.db
    .select()
    .from(t)
    .where(and(eq(t.kind, 'user'), eq(t.subject, userId)));
}

/**
 * Counts one failure in the key's current window, starting a new window when the last one is
 * older than `windowStart`. One statement, so that instances failing at the same time on
 * PostgreSQL all count.
 */
export async function countFailure(w: Writer, key: ThrottleKey, now: Date, windowStart: Date): Promise<number> {
  const t = w.t.throttles;
  const expired = lt(t.windowStartedAt, windowStart);
  const rows = await w.db
    .insert(t)
    .values({ ...key, failures: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: [t.kind, t.subject, t.method],
      set: {
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${sql.param(now, t.windowStartedAt)} ELSE ${t.windowStartedAt} END`,
      },
    })
    .returning({ failures: t.failures });
  return rows[0]?.failures ?? 1;
}

/**
 * Locks the key until `until`. The count is kept (attempts already under way still see it) and
 * its window is moved so that it ends with the lock: the first attempt after it counts from one.
 */
export async function lockThrottle(w: Writer, key: ThrottleKey, until: Date, windowMs: number): Promise<void> {
  await w.db
    .update(w.t.throttles)
    .set({ lockedUntil: until, windowStartedAt: new Date(until.getTime() - windowMs) })
    .where(keyIs(w.t.throttles, key));
}

export async function clearThrottle(w: Writer, key: ThrottleKey): Promise<void> {
  await w.db.delete(w.t.throttles).where(keyIs(w.t.throttles, key));
}
