import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Reader, Writer } from '../store';

/** The hashes of the employee's earlier passwords, newest first. */
export async function previousPasswordHashes(r: Reader, employeeId: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const t = r.t.passwordHistory;
  const rows = await r.db
    .select({ passwordHash: t.passwordHash })
    .from(t)
    .where(eq(t.employeeId, employeeId))
    .orderBy(desc(t.createdAt))
    .limit(limit);
  return rows.map((row) => row.passwordHash);
}

/**
 * Replaces the employee's password hash — only if it is still `expectedHash`, so that of two
 * changes racing each other the second finds out — and sets the must-change flag (cleared for a
 * password the employee chose, set for a temporary one).
 * Returns whether it replaced it.
 */
export async function replacePasswordHash(
  w: Writer,
  input: { employeeId: string; expectedHash: string; newHash: string; mustChange: boolean; at: Date },
): Promise<boolean> {
  const t = w.t.employees;
  const updated = await w.db
    .update(t)
    .set({ passwordHash: input.newHash, mustChangePassword: input.mustChange, updatedAt: input.at })
    .where(and(eq(t.id, input.employeeId), eq(t.passwordHash, input.expectedHash)))
    .returning({ id: t.id });
  return updated.length > 0;
}

/**
 * Records a retired password's hash and forgets all but the `keep` newest. `keep` 0 keeps none
 * (the policy has no history rule).
 */
export async function retirePasswordHash(
  w: Writer,
  input: { employeeId: string; passwordHash: string; at: Date; keep: number },
): Promise<void> {
  const t = w.t.passwordHistory;
  if (input.keep > 0) {
    await w.db
      .insert(t)
      .values({ id: crypto.randomUUID(), employeeId: input.employeeId, passwordHash: input.passwordHash, createdAt: input.at });
  }
  const kept = await w.db
    .select({ id: t.id })
    .from(t)
    .where(eq(t.employeeId, input.employeeId))
    .orderBy(desc(t.createdAt))
    .limit(input.keep);
  const ids = kept.map((row) => row.id);
  await w.db
    .delete(t)
    .where(ids.length > 0 ? and(eq(t.employeeId, input.employeeId), notInArray(t.id, ids)) : eq(t.employeeId, input.employeeId));
}

/**
 * Swaps the employee's password hash for another of the same password (re-hashed in NFC), only
 * if it is still `expectedHash`; nothing else about the password changes. Returns whether it did.
 */
export async function rehashPassword(w: Writer, input: { employeeId: string; expectedHash: string; newHash: string }): Promise<boolean> {
  const t = w.t.employees;
  const updated = await w.db
    .update(t)
    .set({ passwordHash: input.newHash })
    .where(and(eq(t.id, input.employeeId), eq(t.passwordHash, input.expectedHash)))
    .returning({ id: t.id });
  return updated.length > 0;
}
