/**
 * "Use password": the user ID and password are checked against the primary directory as one
 * guarded attempt (server/throttle/guarded-attempt.ts): the per-user lock (5 failures in 15
 * minutes lock the method for 15 minutes) and the per-address cap. Every outcome for an unknown
 * user ID is one a real user ID can also have, and every outcome but success (recorded with the
 * session) goes to the audit trail.
 */
import type { RequestContext } from '../../audit/audit-trail';
import type { SignInProof } from '../../auth/sign-in-proof';
import type { Directory } from '../../directory/directory';
import type { AttemptGuard, LockWarning } from '../../throttle/guarded-attempt';
import { passwordMethod } from './password-method';

export type PasswordSignInResult =
  | { ok: true; proof: SignInProof }
  | { ok: false; reason: 'invalid_credentials'; warning?: LockWarning }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface PasswordSignIn {
  signIn(input: { userId: string; password: string; context: RequestContext }): Promise<PasswordSignInResult>;
}

export function createPasswordSignIn(directory: Directory, guard: AttemptGuard): PasswordSignIn {
  return {
    async signIn({ userId, password, context }) {
      // The attempt's room is given back in the session's transaction (completeSignIn): one transaction fewer per sign-in.
      const outcome = await guard.attempt({ method: passwordMethod, userId, context, purpose: 'sign-in', settleSuccessLater: true }, () =>
        directory.verifyPassword(userId, password),
      );
      if (!outcome.ok) return outcome.reason === 'wrong' ? { ok: false, reason: 'invalid_credentials', warning: outcome.warning } : outcome;
      return {
        ok: true,
        proof: { employee: outcome.value, method: passwordMethod.id, purpose: 'sign-in', resets: outcome.resets, settle: outcome.settle },
      };
    },
  };
}
