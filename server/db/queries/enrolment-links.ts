import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Reader, Tables, Writer } from '../store';

export type EnrolmentLinkRow = Tables['enrolmentLinks']['$inferSelect'];

/** Marks the employee's unused, unexpired links as replaced: a newer code is the only one that works. */
export async function replaceOpenLinks(w: Writer, employeeId: string, now: Date): Promise<number> {
  const t = w.t.enrolmentLinks;
  const replaced = await w.db
    .update(t)
    .set({ replacedAt: now })
    .where(and(eq(t.employeeId, employeeId), isNull(t.usedAt), isNull(t.replacedAt), gt(t.expiresAt, now)))
    .returning({ id: t.id });
  return replaced.length;
}

export async function insertEnrolmentLink(w: Writer, row: EnrolmentLinkRow): Promise<void> {
  await w.db.insert(w.t.enrolmentLinks).values(row);
}

export async function findEnrolmentLinkByToken(r: Reader, tokenHash: string): Promise<EnrolmentLinkRow | undefined> {
  const t = r.t.enrolmentLinks;
  const [row] = await r.db.select().from(t).where(eq(t.tokenHash, tokenHash)).limit(1);
  return row;
}

/** One of the employee's links by its public id (another employee's id finds nothing). */
export async function findEnrolmentLink(r: Reader, employeeId: string, id: string): Promise<EnrolmentLinkRow | undefined> {
  const t = r.t.enrolmentLinks;
  const [row] = await r.db
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.employeeId, employeeId)))
    .limit(1);
  return row;
}

/**
 * Spends the link for `deviceId`: one statement that only matches a link still open, so of two
 * enrolments sent together with the same link one wins. Null when it was no longer open.
 */
export async function useEnrolmentLink(w: Writer, id: string, deviceId: string, now: Date): Promise<EnrolmentLinkRow | null> {
  const t = w.t.enrolmentLinks;
  const [row] = await w.db
    .update(t)
    .set({ usedAt: now, deviceId })
    .where(and(eq(t.id, id), isNull(t.usedAt), isNull(t.replacedAt), gt(t.expiresAt, now)))
    .returning();
  return row ?? null;
}

/** Links expired for a day are of no use to anyone, not even to tell "expired" from "unknown". */
export async function deleteOldEnrolmentLinks(w: Writer, before: Date): Promise<number> {
  const t = w.t.enrolmentLinks;
  const gone = await w.db.delete(t).where(lte(t.expiresAt, before)).returning({ id: t.id });
  return gone.length;
}
