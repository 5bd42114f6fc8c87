/**
 * Failure counting and locks. Counters live in the database so that every instance behind a
 * load balancer sees the same ones. A scope names what is counted: one method of one user ID
 * ("password:user:100001"), or one client address ("ip:203.0.113.7"). Scopes are counted for
 * user IDs that do not exist exactly as for those that do. A successful sign-in clears its
 * method's scope in the transaction that opens the session (see session-service.ts).
 */
import type { Clock } from '../clock';
import type { LockoutPolicy } from '../config';
import { countFailure, findThrottles, lockScope } from '../db/queries/throttles';
import type { Store } from '../db/store';

export type LockState = { locked: false } | { locked: true; until: Date };

export interface Lockout {
  /** The first of `scopes` that is locked now, or none. */
  lockedScope(scopes: string[]): Promise<{ scope: string; until: Date } | null>;
  /** Counts one more in the scope's window and returns the count. */
  count(scope: string): Promise<number>;
  /** Locks the scope for the policy's lock time. */
  lock(scope: string): Promise<LockState & { locked: true }>;
  /** Counts a failure and locks when it reaches `threshold`. */
  fail(scope: string, threshold: number): Promise<LockState>;
  /**
   * Opens an attempt at a secret guarded by `scope`, counted *before* the secret is checked so
   * that guesses sent in parallel cannot all pass the lock check before any is counted: at most
   * `threshold` checks per window. Refused when `scope` or one of `alsoGuarding` (the caller's
   * address) is locked, or when this attempt is past the threshold.
   */
  begin(
    scope: string,
    threshold: number,
    alsoGuarding?: string[],
  ): Promise<{ ok: true; attempt: number } | { ok: false; scope: string; until: Date }>;
  /** The attempt's secret was wrong: locks `scope` when it was the last one allowed. */
  failed(scope: string, attempt: number, threshold: number): Promise<{ until: Date } | null>;
}

export function userScope(method: string, userId: string): string {
  return `${method}:user:${userId}`;
}

export function ipScope(ip: string): string {
  return `ip:${ip}`;
}

export function createLockout(store: Store, policy: LockoutPolicy, now: Clock): Lockout {
  const lockout: Lockout = {
    async lockedScope(scopes) {
      const rows = await findThrottles(store, scopes);
      const at = now();
      for (const scope of scopes) {
        const until = rows.find((row) => row.scope === scope)?.lockedUntil;
        if (until && until > at) return { scope, until };
      }
      return null;
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

    async begin(scope, threshold, alsoGuarding = []) {
      const locked = await lockout.lockedScope([...alsoGuarding, scope]);
      if (locked) return { ok: false, ...locked };
      const attempt = await lockout.count(scope);
      if (attempt > threshold) return { ok: false, scope, until: (await lockout.lock(scope)).until };
      return { ok: true, attempt };
    },

    async failed(scope, attempt, threshold) {
      return attempt >= threshold ? { until: (await lockout.lock(scope)).until } : null;
    },
  };
  return lockout;
}
