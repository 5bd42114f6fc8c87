/**
 * One guarded attempt at a secret (a password, security answers, later a one-time code): the
 * sequence every method follows, so that the per-user and per-address outcomes are decided here
 * and nowhere else.
 *
 * 1. The attempt is counted for the user ID *before* the secret is checked (`Lockout.begin`), so
 *    that guesses sent in parallel cannot all pass the lock check before any is counted; it is
 *    refused when the user ID's counter or the caller's address is locked.
 * 2. The caller's `check` runs; `null` means the secret was wrong.
 * 3. On a wrong secret the address is counted too, the user ID's counter locks when that was the
 *    last attempt allowed, and the outcome goes to the audit trail. A correct one is not audited
 *    here: the session (or the change) it leads to records it, and clears `resets` with it.
 *
 * Follow-ups, each a change to this file only: count the address's attempt before the check too
 * (today only its failures are counted, after the check), and let attempts that turn out correct
 * give back their count so that several correct sign-ins in flight cannot lock a user.
 */
import type { SignInPurpose } from '../../shared/api-schemas';
import type { MethodId } from '../../shared/methods';
import type { AuditDetails, AuditEventType, AuditOutcome } from '../audit/audit-event';
import type { AuditEventInput, AuditTrail, RequestContext } from '../audit/audit-trail';
import type { LockoutPolicy } from '../config';
import type { Lockout } from './lockout';
import { addressKey, sameKey, userKey, type ThrottleKey } from './throttle-key';

/** What the secret is proved for: signing in (or "Forgot your password?"), changing one's password, or confirming one's identity. */
export type AttemptPurpose = SignInPurpose | 'change-password' | 'reauthenticate';

export interface AttemptSpec {
  /** The method whose secret it is: its id for the audit trail, its lockout scope for the counter. */
  method: { id: MethodId; lockoutScope: string };
  /** The user ID the attempt is for, as typed: counted whether it exists or not. */
  userId: string;
  context: RequestContext;
  purpose: AttemptPurpose;
  /** For a signed-in employee's attempt (changing their password): who acts, and whom it is about. */
  actor?: { actorId: string; subjectId: string };
  /** Context for the audit events (never a secret). */
  details?: AuditDetails;
}

export type AttemptOutcome<T> =
  /** `resets`: the counter the success must clear, in the transaction that records it. */
  | { ok: true; value: T; resets: ThrottleKey }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export type AttemptRefusal = { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface AttemptGuard {
  /** Runs `check` as one guarded attempt (see above). */
  attempt<T>(spec: AttemptSpec, check: () => Promise<T | null>): Promise<AttemptOutcome<T>>;
  /** Whether an attempt would be refused now, without counting one (to say so before a form is filled in). */
  lockedNow(spec: Pick<AttemptSpec, 'method' | 'userId' | 'context'>): Promise<AttemptRefusal | null>;
}

interface PurposeRule {
  /** The audit event a refused attempt is recorded as. */
  event: AuditEventType;
  /** Whether the caller's address is capped too: anonymous callers are; a signed-in employee is not. */
  capsAddress: boolean;
  /** The refused event's outcome when the wrong secret is the one that locks the counter. */
  lockingOutcome: AuditOutcome;
}

const RULES: Record<AttemptPurpose, PurposeRule> = {
  'sign-in': { event: 'sign_in', capsAddress: true, lockingOutcome: 'locked' },
  reset: { event: 'sign_in', capsAddress: true, lockingOutcome: 'locked' },
  'change-password': { event: 'password_changed', capsAddress: false, lockingOutcome: 'failure' },
  reauthenticate: { event: 'reauthenticated', capsAddress: false, lockingOutcome: 'failure' },
};

export function createAttemptGuard(lockout: Lockout, policy: LockoutPolicy, audit: AuditTrail): AttemptGuard {
  async function attempt<T>(spec: AttemptSpec, check: () => Promise<T | null>): Promise<AttemptOutcome<T>> {
    const rule = RULES[spec.purpose];
    const user = userKey(spec.method.lockoutScope, spec.userId);
    const address = addressKey(spec.context.ip);
    const about: Pick<AuditEventInput, 'actorId' | 'subjectId' | 'subjectUserId' | 'method' | 'details'> = {
      ...(spec.actor ?? { subjectUserId: spec.userId }),
      method: spec.method.id,
      ...(spec.details ? { details: spec.details } : {}),
    };
    const refused = async <R extends Exclude<AttemptOutcome<T>, { ok: true }>>(result: R, outcome: AuditOutcome, newlyLocked = false) => {
      await audit.record(spec.context, { ...about, type: rule.event, outcome });
      if (newlyLocked) await audit.record(spec.context, { ...about, type: 'lockout', outcome: 'locked' });
      return result;
    };

    const opened = await lockout.begin(user, policy.threshold, rule.capsAddress ? [address] : []);
    if (!opened.ok) {
      const reason = sameKey(opened.key, address) ? 'rate_limited' : 'locked';
      return refused({ ok: false, reason, until: opened.until }, reason);
    }

    const value = await check();
    if (value !== null) return { ok: true, value, resets: user };

    const afterAddress = rule.capsAddress ? await lockout.fail(address, policy.ipThreshold) : { locked: false as const };
    const lock = await lockout.failed(user, opened.attempt, policy.threshold);
    if (lock) return refused({ ok: false, reason: 'locked', until: lock.until }, rule.lockingOutcome, true);
    if (afterAddress.locked) return refused({ ok: false, reason: 'rate_limited', until: afterAddress.until }, 'rate_limited');
    return refused({ ok: false, reason: 'wrong' }, 'failure');
  }

  async function lockedNow(spec: Pick<AttemptSpec, 'method' | 'userId' | 'context'>): Promise<AttemptRefusal | null> {
    const address = addressKey(spec.context.ip);
    const locked = await lockout.lockedKey([address, userKey(spec.method.lockoutScope, spec.userId)]);
    return locked ? { ok: false, reason: sameKey(locked.key, address) ? 'rate_limited' : 'locked', until: locked.until } : null;
  }

  return { attempt, lockedNow };
}
