/**
 * Failure counting and locks. Counters live in the database so that every instance behind a
 * load balancer sees the same ones. A key names what is counted (throttle-key.ts): one method of
 * one user ID, or one client address. User IDs are counted whether they exist or not, exactly
 * alike. The sequence every guarded secret follows is in guarded-attempt.ts.
 */
import type { Clock } from '../clock';
import type { LockoutPolicy } from '../config';
import { countFailure, findThrottles, lockThrottle } from '../db/queries/throttles';
import type { Store } from '../db/store';
import { sameKey, type ThrottleKey } from './throttle-key';

export type LockState = { locked: false } | { locked: true; until: Date };

export interface Lockout {
  /** The first of `keys` that is locked now, or none. */
  lockedKey(keys: ThrottleKey[]): Promise<{ key: ThrottleKey; until: Date } | null>;
  /** Counts one more in the key's window and returns the count. */
  count(key: ThrottleKey): Promise<number>;
  /** Locks the key for the policy's lock time. */
  lock(key: ThrottleKey): Promise<LockState & { locked: true }>;
  /** Counts a failure and locks when it reaches `threshold`. */
  fail(key: ThrottleKey, threshold: number): Promise<LockState>;
  /**
   * Opens an attempt at a secret guarded by `key`, counted *before* the secret is checked so
   * that guesses sent in parallel cannot all pass the lock check before any is counted: at most
   * `threshold` checks per window. Refused when `key` or one of `alsoGuarding` (the caller's
   * address) is locked, or when this attempt is past the threshold.
   */
  begin(
    key: ThrottleKey,
    threshold: number,
    alsoGuarding?: ThrottleKey[],
  ): Promise<{ ok: true; attempt: number } | { ok: false; key: ThrottleKey; until: Date }>;
  /** The attempt's secret was wrong: locks `key` when it was the last one allowed. */
  failed(key: ThrottleKey, attempt: number, threshold: number): Promise<{ until: Date } | null>;
}

export function createLockout(store: Store, policy: LockoutPolicy, now: Clock): Lockout {
  const lockout: Lockout = {
    async lockedKey(keys) {
      const rows = await findThrottles(store, keys);
      const at = now();
      for (const key of keys) {
        const until = rows.find((row) => sameKey(row, key))?.lockedUntil;
        if (until && until > at) return { key, until };
      }
      return null;
    },

    async count(key) {
      const at = now();
      return store.write((w) => countFailure(w, key, at, new Date(at.getTime() - policy.windowMs)));
    },

    async lock(key) {
      const at = now();
      const until = new Date(at.getTime() + policy.lockMs);
      await store.write((w) => lockThrottle(w, key, until, policy.windowMs));
      return { locked: true, until };
    },

    async fail(key, threshold) {
      return (await lockout.count(key)) >= threshold ? lockout.lock(key) : { locked: false };
    },

    async begin(key, threshold, alsoGuarding = []) {
      const locked = await lockout.lockedKey([...alsoGuarding, key]);
      if (locked) return { ok: false, ...locked };
      const attempt = await lockout.count(key);
      if (attempt > threshold) return { ok: false, key, until: (await lockout.lock(key)).until };
      return { ok: true, attempt };
    },

    async failed(key, attempt, threshold) {
      return attempt >= threshold ? { until: (await lockout.lock(key)).until } : null;
    },
  };
  return lockout;
}
