import { createHash } from 'node:crypto';
import type { KeyService } from '../keys/key-service';
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

function material(row: ChainedFields): string {
  return JSON.stringify([
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
}

/**
 * How each row says which way it was hashed, in the hash itself (no column needed):
 * - 64 hex digits: plain SHA-256, written by versions before the chain was keyed. Anyone can
 *   recompute it, so it is accepted only before the first keyed row;
 * - `k1:<keyId>:<64 hex digits>`: HMAC-SHA-256 under the `audit-chain` subkey of the root
 *   secret whose id is given (so that a chain written under another secret is named as such).
 */
export type ParsedChainHash = { version: 'plain'; digest: string } | { version: 'keyed'; keyId: string; mac: string };

const KEYED = /^k1:([A-Za-z0-9_-]{1,32}):([0-9a-f]{64})$/;
const PLAIN = /^[0-9a-f]{64}$/;

export function parseChainHash(hash: string): ParsedChainHash | null {
  if (PLAIN.test(hash)) return { version: 'plain', digest: hash };
  const keyed = KEYED.exec(hash);
  return keyed ? { version: 'keyed', keyId: keyed[1]!, mac: keyed[2]! } : null;
}

/** What rows written before the chain was keyed hold: SHA-256 of the fields and the previous hash. */
export function plainChainHash(row: ChainedFields): string {
  return createHash('sha256').update(material(row)).digest('hex');
}

/** What every new row holds: the HMAC of its fields and the previous hash, under the current key. */
export function chainHash(row: ChainedFields, keys: KeyService): string {
  return `k1:${keys.keyId}:${keys.mac('audit-chain', material(row))}`;
}

/** Whether a keyed hash matches the row's fields; throws UnknownKeyError for a key this instance lacks. */
export function keyedHashMatches(row: ChainedFields, hash: { keyId: string; mac: string }, keys: KeyService): boolean {
  return keys.verifyMac('audit-chain', material(row), hash.mac, hash.keyId);
}

/** The hash the first row points back to. */
export const GENESIS_HASH = '0'.repeat(64);
