/**
 * Failure counting and locks. Counters live in the database so that every instance behind a
 * load balancer sees the same ones. A scope names what is counted: one method of one user ID
 * ("password:user:100001"), or one client address ("ip:203.0.113.7"). Scopes are counted for
 * user IDs that do not exist exactly as for those that do.
 */
import type { Clock } from '../clock';
import type { LockoutPolicy } from '../config';
import { clearScope, countFailure, findThrottle, lockScope } from '../db/queries/throttles';
import type { Store } from '../db/store';

export type LockState = { locked: false } | { locked: true; until: Date };

export interface Lockout {
  state(scope: string): Promise<LockState>;
  /** Counts one more in the scope's window and returns the count. */
  count(scope: string): Promise<number>;
  /** Locks the scope for the policy's lock time. */
  lock(scope: string): Promise<LockState & { locked: true }>;
  /** Counts a failure and locks when it reaches `threshold`. */
  fail(scope: string, threshold: number): Promise<LockState>;
  clear(scope: string): Promise<void>;
}

export function userScope(method: string, userId: string): string {
  return `${method}:user:${userId}`;
}

export function ipScope(ip: string): string {
  return `ip:${ip}`;
}

export function createLockout(store: Store, policy: LockoutPolicy, now: Clock): Lockout {
  const lockout: Lockout = {
    async state(scope) {
      const row = await findThrottle(store, scope);
      const at = now();
      return row?.lockedUntil && row.lockedUntil > at ? { locked: true, until: row.lockedUntil } : { locked: false };
    },

    async count(scope) {
      const at = now();
      return store.write((w) => countFailure(w, scope, at, new Date(at.getTime() - policy.windowMs)));
    },

    async lock(scope) {
      const at = now();
      const until = new Date(at.getTime() + policy.lockMs);
      await store.write((w) => lockScope(w, scope, until, policy.windowMs));
      return { locked: true, until };
    },

    async fail(scope, threshold) {
      return (await lockout.count(scope)) >= threshold ? lockout.lock(scope) : { locked: false };
    },

    async clear(scope) {
      await store.write((w) => clearScope(w, scope));
    },
  };
  return lockout;
}
