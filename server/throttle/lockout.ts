/**
 * Failure counting and locks. Counters live in the database so that every instance behind a
 * load balancer sees the same ones. A key names what is counted (throttle-key.ts): one method of
 * one user ID, or one client address. User IDs are counted whether they exist or not, exactly
 * alike. The sequence every guarded secret follows is in guarded-attempt.ts.
 *
 * Each counter holds two numbers in its window: `failures` (secrets found wrong) and `pending`
 * (attempts whose secret is being checked now). An attempt may start only while
 * `failures + pending` stays within the threshold, the attempt itself included: were every
 * attempt in flight wrong, the failures could still not pass the threshold, so no more than
 * `threshold` wrong secrets are ever checked per window — however many are sent at once. The
 * key locks when `failures` (not attempts in flight) reaches the threshold; an attempt that
 * finds no room but no lock either waits for one in flight to settle (a success gives its room
 * back) instead of being refused, so correct sign-ins sent together are never turned into a lock.
 */
import type { Clock } from '../clock';
import type { LockoutPolicy } from '../config';
import { findThrottles, lockThrottle, openAttempt, settleAttempt } from '../db/queries/throttles';
import type { Store, Writer } from '../db/store';
import { sameKey, type ThrottleKey } from './throttle-key';

/** A counter an attempt goes through, with the failures that lock it. */
export interface Guarded {
  key: ThrottleKey;
  threshold: number;
}

export type Admission =
  | { ok: true }
  /** `busy`: no lock, but attempts in flight fill the room; `locked`: refused until `until`. */
  | { ok: false; key: ThrottleKey; state: 'locked'; until: Date }
  | { ok: false; key: ThrottleKey; state: 'busy' };

export interface Settled {
  locked: Array<{ key: ThrottleKey; until: Date }>;
  failures: number[];
}

export interface Lockout {
  /** The first of `keys` that is locked now, or none. */
  lockedKey(keys: ThrottleKey[]): Promise<{ key: ThrottleKey; until: Date } | null>;
  /**
   * Counts an attempt in flight on every counter, in one transaction, *before* the secret is
   * checked — or on none of them, when one is locked or full.
   */
  admit(guarded: Guarded[]): Promise<Admission>;
  /**
   * Ends an admitted attempt on every counter: a wrong secret counts a failure and locks the
   * counters it brings to their threshold (`locked`, with their end); a right one gives its room back.
   * `failures`: each counter's failures once settled, in the order of `guarded`.
   */
  settle(guarded: Guarded[], wrong: boolean): Promise<Settled>;
  /** `settle`, inside a write the caller holds (a right secret's, given back in the session's own transaction). */
  settleIn(w: Writer, guarded: Guarded[], wrong: boolean): Promise<Settled>;
}

export function createLockout(store: Store, policy: LockoutPolicy, now: Clock): Lockout {
  async function lock(w: Writer, key: ThrottleKey, at: Date): Promise<Date> {
    const until = new Date(at.getTime() + policy.lockMs);
    await lockThrottle(w, key, until, policy.windowMs);
    return until;
  }

  async function settleIn(w: Writer, guarded: Guarded[], wrong: boolean): Promise<Settled> {
    const at = now();
    const settled: Settled = { locked: [], failures: [] };
    for (const { key, threshold } of guarded) {
      const failures = await settleAttempt(w, key, wrong);
      settled.failures.push(failures);
      // Admission keeps failures + pending within the threshold, so one failure at most reaches it.
      if (wrong && failures === threshold) settled.locked.push({ key, until: await lock(w, key, at) });
    }
    return settled;
  }

  return {
    async lockedKey(keys) {
      const rows = await findThrottles(store, keys);
      const at = now();
      for (const key of keys) {
        const until = rows.find((row) => sameKey(row, key))?.lockedUntil;
        if (until && until > at) return { key, until };
      }
      return null;
    },

    async admit(guarded) {
      const at = now();
      const windowStart = new Date(at.getTime() - policy.windowMs);
      return store.write(async (w): Promise<Admission> => {
        const opened: Guarded[] = [];
        let refusal: Admission | null = null;
        for (const { key, threshold } of guarded) {
          const counter = await openAttempt(w, key, at, windowStart);
          opened.push({ key, threshold });
          if (counter.lockedUntil && counter.lockedUntil > at) refusal = { ok: false, key, state: 'locked', until: counter.lockedUntil };
          else if (counter.failures >= threshold) refusal = { ok: false, key, state: 'locked', until: await lock(w, key, at) };
          else if (counter.failures + counter.pending > threshold) refusal = { ok: false, key, state: 'busy' };
          if (refusal) break;
        }
        if (refusal) for (const { key } of opened) await settleAttempt(w, key, false);
        return refusal ?? { ok: true };
      });
    },

    settle(guarded, wrong) {
      return store.write((w) => settleIn(w, guarded, wrong));
    },

    settleIn,
  };
}
