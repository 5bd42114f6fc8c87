import { eq } from 'drizzle-orm';
import type { Writer } from '../store';

/**
 * The secret named `name`, stored as `candidate` if none exists yet. Insert-if-absent then read:
 * when instances start together, every one ends up with the value the first one committed.
 */
export async function ensureServerSecret(w: Writer, name: string, candidate: string, at: Date): Promise<string> {
  const t = w.t.serverSecrets;
  await w.db.insert(t).values({ name, value: candidate, createdAt: at }).onConflictDoNothing({ target: t.name });
  const [row] = await w.db.select({ value: t.value }).from(t).where(eq(t.name, name));
  if (!row) throw new Error(`server secret ${name} could not be stored`);
  return row.value;
}
