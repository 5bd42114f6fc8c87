/**
 * One guarded attempt at a secret (a password, security answers, later a one-time code): the
 * sequence every method follows, so that the per-user and per-address outcomes are decided here
 * and nowhere else.
 *
 * 1. The attempt is counted *before* the secret is checked, on the user ID's counter and — for
 *    anonymous callers — on the address's (`Lockout.admit`, one transaction), so that guesses
 *    sent in parallel, for one user ID or spread over many, cannot all pass the check before any
 *    is counted: at most `threshold` wrong secrets per user ID and `ipThreshold` per address are
 *    ever checked in a window. It is refused when a counter is locked. When attempts in flight
 *    fill a counter's room without a lock, it waits (up to `WAIT_MS`) for one to settle: six
 *    correct sign-ins sent at once for one user ID all succeed, the sixth a moment later.
 * 2. The caller's `check` runs; `null` means the secret was wrong.
 * 3. The attempt settles (`Lockout.settle`): a wrong secret counts a failure on each counter and
 *    locks those it brings to their threshold, and the outcome goes to the audit trail. A wrong
 *    secret that leaves the user ID's counter `WARN_WHEN_LEFT` tries or fewer says how many
 *    (`attemptsLeft`) and for how long the method would lock (`lockMinutes`): an unknown or
 *    disabled user ID has its counter too, so the warning is the same data for it. A correct
 *    one gives its room back and is not audited here: the session (or the change) it leads to
 *    records it, and clears `resets` with it.
 *    With `settleSuccessLater`, a correct secret's settle is not run here but handed to the
 *    caller (`settle`), to be run inside the transaction that opens the session: one transaction
 *    fewer per sign-in (issue 7, item 15), the room held a moment longer, never given back early.
 *    The caller must then either run `settle.write` in that transaction or call `settle.release`.
 */
import type { SignInPurpose } from '../../shared/api-schemas';
import type { MethodId } from '../../shared/methods';
import type { AuditDetails, AuditEventType, AuditOutcome } from '../audit/audit-event';
import type { AuditEventInput, AuditTrail, RequestContext } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { Writer } from '../db/store';
import type { LockoutPolicy } from '../config';
import type { AttemptWaiters } from './attempt-waiters';
import type { Guarded, Lockout } from './lockout';
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
  /** Hand a correct secret's settle to the caller's transaction (`settle` in the outcome) instead of running it now. */
  settleSuccessLater?: boolean;
}

/** A correct secret's attempt, not yet given back (`settleSuccessLater`). */
export interface DeferredSettle {
  /** Gives the room back inside `w`, the transaction the success is recorded in; waiters wake once it commits. */
  write(w: Writer): Promise<void>;
  /** Gives it back in a transaction of its own, when that transaction did not commit; nothing once it has. */
  release(): Promise<void>;
}

export type AttemptOutcome<T> =
  /** `resets`: the counter the success must clear, in the transaction that records it; `settle`: see `settleSuccessLater`. */
  | { ok: true; value: T; resets: ThrottleKey; settle?: DeferredSettle }
  /** `warning`: present when few tries are left before the user ID's lock. */
  | { ok: false; reason: 'wrong'; warning?: LockWarning }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

/** How many wrong secrets the user ID has left before its method locks, and for how long it would. */
export interface LockWarning {
  attemptsLeft: number;
  lockMinutes: number;
}

/** From how many tries left a wrong secret warns of the coming lock (the last 2 of 5). */
export const WARN_WHEN_LEFT = 2;

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

/** How long an attempt waits for room before it is refused (`rate_limited`, retry in a moment). */
export const WAIT_MS = 10_000;
const RETRY_AFTER_BUSY_MS = 1000;

export function createAttemptGuard(
  lockout: Lockout,
  policy: LockoutPolicy,
  audit: AuditTrail,
  waiters: AttemptWaiters,
  now: Clock,
): AttemptGuard {
  /** Admits the attempt on every counter, waiting while attempts in flight fill one. */
  async function admitted(guarded: Guarded[]) {
    const deadline = performance.now() + WAIT_MS;
    for (let backoff = 20; ; backoff = Math.min(backoff * 2, 400)) {
      const admission = await lockout.admit(guarded);
      if (admission.ok || admission.state === 'locked') return admission;
      const left = deadline - performance.now();
      if (left <= 0) return { ...admission, until: new Date(now().getTime() + RETRY_AFTER_BUSY_MS) };
      // Woken at once by a settle in this process; polled, with jitter, for one on another instance.
      await waiters.wait(
        guarded.map((g) => g.key),
        Math.min(left, backoff + Math.random() * backoff),
      );
    }
  }

  function deferredSettle(guarded: Guarded[], keys: ThrottleKey[]): DeferredSettle {
    let settled = false;
    return {
      async write(w) {
        await lockout.settleIn(w, guarded, false);
        w.afterCommit(() => {
          settled = true;
          waiters.wake(keys, 'first');
        });
      },
      async release() {
        if (settled) return;
        settled = true;
        await lockout.settle(guarded, false);
        waiters.wake(keys, 'first');
      },
    };
  }

  async function attempt<T>(spec: AttemptSpec, check: () => Promise<T | null>): Promise<AttemptOutcome<T>> {
    const rule = RULES[spec.purpose];
    const user = userKey(spec.method.lockoutScope, spec.userId);
    const address = addressKey(spec.context.ip);
    const guarded: Guarded[] = [
      { key: user, threshold: policy.threshold },
      ...(rule.capsAddress ? [{ key: address, threshold: policy.ipThreshold }] : []),
    ];
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

    const admission = await admitted(guarded);
    if (!admission.ok) {
      // A user ID whose room stayed full is not locked: it is told to retry in a moment, as a busy address is.
      const reason = admission.state === 'busy' || sameKey(admission.key, address) ? 'rate_limited' : 'locked';
      return refused({ ok: false, reason, until: admission.until }, reason);
    }

    let value: T | null;
    try {
      value = await check();
    } catch (error) {
      // No verdict: the attempt gives its room back (the caller gets a 500, and learns nothing).
      await lockout.settle(guarded, false);
      waiters.wake([user, address], 'first');
      throw error;
    }
    if (value !== null && spec.settleSuccessLater)
      return { ok: true, value, resets: user, settle: deferredSettle(guarded, [user, address]) };
    const { locked: locks, failures } = await lockout.settle(guarded, value === null);
    if (value !== null) {
      waiters.wake([user, address], 'first');
      return { ok: true, value, resets: user };
    }
    if (locks.length > 0)
      waiters.wake(
        locks.map((l) => l.key),
        'all',
      );

    const userLock = locks.find((l) => sameKey(l.key, user));
    const addressLock = locks.find((l) => sameKey(l.key, address));
    if (userLock) return refused({ ok: false, reason: 'locked', until: userLock.until }, rule.lockingOutcome, true);
    if (addressLock) return refused({ ok: false, reason: 'rate_limited', until: addressLock.until }, 'rate_limited');
    // guarded[0] is the user ID's counter. Failures past the threshold (a counter cleared and
    // refilled meanwhile) cannot happen under admission; clamp anyway so the count is never negative.
    const attemptsLeft = Math.max(0, policy.threshold - (failures[0] ?? 0));
    const warning =
      attemptsLeft > 0 && attemptsLeft <= WARN_WHEN_LEFT ? { attemptsLeft, lockMinutes: Math.ceil(policy.lockMs / 60_000) } : undefined;
    return refused({ ok: false, reason: 'wrong', ...(warning ? { warning } : {}) }, 'failure');
  }

  async function lockedNow(spec: Pick<AttemptSpec, 'method' | 'userId' | 'context'>): Promise<AttemptRefusal | null> {
    const address = addressKey(spec.context.ip);
    const locked = await lockout.lockedKey([address, userKey(spec.method.lockoutScope, spec.userId)]);
    return locked ? { ok: false, reason: sameKey(locked.key, address) ? 'rate_limited' : 'locked', until: locked.until } : null;
  }

  return { attempt, lockedNow };
}
