/**
 * The audit trail: security events (sign-ins and their failures, lockouts, enrolment changes,
 * password changes and resets, log outs), with time, actor, subject, address, user agent and
 * outcome. Events that accompany a change are appended in the change's own transaction
 * (`appendAuditEvent`), so that neither exists without the other.
 */
import type { MethodId } from '../../shared/methods';
import type { Clock } from '../clock';
import { appendAuditEvent, auditEventsAbout, type AuditEventRow } from '../db/queries/audit';
import { findEmployeeByUserId } from '../db/queries/employees';
import type { Store, Writer } from '../db/store';
import type { AuditDetails, AuditEventType, AuditOutcome } from './audit-event';

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

/** Appends within a transaction the caller already holds. */
export function recordInTransaction(w: Writer, at: Date, context: RequestContext, event: AuditEventInput) {
  return appendAuditEvent(w, auditRow(at, context, event));
}

export interface AuditTrail {
  /**
   * Appends in a transaction of its own. When only a typed user ID is known, the subject is
   * the employee with that ID, if there is one (so that they see the attempt in their activity).
   */
  record(context: RequestContext, event: AuditEventInput): Promise<void>;
  /** An employee's latest events, newest first. */
  recent(employeeId: string, limit?: number): Promise<AuditEventRow[]>;
}

export function createAuditTrail(store: Store, now: Clock): AuditTrail {
  return {
    async record(context, event) {
      let subjectId = event.subjectId ?? null;
      if (!subjectId && event.subjectUserId) subjectId = (await findEmployeeByUserId(store, event.subjectUserId))?.id ?? null;
      const at = now();
      await store.write((w) => recordInTransaction(w, at, context, { ...event, subjectId }));
    },
    recent: (employeeId, limit = 20) => auditEventsAbout(store, employeeId, limit),
  };
}
