/**
 * The push outbox and the subscriptions it is filled from. Rows are written inside the write
 * that announces something (`insertPushes`), claimed by a worker with a lease (`claimDuePushes`),
 * then deleted once sent, dropped or expired, or put back with a later attempt time.
 *
 * The claim is one conditional UPDATE, safe on both databases without `FOR UPDATE SKIP LOCKED`:
 * on PostgreSQL, when two workers pick the same row, the second UPDATE waits for the first to
 * commit and re-checks its WHERE against the row as committed — now claimed, so it skips it; on
 * SQLite there is one writer anyway.
 */
import { and, asc, eq, gt, inArray, isNull, lt, lte, min, ne, or } from 'drizzle-orm';
import type { Reader, Tables, Writer } from '../store';

export type PushSubscriptionRow = Tables['pushSubscriptions']['$inferSelect'];
export type PushOutboxRow = Tables['pushOutbox']['$inferSelect'];

export async function findPushSubscriptions(r: Reader, employeeId: string, exceptDeviceId?: string): Promise<PushSubscriptionRow[]> {
  const s = r.t.pushSubscriptions;
  return r.db
    .select()
    .from(s)
    .where(exceptDeviceId ? and(eq(s.employeeId, employeeId), ne(s.deviceId, exceptDeviceId)) : eq(s.employeeId, employeeId));
}

export async function insertPushes(w: Writer, rows: PushOutboxRow[]): Promise<void> {
  if (rows.length > 0) await w.db.insert(w.t.pushOutbox).values(rows);
}

/** Claims up to `limit` rows that are due, unexpired and not claimed by a live lease. */
export async function claimDuePushes(
  w: Writer,
  { claimant, now, leaseUntil, limit }: { claimant: string; now: Date; leaseUntil: Date; limit: number },
): Promise<PushOutboxRow[]> {
  const o = w.t.pushOutbox;
  const claimable = and(lte(o.nextAttemptAt, now), gt(o.expiresAt, now), or(isNull(o.claimedUntil), lte(o.claimedUntil, now)));
  const candidates = w.db.select({ id: o.id }).from(o).where(claimable).orderBy(asc(o.nextAttemptAt)).limit(limit);
  return w.db
    .update(o)
    .set({ claimedBy: claimant, claimedUntil: leaseUntil })
    .where(and(inArray(o.id, candidates), claimable))
    .returning();
}

/** Deletes a claimed row (sent, dropped or expired); a lease lost meanwhile leaves it to its new holder. */
export async function deleteClaimedPush(w: Writer, id: string, claimant: string): Promise<boolean> {
  const o = w.t.pushOutbox;
  const gone = await w.db
    .delete(o)
    .where(and(eq(o.id, id), eq(o.claimedBy, claimant)))
    .returning({ id: o.id });
  return gone.length > 0;
}

/** Releases a claimed row for another attempt at `nextAttemptAt`. */
export async function reschedulePush(w: Writer, id: string, claimant: string, attempts: number, nextAttemptAt: Date): Promise<boolean> {
  const o = w.t.pushOutbox;
  const kept = await w.db
    .update(o)
    .set({ attempts, nextAttemptAt, claimedBy: null, claimedUntil: null })
    .where(and(eq(o.id, id), eq(o.claimedBy, claimant)))
    .returning({ id: o.id });
  return kept.length > 0;
}

/**
 * The push service said this subscription is gone (404, 410): deletes it, and with it (the
 * foreign key cascades) every push still waiting for it. Only if the device has not subscribed
 * again meanwhile under another endpoint: that newer subscription is alive.
 */
export async function deleteGoneSubscription(w: Writer, deviceId: string, endpoint: string): Promise<boolean> {
  const s = w.t.pushSubscriptions;
  const o = w.t.pushOutbox;
  const gone = await w.db
    .delete(s)
    .where(and(eq(s.deviceId, deviceId), eq(s.endpoint, endpoint)))
    .returning({ deviceId: s.deviceId });
  // Pushes copied from that endpoint, whether or not the subscription row still matched.
  await w.db.delete(o).where(and(eq(o.deviceId, deviceId), eq(o.endpoint, endpoint)));
  return gone.length > 0;
}

/** Deletes rows past their expiry (never sent now), unless a live lease holds them. */
export async function deleteExpiredPushes(w: Writer, now: Date): Promise<number> {
  const o = w.t.pushOutbox;
  const gone = await w.db
    .delete(o)
    .where(and(lte(o.expiresAt, now), or(isNull(o.claimedUntil), lt(o.claimedUntil, now))))
    .returning({ id: o.id });
  return gone.length;
}

/** When the next unclaimed row falls due, if any: the worker sleeps until then. */
export async function nextPushDueAt(r: Reader): Promise<Date | null> {
  const o = r.t.pushOutbox;
  const rows = await r.db
    .select({ at: min(o.nextAttemptAt) })
    .from(o)
    .where(isNull(o.claimedBy));
  return rows[0]?.at ?? null;
}
