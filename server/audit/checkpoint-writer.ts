/**
 * Writes a signed checkpoint of the chain's head (checkpoint.ts) after every N events this
 * instance appended, and every M minutes when the head moved: one line to the log, one line
 * appended to the checkpoint file (mode 0600). It reads the committed head, so a checkpoint
 * never vouches for an event whose transaction rolled back.
 */
import { appendFileSync, chmodSync, mkdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { AuditConfig } from '../config';
import type { Clock } from '../clock';
import { auditHead } from '../db/queries/audit';
import type { Store } from '../db/store';
import type { KeyService } from '../keys/key-service';
import type { Logger } from '../logger';
import { CHECKPOINT_FIELD, checkpointLine, signCheckpoint, type Checkpoint } from './checkpoint';

export interface CheckpointWriter {
  /** Counts an append; the Nth since the last checkpoint schedules one. */
  appended(): void;
  /** Checkpoints the committed head now, unless the last checkpoint already says it. */
  checkpoint(): Promise<Checkpoint | null>;
  /** Stops the timer (tests, shutdown). */
  stop(): void;
}

export interface CheckpointWriterOptions {
  store: Store;
  keys: KeyService;
  log: Logger;
  now: Clock;
  file: string;
  policy: AuditConfig;
}

function ensurePrivate(file: string, log: Logger): void {
  mkdirSync(dirname(file), { recursive: true });
  try {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      chmodSync(file, 0o600);
      log.warn({ file, mode: mode.toString(8) }, 'the audit checkpoint file was readable by others: made it 0600');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function createCheckpointWriter({ store, keys, log, now, file, policy }: CheckpointWriterOptions): CheckpointWriter {
  const instance = `${hostname()}/${process.pid}`;
  let last: { seq: number; hash: string } | null = null;
  let sinceLast = 0;
  let scheduled = false;
  let prepared = false;

  async function checkpoint(): Promise<Checkpoint | null> {
    const head = await auditHead(store);
    if (!head || head.seq === 0 || (last && last.seq === head.seq && last.hash === head.hash)) return null;
    const signed = signCheckpoint(keys, head, now(), instance);
    if (!prepared) {
      ensurePrivate(file, log);
      prepared = true;
    }
    appendFileSync(file, `${checkpointLine(signed)}\n`, { mode: 0o600 });
    log.info({ [CHECKPOINT_FIELD]: signed }, 'audit checkpoint');
    last = head;
    sinceLast = 0;
    return signed;
  }

  const attempt = () =>
    checkpoint().catch((error: unknown) => {
      log.warn({ err: error }, 'audit checkpoint failed');
      return null;
    });

  const timer = setInterval(() => void attempt(), policy.checkpointMs);
  timer.unref();

  return {
    appended() {
      sinceLast++;
      if (sinceLast < policy.checkpointEvents || scheduled) return;
      scheduled = true;
      // After the current turn: by then the append that reached the count has usually committed.
      setImmediate(() => {
        scheduled = false;
        void attempt();
      });
    },
    checkpoint,
    stop: () => clearInterval(timer),
  };
}
