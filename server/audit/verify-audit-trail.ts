/**
 * Walks the audit chain from the first event: each event's `prevHash` must be the hash of the
 * one before, its own hash must match its fields under the key it names, sequence numbers must
 * follow each other, and the head must point at the last event. Events hashed without a key
 * (written before the chain was keyed) are accepted only before the first keyed one. Then the
 * chain must agree with every signed checkpoint given: an event a checkpoint saw must still
 * have the hash it saw, and must still exist. Reports the first broken link.
 */
import { auditEventsAfter, auditHead } from '../db/queries/audit';
import type { Reader } from '../db/store';
import { UnknownKeyError, type KeyService } from '../keys/key-service';
import { auditChainBinding } from './chain-binding';
import { GENESIS_HASH, keyedHashMatches, parseChainHash, plainChainHash } from './chain-hash';
import { checkpointMacMatches, type LocatedCheckpoint } from './checkpoint';

export type ChainReport =
  | {
      ok: true;
      events: number;
      /** Events before the keyed chain begins, checked by plain SHA-256 only (when there are any). */
      unkeyedEvents?: number;
      /** Checkpoints the chain agreed with (when checkpoints were given). */
      checkpoints?: number;
    }
  | { ok: false; events: number; seq: number; problem: string };

export interface VerifyOptions {
  /** The keys to verify with; by default, those this process's audit trail uses. */
  keys?: KeyService;
  /** Signed checkpoints (readCheckpoints); none: the chain is checked against itself only. */
  checkpoints?: readonly LocatedCheckpoint[];
}

const PAGE = 1000;

function wrongKey(keys: KeyService, keyId: string): string {
  return (
    `it is keyed with key ${keyId}, but this instance's key is ${keys.keyIds.join(', ')}: ` +
    'every instance must run with the same SESAME_SECRET_KEY (or the same key file)'
  );
}

export async function verifyAuditTrail(r: Reader, options: VerifyOptions = {}): Promise<ChainReport> {
  const keys = options.keys ?? auditChainBinding().keys;
  const checkpoints = options.checkpoints ?? [];
  const bySeq = new Map<number, LocatedCheckpoint[]>();
  for (const located of checkpoints) {
    const { checkpoint, where } = located;
    let sound: boolean;
    try {
      sound = checkpointMacMatches(keys, checkpoint);
    } catch (error) {
      if (!(error instanceof UnknownKeyError)) throw error;
      return {
        ok: false,
        events: 0,
        seq: checkpoint.seq,
        problem: `checkpoint ${where} cannot be checked: ${wrongKey(keys, checkpoint.keyId)}`,
      };
    }
    if (!sound)
      return { ok: false, events: 0, seq: checkpoint.seq, problem: `checkpoint ${where} was altered: its signature does not match` };
    bySeq.set(checkpoint.seq, [...(bySeq.get(checkpoint.seq) ?? []), located]);
  }

  let previousSeq = 0;
  let previousHash = GENESIS_HASH;
  let events = 0;
  let unkeyed = 0;
  let keyedSince: number | null = null;
  for (;;) {
    const page = await auditEventsAfter(r, previousSeq, PAGE);
    for (const row of page) {
      const broken = (problem: string) => ({ ok: false as const, events, seq: row.seq, problem });
      if (row.seq !== previousSeq + 1) {
        return { ok: false, events, seq: previousSeq + 1, problem: `event #${previousSeq + 1} is missing (next is #${row.seq})` };
      }
      if (row.prevHash !== previousHash) return broken(`event #${row.seq} does not point at event #${previousSeq}'s hash`);
      const hash = parseChainHash(row.hash);
      if (!hash) return broken(`event #${row.seq} was changed after it was written: its hash is not one Sésame writes`);
      if (hash.version === 'plain') {
        if (keyedSince !== null) {
          return broken(
            `event #${row.seq} was recomputed without the key: it carries a plain SHA-256 after the keyed chain began at event #${keyedSince}`,
          );
        }
        if (plainChainHash(row) !== row.hash) return broken(`event #${row.seq} was changed after it was written`);
        unkeyed++;
      } else {
        let matches: boolean;
        try {
          matches = keyedHashMatches(row, hash, keys);
        } catch (error) {
          if (!(error instanceof UnknownKeyError)) throw error;
          return broken(`event #${row.seq} cannot be checked: ${wrongKey(keys, hash.keyId)}`);
        }
        if (!matches) return broken(`event #${row.seq} was changed after it was written: its keyed hash does not match its fields`);
        keyedSince ??= row.seq;
      }
      for (const { checkpoint, where } of bySeq.get(row.seq) ?? []) {
        if (checkpoint.hash !== row.hash) {
          return broken(
            `event #${row.seq} is not the one checkpoint ${where} saw at ${checkpoint.at}: the chain up to it was rewritten (recomputed) since`,
          );
        }
      }
      previousSeq = row.seq;
      previousHash = row.hash;
      events++;
    }
    if (page.length < PAGE) break;
  }
  const head = await auditHead(r);
  if (!head || head.seq !== previousSeq || head.hash !== previousHash) {
    return {
      ok: false,
      events,
      seq: previousSeq + 1,
      problem: `the chain's head says #${head?.seq ?? '?'}, but the last event is #${previousSeq}: events after it were removed`,
    };
  }
  const furthest = checkpoints.reduce<LocatedCheckpoint | null>(
    (best, c) => (!best || c.checkpoint.seq > best.checkpoint.seq ? c : best),
    null,
  );
  if (furthest && furthest.checkpoint.seq > previousSeq) {
    return {
      ok: false,
      events,
      seq: previousSeq + 1,
      problem: `the chain ends at event #${previousSeq}, but checkpoint ${furthest.where} saw it reach #${furthest.checkpoint.seq} at ${furthest.checkpoint.at}: events after #${previousSeq} were removed (truncated)`,
    };
  }
  return {
    ok: true,
    events,
    ...(unkeyed ? { unkeyedEvents: unkeyed } : {}),
    ...(options.checkpoints ? { checkpoints: checkpoints.length } : {}),
  };
}
