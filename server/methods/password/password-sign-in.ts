/**
 * "Use password": the user ID and password are checked against the primary directory, behind
 * the per-user lock (5 failures in 15 minutes lock the method for 15 minutes) and the per-address
 * cap. Every outcome for an unknown user ID is one a real user ID can also have, and every
 * outcome but success (recorded with the session) goes to the audit trail.
 * The attempt is counted before the password is checked (`Lockout.begin`).
 */
import type { AuditTrail, RequestContext } from '../../audit/audit-trail';
import type { LockoutPolicy } from '../../config';
import type { Directory, Employee } from '../../directory/directory';
import { ipScope, userScope, type Lockout } from '../../throttle/lockout';

export type PasswordSignInResult =
  /** `resets`: the failure counter the session that follows must clear. */
  | { ok: true; employee: Employee; resets: string }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface PasswordSignIn {
  signIn(input: { userId: string; password: string; context: RequestContext }): Promise<PasswordSignInResult>;
}

export function createPasswordSignIn(directory: Directory, lockout: Lockout, policy: LockoutPolicy, audit: AuditTrail): PasswordSignIn {
  async function refused(
    context: RequestContext,
    userId: string,
    result: Exclude<PasswordSignInResult, { ok: true }>,
    newlyLocked = false,
  ): Promise<PasswordSignInResult> {
    const outcome = result.reason === 'invalid_credentials' ? 'failure' : result.reason;
    await audit.record(context, { type: 'sign_in', outcome, subjectUserId: userId, method: 'password' });
    if (newlyLocked) await audit.record(context, { type: 'lockout', outcome: 'locked', subjectUserId: userId, method: 'password' });
    return result;
  }

  return {
    async signIn({ userId, password, context }) {
      const user = userScope('password', userId);
      const address = ipScope(context.ip);
      const opened = await lockout.begin(user, policy.threshold, [address]);
      if (!opened.ok) {
        return refused(context, userId, { ok: false, reason: opened.scope === address ? 'rate_limited' : 'locked', until: opened.until });
      }

      const employee = await directory.verifyPassword(userId, password);
      if (employee) return { ok: true, employee, resets: user };

      const afterIp = await lockout.fail(address, policy.ipThreshold);
      const lock = await lockout.failed(user, opened.attempt, policy.threshold);
      if (lock) return refused(context, userId, { ok: false, reason: 'locked', until: lock.until }, true);
      if (afterIp.locked) return refused(context, userId, { ok: false, reason: 'rate_limited', until: afterIp.until });
      return refused(context, userId, { ok: false, reason: 'invalid_credentials' });
    },
  };
}
