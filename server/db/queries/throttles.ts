import { and, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ThrottleKey } from '../../throttle/throttle-key';
import { placeholderAs, preparedQuery } from '../prepared-query';
import type { Reader, Tables, Writer } from '../store';

export type ThrottleRow = Tables['throttles']['$inferSelect'];

function keyIs(t: Tables['throttles'], key: ThrottleKey): SQL {
  return and(eq(t.kind, key.kind), eq(t.subject, key.subject), eq(t.method, key.method)) as SQL;
}

/** The key's columns as placeholders, for the prepared queries every guarded attempt runs. */
const keyPlaceholders = { kind: sql.placeholder('kind'), subject: sql.placeholder('subject'), method: sql.placeholder('method') };

function keyIsPlaceholders(t: Tables['throttles']): SQL {
  return and(eq(t.kind, keyPlaceholders.kind), eq(t.subject, keyPlaceholders.subject), eq(t.method, keyPlaceholders.method)) as SQL;
}

/** A key as the values of `keyPlaceholders` (a key object may carry more than its three fields). */
function keyValues(key: ThrottleKey) {
  return { kind: key.kind, subject: key.subject, method: key.method };
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
  const rows = await openAttemptQuery(w, { ...keyValues(key), now, windowStart });
  return rows[0] ?? { failures: 0, pending: 1, lockedUntil: null };
}

const openAttemptQuery = preparedQuery<ThrottleKey & { now: Date; windowStart: Date }, OpenedAttempt[]>('throttle_open_attempt', (r) => {
  const t = r.t.throttles;
  const now = placeholderAs('now', t.windowStartedAt);
  const expired = lt(t.windowStartedAt, placeholderAs('windowStart', t.windowStartedAt));
  return r.db
    .insert(t)
    .values({ ...keyPlaceholders, failures: 0, pending: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: [t.kind, t.subject, t.method],
      set: {
        failures: sql`CASE WHEN ${expired} THEN 0 ELSE ${t.failures} END`,
        pending: sql`CASE WHEN ${expired} THEN 1 ELSE ${t.pending} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN ${now} ELSE ${t.windowStartedAt} END`,
      },
    })
    .returning({ failures: t.failures, pending: t.pending, lockedUntil: t.lockedUntil });
});

/**
 * Ends an attempt in flight, counting a failure when its secret was wrong; returns the failures.
 * Never below zero: a counter cleared meanwhile (a success, the help desk) has nothing to give back.
 */
export async function settleAttempt(w: Writer, key: ThrottleKey, wrong: boolean): Promise<number> {
  const rows = await (wrong ? settleWrongQuery : settleRightQuery)(w, keyValues(key));
  return rows[0]?.failures ?? 0;
}

function settleQuery(name: string, wrong: boolean) {
  return preparedQuery<ThrottleKey, Array<{ failures: number }>>(name, (r) => {
    const t = r.t.throttles;
    return r.db
      .update(t)
      .set({
        pending: sql`CASE WHEN ${t.pending} > 0 THEN ${t.pending} - 1 ELSE 0 END`,
        ...(wrong ? { failures: sql`${t.failures} + 1` } : {}),
      })
      .where(keyIsPlaceholders(t))
      .returning({ failures: t.failures });
  });
}
const settleWrongQuery = settleQuery('throttle_settle_wrong', true);
const settleRightQuery = settleQuery('throttle_settle_right', false);

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
  const deleted = await deleteSettledThrottleQuery(w, keyValues(key));
  // The row is gone (nothing in flight, the usual case): nothing is left to clear.
  if (deleted.length === 0) await clearThrottleQuery(w, keyValues(key));
}

const deleteSettledThrottleQuery = preparedQuery<ThrottleKey, Array<{ kind: string }>>('throttle_delete_settled', (r) => {
  const t = r.t.throttles;
  return r.db
    .delete(t)
    .where(and(keyIsPlaceholders(t), eq(t.pending, 0)))
    .returning({ kind: t.kind });
});

const clearThrottleQuery = preparedQuery<ThrottleKey>('throttle_clear', (r) => {
  const t = r.t.throttles;
  return r.db.update(t).set({ failures: 0, lockedUntil: null }).where(keyIsPlaceholders(t));
});
