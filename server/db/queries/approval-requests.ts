/**
 * Approval requests ("Mobile device"): the rows behind the waiting browser and the phone's
 * approval screen. Every change of status is one conditional update (`WHERE status = 'pending'`
 * and unexpired), so that of two decisions racing — an approval and a denial, two instances —
 * exactly one wins.
 */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { ApprovalStatus } from '../../approvals/approval-status';
import type { Reader, Tables, Writer } from '../store';

export type ApprovalRequestRow = Tables['approvalRequests']['$inferSelect'];

export async function insertApprovalRequest(w: Writer, row: ApprovalRequestRow): Promise<void> {
  await w.db.insert(w.t.approvalRequests).values(row);
}

export async function findApprovalRequest(r: Reader, id: string): Promise<ApprovalRequestRow | null> {
  const t = r.t.approvalRequests;
  const [row] = await r.db.select().from(t).where(eq(t.id, id));
  return row ?? null;
}

export async function findApprovalRequestBySecret(r: Reader, browserSecretHash: string): Promise<ApprovalRequestRow | null> {
  const t = r.t.approvalRequests;
  const [row] = await r.db.select().from(t).where(eq(t.browserSecretHash, browserSecretHash));
  return row ?? null;
}

/** The employee's requests still waiting for a decision, newest first. */
export async function pendingRequestsOf(r: Reader, employeeId: string, now: Date): Promise<ApprovalRequestRow[]> {
  const t = r.t.approvalRequests;
  return r.db
    .select()
    .from(t)
    .where(and(eq(t.employeeId, employeeId), eq(t.status, 'pending'), gt(t.expiresAt, now)))
    .orderBy(sql`${t.createdAt} desc`);
}

/**
 * Cancels the employee's pending requests (a new one replaces them) and returns their ids. For
 * a user ID without an employee the caller passes an id no row has: the same statement runs.
 */
export async function cancelPendingRequests(w: Writer, employeeId: string, now: Date): Promise<string[]> {
  const t = w.t.approvalRequests;
  const rows = await w.db
    .update(t)
    .set({ status: 'cancelled', decidedAt: now, challenge: null })
    .where(and(eq(t.employeeId, employeeId), eq(t.status, 'pending')))
    .returning({ id: t.id });
  return rows.map((row) => row.id);
}

/** The end of the latest report ("It wasn't me") still pausing requests to the employee, if any. */
export async function latestReportSince(r: Reader, employeeId: string, since: Date): Promise<Date | null> {
  const t = r.t.approvalRequests;
  const [row] = await r.db
    .select({ decidedAt: t.decidedAt })
    .from(t)
    .where(and(eq(t.employeeId, employeeId), eq(t.status, 'reported'), gt(t.decidedAt, since)))
    .orderBy(sql`${t.decidedAt} desc`)
    .limit(1);
  return row?.decidedAt ?? null;
}

/** Stores the WebAuthn challenge the phone's next approval must sign (replacing an earlier one). */
export async function setApprovalChallenge(w: Writer, id: string, employeeId: string, challenge: string, now: Date): Promise<boolean> {
  const t = w.t.approvalRequests;
  const rows = await w.db
    .update(t)
    .set({ challenge })
    .where(and(eq(t.id, id), eq(t.employeeId, employeeId), eq(t.status, 'pending'), gt(t.expiresAt, now)))
    .returning({ id: t.id });
  return rows.length === 1;
}

/** Takes the request's challenge (single use): true only for the one caller that cleared it. */
export async function claimApprovalChallenge(w: Writer, id: string, challenge: string, now: Date): Promise<boolean> {
  const t = w.t.approvalRequests;
  const rows = await w.db
    .update(t)
    .set({ challenge: null })
    .where(and(eq(t.id, id), eq(t.challenge, challenge), eq(t.status, 'pending'), gt(t.expiresAt, now)))
    .returning({ id: t.id });
  return rows.length === 1;
}

/** Counts a wrong number; at `limit` the request is denied. Returns the count and status, or null when no longer pending. */
export async function countWrongNumber(
  w: Writer,
  id: string,
  limit: number,
  now: Date,
  deviceId: string,
): Promise<{ wrongNumbers: number; status: ApprovalStatus } | null> {
  const t = w.t.approvalRequests;
  const [row] = await w.db
    .update(t)
    .set({ wrongNumbers: sql`${t.wrongNumbers} + 1` })
    .where(and(eq(t.id, id), eq(t.status, 'pending'), gt(t.expiresAt, now)))
    .returning({ wrongNumbers: t.wrongNumbers });
  if (!row) return null;
  if (row.wrongNumbers < limit) return { wrongNumbers: row.wrongNumbers, status: 'pending' };
  await w.db.update(t).set({ status: 'denied', decidedAt: now, decidedByDevice: deviceId, challenge: null }).where(eq(t.id, id));
  return { wrongNumbers: row.wrongNumbers, status: 'denied' };
}

/** Decides a pending, unexpired request: approved, or reported ("It wasn't me"). */
export async function decideApprovalRequest(
  w: Writer,
  id: string,
  employeeId: string,
  status: 'approved' | 'reported',
  deviceId: string,
  now: Date,
): Promise<ApprovalRequestRow | null> {
  const t = w.t.approvalRequests;
  const [row] = await w.db
    .update(t)
    .set({ status, decidedAt: now, decidedByDevice: deviceId, challenge: null })
    .where(and(eq(t.id, id), eq(t.employeeId, employeeId), eq(t.status, 'pending'), gt(t.expiresAt, now)))
    .returning();
  return row ?? null;
}

/** The waiting browser collects its session: once, while the approval is fresh. */
export async function collectApprovalRequest(w: Writer, id: string, notBefore: Date): Promise<ApprovalRequestRow | null> {
  const t = w.t.approvalRequests;
  const [row] = await w.db
    .update(t)
    .set({ status: 'collected' })
    .where(and(eq(t.id, id), eq(t.status, 'approved'), gt(t.decidedAt, notBefore)))
    .returning();
  return row ?? null;
}

/**
 * Deletes requests whose time ended before `before` (an hour ago, say): decisions are made only
 * while a request is unexpired, so a report older than that no longer pauses anything.
 */
export async function deleteOldApprovalRequests(w: Writer, before: Date): Promise<number> {
  const t = w.t.approvalRequests;
  const gone = await w.db.delete(t).where(lte(t.expiresAt, before)).returning({ id: t.id });
  return gone.length;
}
