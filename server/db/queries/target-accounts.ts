import { and, eq } from 'drizzle-orm';
import type { Reader, Tables, Writer } from '../store';

export type TargetAccountRow = Tables['targetAccounts']['$inferSelect'];

export async function findTargetAccount(r: Reader, targetId: string, account: string): Promise<TargetAccountRow | undefined> {
  const t = r.t.targetAccounts;
  const [row] = await r.db
    .select()
    .from(t)
    .where(and(eq(t.targetId, targetId), eq(t.account, account)))
    .limit(1);
  return row;
}

export async function findTargetAccountsByUserId(r: Reader, targetId: string, userId: string): Promise<TargetAccountRow[]> {
  const t = r.t.targetAccounts;
  return r.db
    .select()
    .from(t)
    .where(and(eq(t.targetId, targetId), eq(t.userId, userId)))
    .orderBy(t.account);
}

/** Creates the account, or gives an existing one this hash and user ID (the demo's seeding). */
export async function upsertTargetAccount(w: Writer, row: TargetAccountRow): Promise<void> {
  const t = w.t.targetAccounts;
  await w.db
    .insert(t)
    .values(row)
    .onConflictDoUpdate({
      target: [t.targetId, t.account],
      set: { passwordHash: row.passwordHash, userId: row.userId, updatedAt: row.updatedAt },
    });
}

/** True when the account exists and now has this hash. */
export async function setTargetAccountHash(
  w: Writer,
  targetId: string,
  account: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  const t = w.t.targetAccounts;
  const updated = await w.db
    .update(t)
    .set({ passwordHash, updatedAt: now })
    .where(and(eq(t.targetId, targetId), eq(t.account, account)))
    .returning({ account: t.account });
  return updated.length === 1;
}
