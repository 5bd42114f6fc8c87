/**
 * "Use password": the user ID and password are checked against the primary directory, behind
 * the per-user lock (5 failures in 15 minutes lock the method for 15 minutes) and the per-address
 * cap. Every outcome for an unknown user ID is one a real user ID can also have.
 *
 * The attempt is counted before the password is checked, so that guesses sent in parallel cannot
 * all pass the lock check before any of them is counted: at most `threshold` checks per window.
 */
import type { LockoutPolicy } from '../../config';
import type { Directory, Employee } from '../../directory/directory';
import { ipScope, userScope, type Lockout } from '../../throttle/lockout';

export type PasswordSignInResult =
  /** `resets`: the failure counter the session that follows must clear. */
  | { ok: true; employee: Employee; resets: string }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface PasswordSignIn {
  signIn(input: { userId: string; password: string; ip: string }): Promise<PasswordSignInResult>;
}

export function createPasswordSignIn(directory: Directory, lockout: Lockout, policy: LockoutPolicy): PasswordSignIn {
  return {
    async signIn({ userId, password, ip }) {
      const user = userScope('password', userId);
      const address = ipScope(ip);
      const locked = await lockout.lockedScope([address, user]);
      if (locked) return { ok: false, reason: locked.scope === address ? 'rate_limited' : 'locked', until: locked.until };

      const attempt = await lockout.count(user);
      if (attempt > policy.threshold) return { ok: false, reason: 'locked', ...(await lockout.lock(user)) };

      const employee = await directory.verifyPassword(userId, password);
      if (employee) return { ok: true, employee, resets: user };

      const afterIp = await lockout.fail(address, policy.ipThreshold);
      if (attempt >= policy.threshold) return { ok: false, reason: 'locked', ...(await lockout.lock(user)) };
      if (afterIp.locked) return { ok: false, reason: 'rate_limited', until: afterIp.until };
      return { ok: false, reason: 'invalid_credentials' };
    },
  };
}
