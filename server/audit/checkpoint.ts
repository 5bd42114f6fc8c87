/**
 * Signed checkpoints of the audit chain's head: an anchor outside the table. Each says "at
 * `at`, event #seq had this hash", MACed under the `audit-checkpoint` subkey, and goes both to
 * the log (one pino line) and to a file in the data directory. Whoever edits the database alone
 * cannot make the chain agree with checkpoints already written: removing the last events or
 * recomputing hashes shows as a checkpoint the chain no longer matches.
 *
 * One format everywhere — a JSON line whose `auditCheckpoint` field holds the checkpoint — so
 * that the verifier reads checkpoint files and shipped log files alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { KeyService } from '../keys/key-service';

export const CHECKPOINT_FILE_NAME = 'audit-checkpoints.jsonl';
export const CHECKPOINT_FIELD = 'auditCheckpoint';

export interface Checkpoint {
  seq: number;
  hash: string;
  /** ISO 8601. */
  at: string;
  /** Which instance wrote it (host/pid): with several instances, each writes its own. */
  instance: string;
  keyId: string;
  mac: string;
}

/** A checkpoint and where it was read, for messages (`file:line`). */
export interface LocatedCheckpoint {
  checkpoint: Checkpoint;
  where: string;
}

export function checkpointFileIn(dataDir: string): string {
  return join(dataDir, CHECKPOINT_FILE_NAME);
}

function material(c: Omit<Checkpoint, 'mac' | 'keyId'>): string {
  return JSON.stringify(['sesame audit checkpoint v1', c.seq, c.hash, c.at, c.instance]);
}

export function signCheckpoint(keys: KeyService, head: { seq: number; hash: string }, at: Date, instance: string): Checkpoint {
  const fields = { seq: head.seq, hash: head.hash, at: at.toISOString(), instance };
  return { ...fields, keyId: keys.keyId, mac: keys.mac('audit-checkpoint', material(fields)) };
}

/** True when the MAC holds; throws UnknownKeyError when the checkpoint's key is not this instance's. */
export function checkpointMacMatches(keys: KeyService, c: Checkpoint): boolean {
  return keys.verifyMac('audit-checkpoint', material(c), c.mac, c.keyId);
}

export function checkpointLine(c: Checkpoint): string {
  return JSON.stringify({ [CHECKPOINT_FIELD]: c });
}

const checkpointShape = z.strictObject({
  seq: z.number().int().min(1),
  hash: z.string().min(1).max(200),
  at: z.iso.datetime(),
  instance: z.string().max(300),
  keyId: z.string().min(1).max(64),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface CheckpointReading {
  checkpoints: LocatedCheckpoint[];
  /** Lines that name a checkpoint but do not hold a well-formed one: someone edited them. */
  malformed: string[];
}

/**
 * Every checkpoint in the given files, in order. Lines without a checkpoint (other log lines)
 * are skipped; a line that names one but does not parse is reported. A missing file throws.
 */
export function readCheckpoints(files: readonly string[]): CheckpointReading {
  const reading: CheckpointReading = { checkpoints: [], malformed: [] };
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.includes(CHECKPOINT_FIELD)) return;
      const where = `${file}:${index + 1}`;
      let parsed: unknown;
      try {
        parsed = (JSON.parse(line) as Record<string, unknown>)[CHECKPOINT_FIELD];
      } catch {
        reading.malformed.push(where);
        return;
      }
      const checkpoint = checkpointShape.safeParse(parsed);
      if (checkpoint.success) reading.checkpoints.push({ checkpoint: checkpoint.data, where });
      else reading.malformed.push(where);
    });
  }
  return reading;
}

/** The data directory's checkpoint file, when there is one (none yet on a fresh install). */
export function defaultCheckpointFiles(dataDir: string): string[] {
  const file = checkpointFileIn(dataDir);
  return existsSync(file) ? [file] : [];
}
