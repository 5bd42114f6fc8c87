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
  /** Counts a failure; returns the scope's state after it (locked when this one crossed the line). */
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
  return {
    async state(scope) {
      const row = await findThrottle(store, scope);
      const at = now();
      return row?.lockedUntil && row.lockedUntil > at ? { locked: true, until: row.lockedUntil } : { locked: false };
    },

    async fail(scope, threshold) {
      const at = now();
      return store.write(async (w) => {
        const failures = await countFailure(w, scope, at, new Date(at.getTime() - policy.windowMs));
        if (failures < threshold) return { locked: false };
        const until = new Date(at.getTime() + policy.lockMs);
        await lockScope(w, scope, until, at);
        return { locked: true, until };
      });
    },

    async clear(scope) {
      await store.write((w) => clearScope(w, scope));
    },
  };
}
