/**
 * The audit trail: security events (sign-ins and their failures, lockouts, enrolment changes,
 * password changes and resets, log outs), with time, actor, subject, address, user agent and
 * outcome. Events that accompany a change are appended in the change's own transaction
 * (`appendAuditEvent`), so that neither exists without the other.
 */
import type { MethodId } from '../../shared/methods';
import type { Clock } from '../clock';
import type { AuditConfig } from '../config';
import { appendAuditEvent, auditEventsAbout, auditHead, type AuditEventRow } from '../db/queries/audit';
import { findEmployeeByUserId } from '../db/queries/employees';
import type { Store, Writer } from '../db/store';
import type { KeyService } from '../keys/key-service';
import type { Logger } from '../logger';
import type { AuditDetails, AuditEventType, AuditOutcome } from './audit-event';
import { auditChainBinding, bindAuditChain } from './chain-binding';
import { parseChainHash } from './chain-hash';
import type { Checkpoint } from './checkpoint';
import { createCheckpointWriter } from './checkpoint-writer';

/** Who is asking, from where: every event carries it. */
export interface RequestContext {
  ip: string;
  userAgent: string;
}

export interface AuditEventInput {
  type: AuditEventType;
  outcome: AuditOutcome;
  /** The employee who acted (null for someone not signed in). */
  actorId?: string | null;
  /** The employee the event is about, when known. */
  subjectId?: string | null;
  /** The user ID as typed, for events about a user ID that may not exist. */
  subjectUserId?: string | null;
  method?: MethodId | null;
  details?: AuditDetails;
}

const USER_AGENT_MAX = 256;

export function auditRow(at: Date, context: RequestContext, event: AuditEventInput) {
  return {
    at,
    type: event.type,
    outcome: event.outcome,
    actorId: event.actorId ?? null,
    subjectId: event.subjectId ?? null,
    subjectUserId: event.subjectUserId ?? null,
    method: event.method ?? null,
    ip: context.ip,
    userAgent: context.userAgent.slice(0, USER_AGENT_MAX),
    details: event.details ?? {},
  };
}

/** Appends within a transaction the caller already holds, chained under this process's key. */
export async function recordInTransaction(w: Writer, at: Date, context: RequestContext, event: AuditEventInput) {
  const { keys, appended } = auditChainBinding();
  const row = await appendAuditEvent(w, auditRow(at, context, event), keys);
  appended();
  return row;
}

export interface AuditTrail {
  /**
   * Appends in a transaction of its own. When only a typed user ID is known, the subject is
   * the employee with that ID, if there is one (so that they see the attempt in their activity).
   */
  record(context: RequestContext, event: AuditEventInput): Promise<void>;
  /** An employee's latest events, newest first. */
  recent(employeeId: string, limit?: number): Promise<AuditEventRow[]>;
  /** Writes a signed checkpoint of the head now (if it moved since the last one). */
  checkpoint(): Promise<Checkpoint | null>;
  /**
   * Null when the chain's head is keyed by a secret this instance has (or is not keyed yet);
   * otherwise what is wrong: an instance started with another secret would extend the chain
   * with links the others cannot verify.
   */
  keyMismatch(): Promise<string | null>;
  /** Checkpoints the head a last time and stops the checkpoint timer. */
  stop(): Promise<void>;
}

export interface AuditTrailOptions {
  keys: KeyService;
  log: Logger;
  policy: AuditConfig;
  /** The checkpoint file (checkpointFileIn(dataDir)). */
  checkpointFile: string;
}

/** Also binds the chain's key for this process (chain-binding.ts). */
export function createAuditTrail(store: Store, now: Clock, options: AuditTrailOptions): AuditTrail {
  const checkpoints = createCheckpointWriter({
    store,
    now,
    keys: options.keys,
    log: options.log,
    file: options.checkpointFile,
    policy: options.policy,
  });
  bindAuditChain({ keys: options.keys, appended: checkpoints.appended });
  return {
    async record(context, event) {
      let subjectId = event.subjectId ?? null;
      if (!subjectId && event.subjectUserId) subjectId = (await findEmployeeByUserId(store, event.subjectUserId))?.id ?? null;
      const at = now();
      await store.write((w) => recordInTransaction(w, at, context, { ...event, subjectId }));
    },
    recent: (employeeId, limit = 20) => auditEventsAbout(store, employeeId, limit),
    checkpoint: checkpoints.checkpoint,
    async keyMismatch() {
      const head = await auditHead(store);
      const hash = head ? parseChainHash(head.hash) : null;
      if (hash?.version !== 'keyed' || options.keys.keyIds.includes(hash.keyId)) return null;
      return `the audit chain's last event is keyed with key ${hash.keyId}, this instance's key is ${options.keys.keyId}: every instance must run with the same SESAME_SECRET_KEY`;
    },
    async stop() {
      checkpoints.stop();
      await checkpoints.checkpoint().catch((error: unknown) => options.log.warn({ err: error }, 'last audit checkpoint failed'));
    },
  };
}
