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

export interface OpenedAttempt {
  failures: number;
  /** Attempts in flight, this one included. */
  pending: number;
  lockedUntil: Date | null;
}

/**
 * Counts one attempt in flight for the key, starting a new window (no failures, nothing in
 * flight) when the last one began before `windowStart`. One statement, so that instances
 * counting at the same time on PostgreSQL all count; the row stays locked until the transaction
 * ends, so the caller can withdraw the attempt in the same transaction when it may not run.
 */
export async function openAttempt(w: Writer, key: ThrottleKey, now: Date, windowStart: Date): Promise<OpenedAttempt> {
  const t = w.t.throttles;
  const expired = lt(t.windowStartedAt, windowStart);
  const rows = await w.db
    .insert(t)
    .values({ ...key, failures: 0, pending: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: [t.kind, t.subject, t.method],
      set: {
        failures: sql`CASE WHEN ${expired} THEN 0 ELSE ${t.failures} END`,
        pending: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.pending} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${sql.param(now, t.windowStartedAt)} ELSE ${t.windowStartedAt} END`,
      },
    })
    .returning({ failures: t.failures, pending: t.pending, lockedUntil: t.lockedUntil });
  return rows[0] ?? { failures: 0, pending: 1, lockedUntil: null };
}

/**
 * Ends an attempt in flight, counting a failure when its secret was wrong; returns the failures.
 * Never below zero: a counter cleared meanwhile (a success, the help desk) has nothing to give back.
 */
export async function settleAttempt(w: Writer, key: ThrottleKey, wrong: boolean): Promise<number> {
  const t = w.t.throttles;
  const rows = await w.db
    .update(t)
    .set({
      pending: sql`CASE WHEN ${t.pending} > 0 THEN ${t.pending} - 1 ELSE 0 END`,
      ...(wrong ? { failures: sql`${t.failures} + 1` } : {}),
    })
    .where(keyIs(t, key))
    .returning({ failures: t.failures });
  return rows[0]?.failures ?? 0;
}

/**
 * Counts one more event in the key's window (a rate limit's, not a lock's: `failures` is the
 * count), starting a new window when the last one began before `windowStart`. One statement.
 */
export async function countInWindow(
  w: Writer,
  key: ThrottleKey,
  now: Date,
  windowStart: Date,
): Promise<{ count: number; windowStartedAt: Date }> {
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
    .returning({ count: t.failures, windowStartedAt: t.windowStartedAt });
  return rows[0] ?? { count: 1, windowStartedAt: now };
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

/**
 * Clears the key's failures and lock. Attempts still in flight stay counted (they settle later),
 * so a success cannot make room for more checks than the threshold while others are under way.
 */
export async function clearThrottle(w: Writer, key: ThrottleKey): Promise<void> {
  const t = w.t.throttles;
  await w.db.delete(t).where(and(keyIs(t, key), eq(t.pending, 0)));
  await w.db.update(t).set({ failures: 0, lockedUntil: null }).where(keyIs(t, key));
}
