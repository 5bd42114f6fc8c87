import { createHash } from 'node:crypto';
import type { AuditDetails } from './audit-event';

/** The fields of an audit row that its hash covers (all of them but the hash itself). */
export interface ChainedFields {
  seq: number;
  at: Date;
  type: string;
  outcome: string;
  actorId: string | null;
  subjectId: string | null;
  subjectUserId: string | null;
  method: string | null;
  ip: string;
  userAgent: string;
  details: AuditDetails;
  prevHash: string;
}

/** Keys sorted: PostgreSQL's jsonb does not keep the order they were written in. */
function canonical(details: AuditDetails): Array<[string, AuditDetails[string]]> {
  return Object.keys(details)
    .sort()
    .map((key) => [key, details[key] ?? null]);
}

/** SHA-256 over the row's fields and the previous row's hash: change either, and it no longer matches. */
export function chainHash(row: ChainedFields): string {
  const material = JSON.stringify([
    row.seq,
    row.at.toISOString(),
    row.type,
    row.outcome,
    row.actorId,
    row.subjectId,
    row.subjectUserId,
    row.method,
    row.ip,
    row.userAgent,
    canonical(row.details),
    row.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** The hash the first row points back to. */
export const GENESIS_HASH = '0'.repeat(64);
