import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { chainHash, type ChainedFields } from '../../audit/chain-hash';
import type { KeyService } from '../../keys/key-service';
import { columnPlaceholders, placeholderAs, preparedQuery } from '../prepared-query';
import type { Reader, Tables, Writer } from '../store';

export type AuditEventRow = Tables['auditEvents']['$inferSelect'];
export type NewAuditEvent = Omit<ChainedFields, 'seq' | 'prevHash'>;

const HEAD = 1;

/**
 * Appends one event to the chain, in the caller's transaction. The no-op update of the head
 * row takes its lock and reads it in one statement: on PostgreSQL, appends from every instance
 * wait for one another there and then read the head the previous one committed (SQLite's
 * writers are serial anyway).
 * The row's hash is keyed (chain-hash.ts): without the key, no row can be forged or recomputed.
 */
export async function appendAuditEvent(w: Writer, event: NewAuditEvent, keys: KeyService): Promise<AuditEventRow> {
  const [current] = await lockHeadQuery(w, {});
  if (!current) throw new Error('audit_head row is missing: the migrations did not run');
  const row: AuditEventRow = { ...event, seq: current.seq + 1, prevHash: current.hash, hash: '' };
  row.hash = chainHash(row, keys);
  await insertEventQuery(w, row);
  await moveHeadQuery(w, { seq: row.seq, hash: row.hash });
  return row;
}

// Prepared (prepared-query.ts): every sign-in appends an event.
const lockHeadQuery = preparedQuery<Record<string, never>, Array<{ id: number; seq: number; hash: string }>>('audit_lock_head', (r) =>
  r.db
    .update(r.t.auditHead)
    .set({ seq: sql`${r.t.auditHead.seq}` })
    .where(eq(r.t.auditHead.id, HEAD))
    .returning(),
);

const insertEventQuery = preparedQuery<AuditEventRow>('audit_insert_event', (r) =>
  r.db.insert(r.t.auditEvents).values(columnPlaceholders(r.t.auditEvents)),
);

const moveHeadQuery = preparedQuery<{ seq: number; hash: string }>('audit_move_head', (r) =>
  r.db
    .update(r.t.auditHead)
    .set({ seq: placeholderAs('seq', r.t.auditHead.seq), hash: placeholderAs('hash', r.t.auditHead.hash) })
    .where(eq(r.t.auditHead.id, HEAD)),
);

/** The latest events about one employee, newest first. */
export async function auditEventsAbout(r: Reader, employeeId: string, limit: number): Promise<AuditEventRow[]> {
  return r.db
    .select()
    .from(r.t.auditEvents)
    .where(eq(r.t.auditEvents.subjectId, employeeId))
    .orderBy(desc(r.t.auditEvents.seq))
    .limit(limit);
}

/** Events after `seq`, oldest first: the verifier walks the chain page by page. */
export async function auditEventsAfter(r: Reader, seq: number, limit: number): Promise<AuditEventRow[]> {
  return r.db.select().from(r.t.auditEvents).where(gt(r.t.auditEvents.seq, seq)).orderBy(asc(r.t.auditEvents.seq)).limit(limit);
}

export async function auditHead(r: Reader): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await r.db.select().from(r.t.auditHead).where(eq(r.t.auditHead.id, HEAD));
  return head;
}
