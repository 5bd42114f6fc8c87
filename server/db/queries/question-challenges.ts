import { and, eq, lte } from 'drizzle-orm';
import type { Writer } from '../store';

/**
 * Returns the positions of the user ID's open attempt, opening one with `drawn` when there is
 * none (or the last one expired). Insert-if-absent then read, in one transaction: when two
 * requests for the same user ID race, on one instance or several, both get the row the first
 * one wrote.
 */
export async function openChallenge(w: Writer, userId: string, drawn: number[], now: Date, expiresAt: Date): Promise<number[]> {
  const t = w.t.questionChallenges;
  await w.db.delete(t).where(and(eq(t.userId, userId), lte(t.expiresAt, now)));
  await w.db.insert(t).values({ userId, positions: drawn, createdAt: now, expiresAt }).onConflictDoNothing({ target: t.userId });
  const [row] = await w.db.select().from(t).where(eq(t.userId, userId));
  return row?.positions ?? drawn;
}

/**
 * Closes the user ID's attempt and returns its positions, or null when none is open. Deleting
 * and reading in one statement makes each attempt answerable once: of two answers sent
 * together, one gets the positions, the other nothing.
 */
export async function claimChallenge(w: Writer, userId: string, now: Date): Promise<number[] | null> {
  const t = w.t.questionChallenges;
  const [row] = await w.db.delete(t).where(eq(t.userId, userId)).returning();
  return row && row.expiresAt > now ? row.positions : null;
}

/** Closes the user ID's attempt, if one is open (a new enrolment changes what it pointed at). */
export async function closeChallenge(w: Writer, userId: string): Promise<void> {
  await w.db.delete(w.t.questionChallenges).where(eq(w.t.questionChallenges.userId, userId));
}

/** Deletes attempts nobody answered. */
export async function deleteExpiredChallenges(w: Writer, now: Date): Promise<number> {
  const t = w.t.questionChallenges;
  const gone = await w.db.delete(t).where(lte(t.expiresAt, now)).returning({ userId: t.userId });
  return gone.length;
}
