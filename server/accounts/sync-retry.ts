/**
 * "Try again" on a linked account whose synchronisation failed. The password a change sent is
 * wiped once its last job ends, so the employee types their current password again: it is
 * checked through the primary directory as one guarded attempt on the password method's own
 * counter (guesses here count like guesses anywhere else), then one job for that account is
 * queued with it, exactly as a change queues them.
 */
import type { RequestContext } from '../audit/audit-trail';
import { recordInTransaction } from '../audit/audit-trail';
import type { Clock } from '../clock';
import { findAccountLink } from '../db/queries/password-sync';
import { clearThrottle } from '../db/queries/throttles';
import type { Store } from '../db/store';
import type { Directory } from '../directory/directory';
import { passwordMethod } from '../methods/password/password-method';
import type { SignedIn } from '../sessions/session-service';
import type { AttemptGuard } from '../throttle/guarded-attempt';
import type { PasswordSync } from './password-sync';

export type SyncRetryResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'not_failed' | 'invalid_credentials' }
  | { ok: false; reason: 'locked' | 'rate_limited'; until: Date };

export interface SyncRetry {
  retry(input: { signedIn: SignedIn; linkId: string; password: string; context: RequestContext }): Promise<SyncRetryResult>;
}

export function createSyncRetry(deps: {
  store: Store;
  directory: Directory;
  guard: AttemptGuard;
  sync: PasswordSync;
  now: Clock;
}): SyncRetry {
  const { store, directory, guard, sync, now } = deps;
  return {
    async retry({ signedIn, linkId, password, context }) {
      const { employee } = signedIn;
      const link = await findAccountLink(store, linkId);
      if (!link || link.employeeId !== employee.id) return { ok: false, reason: 'not_found' };
      // Nothing to retry: a pending job is still being tried, a done one needs nothing.
      if (link.syncStatus !== 'failed') return { ok: false, reason: 'not_failed' };

      const about = { actorId: employee.id, subjectId: employee.id };
      const proved = await guard.attempt(
        { method: passwordMethod, userId: employee.userId, context, purpose: 'reauthenticate', actor: about },
        () => directory.verifyPassword(employee.userId, password),
      );
      if (!proved.ok) return proved.reason === 'wrong' ? { ok: false, reason: 'invalid_credentials' } : proved;

      const at = now();
      const queued = await store.write(async (w) => {
        await clearThrottle(w, proved.resets);
        const changeId = await sync.enqueue(w, { subject: employee, password, at, linkIds: [link.id] });
        if (!changeId) return false;
        await recordInTransaction(w, at, context, {
          ...about,
          type: 'account_sync_retried',
          outcome: 'success',
          details: { target: link.targetId, account: link.account },
        });
        return true;
      });
      // The link's target left the configuration between the read and the write.
      return queued ? { ok: true } : { ok: false, reason: 'not_found' };
    },
  };
}
