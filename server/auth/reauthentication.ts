/**
 * "Confirm your identity": a signed-in employee types their password again before changing how
 * they prove who they are (security questions, devices), so that a borrowed or stolen session
 * cannot replace a proof and then reset the password with it. The password is checked through
 * the directory as one guarded attempt against the same counter as "Use password": guesses
 * here lock the password sign-in too. Success records the proof's time on the session, under a
 * new token, with its audit event.
 */
import type { RequestContext } from '../audit/audit-trail';
import { recordInTransaction } from '../audit/audit-trail';
import type { Clock } from '../clock';
import { clearThrottle } from '../db/queries/throttles';
import type { Directory } from '../directory/directory';
import { passwordMethod } from '../methods/password/password-method';
import type { SessionService, SignedIn, StartedSession } from '../sessions/session-service';
import type { AttemptGuard, LockWarning } from '../throttle/guarded-attempt';

export type ReauthenticationResult =
  | { ok: true; started: StartedSession }
  | { ok: false; reason: 'invalid_credentials'; warning?: LockWarning }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface Reauthentication {
  confirm(input: { signedIn: SignedIn; password: string; context: RequestContext }): Promise<ReauthenticationResult>;
}

export function createReauthentication(deps: {
  directory: Directory;
  guard: AttemptGuard;
  sessions: SessionService;
  now: Clock;
}): Reauthentication {
  const { directory, guard, sessions, now } = deps;
  return {
    async confirm({ signedIn, password, context }) {
      const { employee } = signedIn;
      const about = { actorId: employee.id, subjectId: employee.id };
      const proved = await guard.attempt(
        { method: passwordMethod, userId: employee.userId, context, purpose: 'reauthenticate', actor: about },
        () => directory.verifyPassword(employee.userId, password),
      );
      if (!proved.ok) return proved.reason === 'wrong' ? { ok: false, reason: 'invalid_credentials', warning: proved.warning } : proved;
      const at = now();
      const started = await sessions.reproved(signedIn, async (w) => {
        await clearThrottle(w, proved.resets);
        await recordInTransaction(w, at, context, { ...about, type: 'reauthenticated', outcome: 'success', method: passwordMethod.id });
      });
      return { ok: true, started };
    },
  };
}
