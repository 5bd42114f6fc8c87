/**
 * Walks the audit chain from the first event: each event's `prevHash` must be the hash of the
 * one before, its own hash must match its fields, sequence numbers must follow each other, and
 * the head must point at the last event. Reports the first broken link.
 */
import { auditEventsAfter, auditHead } from '../db/queries/audit';
import type { Reader } from '../db/store';
import { chainHash, GENESIS_HASH } from './chain-hash';

export type ChainReport = { ok: true; events: number } | { ok: false; events: number; seq: number; problem: string };

const PAGE = 1000;

export async function verifyAuditTrail(r: Reader): Promise<ChainReport> {
  let previousSeq = 0;
  let previousHash = GENESIS_HASH;
  let events = 0;
  for (;;) {
    const page = await auditEventsAfter(r, previousSeq, PAGE);
    for (const row of page) {
      if (row.seq !== previousSeq + 1) {
        return { ok: false, events, seq: previousSeq + 1, problem: `event #${previousSeq + 1} is missing (next is #${row.seq})` };
      }
      if (row.prevHash !== previousHash) {
        return { ok: false, events, seq: row.seq, problem: `event #${row.seq} does not point at event #${previousSeq}'s hash` };
      }
      if (chainHash(row) !== row.hash) {
        return { ok: false, events, seq: row.seq, problem: `event #${row.seq} was changed after it was written` };
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
  return { ok: true, events };
}
