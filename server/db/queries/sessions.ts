import { and, eq, lt, ne, or } from 'drizzle-orm';
import { columnPlaceholders, preparedQuery } from '../prepared-query';
import type { Reader, Tables, Writer } from '../store';
import type { EmployeeRow } from './employees';

export type SessionRow = Tables['sessions']['$inferSelect'];

export async function insertSession(w: Writer, row: SessionRow): Promise<void> {
  await insertSessionQuery(w, row);
}

// Prepared (prepared-query.ts): every sign-in inserts one. A row has every column (SessionRow).
const insertSessionQuery = preparedQuery<SessionRow>('session_insert', (r) =>
  r.db.insert(r.t.sessions).values(columnPlaceholders(r.t.sessions)),
);

export async function findSessionWithEmployee(
  r: Reader,
  tokenHash: string,
): Promise<{ session: SessionRow; employee: EmployeeRow } | undefined> {
  const rows = await r.db
    .select({ session: r.t.sessions, employee: r.t.employees })
    .from(r.t.sessions)
    .innerJoin(r.t.employees, eq(r.t.sessions.employeeId, r.t.employees.id))
    .where(eq(r.t.sessions.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

export async function touchSession(w: Writer, tokenHash: string, at: Date): Promise<void> {
  await w.db.update(w.t.sessions).set({ lastSeenAt: at }).where(eq(w.t.sessions.tokenHash, tokenHash));
}

/** Deletes the session and returns it, if it existed. */
export async function deleteSession(w: Writer, tokenHash: string): Promise<SessionRow | undefined> {
  const gone = await w.db.delete(w.t.sessions).where(eq(w.t.sessions.tokenHash, tokenHash)).returning();
  return gone[0];
}

/** Ends every session of an employee but `keep` (after a password change, other devices sign in again). */
export async function deleteOtherSessions(w: Writer, employeeId: string, keep: string | null): Promise<number> {
  const gone = await w.db
    .delete(w.t.sessions)
    .where(keep ? and(eq(w.t.sessions.employeeId, employeeId), ne(w.t.sessions.tokenHash, keep)) : eq(w.t.sessions.employeeId, employeeId))
    .returning({ tokenHash: w.t.sessions.tokenHash });
  return gone.length;
}

/** Deletes sessions past their absolute or level expiry, or idle since before `idleSince`. */
export async function deleteExpiredSessions(w: Writer, now: Date, idleSince: Date): Promise<number> {
  const gone = await w.db
    .delete(w.t.sessions)
    .where(or(lt(w.t.sessions.expiresAt, now), lt(w.t.sessions.levelExpiresAt, now), lt(w.t.sessions.lastSeenAt, idleSince)))
    .returning({ tokenHash: w.t.sessions.tokenHash });
  return gone.length;
}
