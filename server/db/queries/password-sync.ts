/**
 * Linked accounts, the pending passwords and the synchronisation jobs (server/accounts/,
 * server/workers/sync-worker.ts). Claims follow the push outbox's rule: one conditional UPDATE,
 * safe on both databases — on PostgreSQL a second claimant of the same row waits for the first to
 * commit and then finds its WHERE no longer true. A job is not claimed while another job of the
 * same linked account holds a live lease, so an older password can never land after a newer one.
 */
import { and, asc, eq, inArray, isNull, lte, min, notExists, or, sql } from 'drizzle-orm';
import type { SyncFailureReason, SyncStatus } from '../../../shared/sync-status';
import type { Reader, Tables, Writer } from '../store';

export type AccountLinkRow = Tables['accountLinks']['$inferSelect'];
export type SyncJobRow = Tables['syncJobs']['$inferSelect'];
export type PendingPasswordRow = Tables['pendingPasswords']['$inferSelect'];

export async function findAccountLinks(r: Reader, employeeId: string): Promise<AccountLinkRow[]> {
  const l = r.t.accountLinks;
  return r.db.select().from(l).where(eq(l.employeeId, employeeId)).orderBy(asc(l.targetId), asc(l.account));
}

export async function findAccountLink(r: Reader, id: string): Promise<AccountLinkRow | undefined> {
  const l = r.t.accountLinks;
  const [row] = await r.db.select().from(l).where(eq(l.id, id)).limit(1);
  return row;
}

/** Deletes one of the employee's attached links (found ones are their own ID's); its pending jobs go with it. */
export async function deleteAttachedLink(w: Writer, employeeId: string, id: string): Promise<AccountLinkRow | undefined> {
  const l = w.t.accountLinks;
  const [row] = await w.db
    .delete(l)
    .where(and(eq(l.id, id), eq(l.employeeId, employeeId), eq(l.linkedHow, 'attached')))
    .returning();
  return row;
}

/** Adds the links that are not there yet; an existing link (found or attached) is left as it is. */
export async function insertAccountLinks(w: Writer, rows: AccountLinkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await w.db.insert(w.t.accountLinks).values(rows).onConflictDoNothing();
}

export async function insertPendingPassword(w: Writer, row: PendingPasswordRow): Promise<void> {
  await w.db.insert(w.t.pendingPasswords).values(row);
}

export async function findPendingPassword(r: Reader, changeId: string): Promise<PendingPasswordRow | undefined> {
  const p = r.t.pendingPasswords;
  const [row] = await r.db.select().from(p).where(eq(p.changeId, changeId)).limit(1);
  return row;
}

/**
 * A newer change replaces what older changes still had to do for these accounts: their pending
 * jobs are superseded (a job under a live lease finishes first — the claim rule orders them).
 * Returns the changes touched, whose pending password may now be wiped.
 */
export async function supersedePendingJobs(w: Writer, linkIds: string[], now: Date): Promise<string[]> {
  if (linkIds.length === 0) return [];
  const j = w.t.syncJobs;
  const rows = await w.db
    .update(j)
    .set({ status: 'superseded', finishedAt: now })
    .where(and(inArray(j.linkId, linkIds), eq(j.status, 'pending'), or(isNull(j.claimedUntil), lte(j.claimedUntil, now))))
    .returning({ changeId: j.changeId });
  return [...new Set(rows.map((r) => r.changeId))];
}

export async function insertSyncJobs(w: Writer, rows: SyncJobRow[]): Promise<void> {
  if (rows.length > 0) await w.db.insert(w.t.syncJobs).values(rows);
}

export async function setLinkSyncStatus(
  w: Writer,
  linkIds: string[],
  status: SyncStatus,
  reason: SyncFailureReason | null,
  at: Date,
): Promise<void> {
  if (linkIds.length === 0) return;
  const l = w.t.accountLinks;
  await w.db.update(l).set({ syncStatus: status, syncReason: reason, syncAt: at }).where(inArray(l.id, linkIds));
}

/** Claims the most overdue job that is due and not held, unless its account has a job in flight. */
export async function claimDueSyncJob(
  w: Writer,
  { claimant, now, leaseUntil }: { claimant: string; now: Date; leaseUntil: Date },
): Promise<SyncJobRow | undefined> {
  const j = w.t.syncJobs;
  const other = sql.raw('sync_jobs_in_flight');
  const claimable = and(eq(j.status, 'pending'), lte(j.nextAttemptAt, now), or(isNull(j.claimedUntil), lte(j.claimedUntil, now)));
  const inFlight = w.db
    .select({ id: sql`1` })
    .from(sql`${j} as ${other}`)
    .where(
      and(
        sql`${other}.link_id = ${j.linkId}`,
        sql`${other}.id <> ${j.id}`,
        sql`${other}.status = 'pending'`,
        sql`${other}.claimed_until > ${sql.param(now, j.claimedUntil)}`,
      ),
    );
  const candidates = w.db
    .select({ id: j.id })
    .from(j)
    .where(and(claimable, notExists(inFlight)))
    .orderBy(asc(j.nextAttemptAt))
    .limit(1);
  const [row] = await w.db
    .update(j)
    .set({ claimedBy: claimant, claimedUntil: leaseUntil })
    .where(and(inArray(j.id, candidates), claimable))
    .returning();
  return row;
}

/** Ends a claimed job (done or failed); false when the lease was lost meanwhile. */
export async function finishSyncJob(
  w: Writer,
  job: SyncJobRow,
  claimant: string,
  outcome: { status: 'done' | 'failed'; reason: SyncFailureReason | null; attempts: number },
  now: Date,
): Promise<boolean> {
  const j = w.t.syncJobs;
  const finished = await w.db
    .update(j)
    .set({
      status: outcome.status,
      reason: outcome.reason,
      attempts: outcome.attempts,
      finishedAt: now,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(and(eq(j.id, job.id), eq(j.claimedBy, claimant), eq(j.status, 'pending')))
    .returning({ id: j.id });
  if (finished.length === 0) return false;
  await setLinkSyncStatus(w, [job.linkId], outcome.status, outcome.reason, now);
  return true;
}

/** Hands a claimed job back for another attempt at `nextAttemptAt`. */
export async function rescheduleSyncJob(
  w: Writer,
  job: SyncJobRow,
  claimant: string,
  attempts: number,
  nextAttemptAt: Date,
): Promise<boolean> {
  const j = w.t.syncJobs;
  const kept = await w.db
    .update(j)
    .set({ attempts, nextAttemptAt, claimedBy: null, claimedUntil: null })
    .where(and(eq(j.id, job.id), eq(j.claimedBy, claimant), eq(j.status, 'pending')))
    .returning({ id: j.id });
  return kept.length > 0;
}

/**
 * Deletes the change's pending password once none of its jobs is pending any more.
 *
 * On PostgreSQL two instances ending a change's last two jobs at once would each still see the
 * other's job pending (read committed: neither has committed yet) and neither would delete it —
 * the password kept for ever. So the change's row is locked first (an UPDATE that changes
 * nothing): the second waits for the first to commit, and its look then sees that job ended.
 * On SQLite write transactions already run one at a time.
 */
export async function wipePendingPasswordsIfDone(w: Writer, changeIds: string[]): Promise<number> {
  if (changeIds.length === 0) return 0;
  const p = w.t.pendingPasswords;
  const j = w.t.syncJobs;
  await w.db
    .update(p)
    .set({ createdAt: sql`${p.createdAt}` })
    .where(inArray(p.changeId, changeIds));
  const stillPending = w.db
    .select({ id: j.id })
    .from(j)
    .where(and(eq(j.changeId, p.changeId), eq(j.status, 'pending')));
  const gone = await w.db
    .delete(p)
    .where(and(inArray(p.changeId, changeIds), notExists(stillPending)))
    .returning({ changeId: p.changeId });
  return gone.length;
}

export async function findSyncJobsOfChange(r: Reader, changeId: string): Promise<SyncJobRow[]> {
  const j = r.t.syncJobs;
  return r.db.select().from(j).where(eq(j.changeId, changeId)).orderBy(asc(j.createdAt), asc(j.id));
}

/** When the next unclaimed pending job falls due, if any. */
export async function nextSyncDueAt(r: Reader, now: Date): Promise<Date | null> {
  const j = r.t.syncJobs;
  const rows = await r.db
    .select({ at: min(j.nextAttemptAt) })
    .from(j)
    .where(and(eq(j.status, 'pending'), or(isNull(j.claimedUntil), lte(j.claimedUntil, now))));
  return rows[0]?.at ?? null;
}
