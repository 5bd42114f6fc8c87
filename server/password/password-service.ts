/**
 * Changing a password (knowing the current one) and setting one (after proving identity through
 * "Forgot your password?", or instead of a temporary password).
 *
 * Both judge the new password with the shared policy; the cheap rules first, then — only for a
 * password that passes them — the history, which costs one argon2id verification per password
 * remembered. A saved password replaces the hash, retires the old one into the history, clears
 * the must-change flag and the password method's failure counter, ends the employee's other
 * sessions and records the event: one transaction, with the session's move to its new token
 * and level. The new hash is computed before that transaction opens: write functions touch only
 * the database (see db/group-commit.ts).
 */
import type { SessionAccess } from '../../shared/api-schemas';
import { evaluatePassword, failedRules, type PasswordPolicy, type PasswordRuleId } from '../../shared/password-policy';
import { recordInTransaction, type AuditEventInput, type AuditTrail, type RequestContext } from '../audit/audit-trail';
import { levelAfterPasswordSet } from '../auth/sign-in-level';
import type { Clock } from '../clock';
import type { LockoutPolicy } from '../config';
import { hashSecret, verifySecret } from '../crypto/argon2';
import { findEmployeeById } from '../db/queries/employees';
import { previousPasswordHashes, replacePasswordHash, retirePasswordHash } from '../db/queries/passwords';
import { hasEnrolledQuestions } from '../db/queries/security-answers';
import { deleteOtherSessions } from '../db/queries/sessions';
import { clearScope } from '../db/queries/throttles';
import type { Store, Writer } from '../db/store';
import { toAccess } from '../profile/profile';
import type { Level, SessionService, SignedIn } from '../sessions/session-service';
import { userScope, type Lockout } from '../throttle/lockout';
import { loadCommonPasswords } from './common-passwords';

export type PasswordSaveResult =
  /** `token`/`expiresAt`: the session's new cookie. */
  | { ok: true; access: SessionAccess; token: string; expiresAt: Date }
  | { ok: false; reason: 'password_policy'; failedRules: PasswordRuleId[] }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; until: Date };

export interface PasswordService {
  readonly policy: PasswordPolicy;
  /** The common-password list's k-anonymity range for a 5-hex-digit prefix. */
  commonRange(prefix: string): Promise<string[]>;
  change(signedIn: SignedIn, input: { currentPassword: string; newPassword: string; context: RequestContext }): Promise<PasswordSaveResult>;
  set(signedIn: SignedIn, input: { newPassword: string; context: RequestContext }): Promise<PasswordSaveResult>;
}

/** The current password changed between reading it and saving the new one (another change won). */
class PasswordChangedMeanwhile extends Error {}

export function createPasswordService(deps: {
  store: Store;
  sessions: SessionService;
  lockout: Lockout;
  lockoutPolicy: LockoutPolicy;
  audit: AuditTrail;
  policy: PasswordPolicy;
  now: Clock;
}): PasswordService {
  const { store, sessions, lockout, lockoutPolicy, audit, policy, now } = deps;
  const commonList = async () => (await loadCommonPasswords(policy)).list;

  /** Every rule but the history; the history is only asked about a password that passes them. */
  async function cheapFailures(signedIn: SignedIn, candidate: string): Promise<PasswordRuleId[]> {
    const list = await commonList();
    const results = evaluatePassword(candidate, signedIn.employee, policy, { isCommon: (key) => list.has(key) });
    return failedRules(results);
  }

  /** Whether the candidate is the current password or one of the retired ones the policy remembers. */
  async function isRecent(employeeId: string, currentHash: string, candidate: string): Promise<boolean> {
    if (policy.historySize === 0) return false;
    const hashes = [currentHash, ...(await previousPasswordHashes(store, employeeId, policy.historySize - 1))];
    const matches = await Promise.all(hashes.map((hash) => verifySecret(hash, candidate)));
    return matches.includes(true);
  }

  /** The writes that save a new password; runs inside the session's level change. */
  function saveWrites(
    signedIn: SignedIn,
    input: { currentHash: string; newHash: string; context: RequestContext; event: AuditEventInput },
  ) {
    const { employee, session } = signedIn;
    const at = now();
    return async (w: Writer) => {
      const replaced = await replacePasswordHash(w, {
        employeeId: employee.id,
        expectedHash: input.currentHash,
        newHash: input.newHash,
        at,
      });
      if (!replaced) throw new PasswordChangedMeanwhile();
      // The current password counts as the newest of the history: keep one fewer retired ones.
      await retirePasswordHash(w, {
        employeeId: employee.id,
        passwordHash: input.currentHash,
        at,
        keep: Math.max(0, policy.historySize - 1),
      });
      await clearScope(w, userScope('password', employee.userId));
      const ended = await deleteOtherSessions(w, employee.id, session.tokenHash);
      await recordInTransaction(w, at, input.context, {
        ...input.event,
        details: { ...input.event.details, otherSessionsEnded: ended },
      });
    };
  }

  async function save(signedIn: SignedIn, level: Level, writes: (w: Writer) => Promise<void>): Promise<PasswordSaveResult> {
    try {
      const started = await sessions.changeLevel(signedIn, level, writes);
      return {
        ok: true,
        access: toAccess({ level: level.level, levelReason: level.reason ?? null, levelExpiresAt: started.levelExpiresAt }),
        token: started.token,
        expiresAt: started.expiresAt,
      };
    } catch (error) {
      if (error instanceof PasswordChangedMeanwhile) return { ok: false, reason: 'invalid_credentials' };
      throw error;
    }
  }

  return {
    policy,

    async commonRange(prefix) {
      return (await commonList()).range(prefix);
    },

    async change(signedIn, { currentPassword, newPassword, context }) {
      const { employee } = signedIn;
      const event = { actorId: employee.id, subjectId: employee.id, method: 'password' as const };

      // A password that would be refused anyway costs no guess at the current one.
      const failed = await cheapFailures(signedIn, newPassword);
      if (failed.length > 0) return { ok: false, reason: 'password_policy', failedRules: failed };

      // The current password is guessed against the same counter as a password sign-in, counted
      // before the check (see methods/password/password-sign-in.ts).
      const scope = userScope('password', employee.userId);
      const opened = await lockout.begin(scope, lockoutPolicy.threshold);
      if (!opened.ok) {
        await audit.record(context, { ...event, type: 'password_changed', outcome: 'locked' });
        return { ok: false, reason: 'locked', until: opened.until };
      }
      const row = await findEmployeeById(store, employee.id);
      if (!row || !(await verifySecret(row.passwordHash, currentPassword))) {
        await audit.record(context, { ...event, type: 'password_changed', outcome: 'failure' });
        const lock = await lockout.failed(scope, opened.attempt, lockoutPolicy.threshold);
        if (!lock) return { ok: false, reason: 'invalid_credentials' };
        await audit.record(context, { ...event, type: 'lockout', outcome: 'locked' });
        return { ok: false, reason: 'locked', until: lock.until };
      }

      if (await isRecent(employee.id, row.passwordHash, newPassword)) {
        // The employee proved the current password: that attempt no longer counts against them.
        await store.write((w) => clearScope(w, scope));
        return { ok: false, reason: 'password_policy', failedRules: ['not-recent'] };
      }

      const newHash = await hashSecret(newPassword);
      return save(
        signedIn,
        { level: 'full' },
        saveWrites(signedIn, {
          currentHash: row.passwordHash,
          newHash,
          context,
          event: { ...event, type: 'password_changed', outcome: 'success' },
        }),
      );
    },

    async set(signedIn, { newPassword, context }) {
      const { employee, session } = signedIn;
      const failed = await cheapFailures(signedIn, newPassword);
      if (failed.length > 0) return { ok: false, reason: 'password_policy', failedRules: failed };

      const row = await findEmployeeById(store, employee.id);
      // The session resolved a moment ago; an employee deleted since has nothing to set.
      if (!row) return { ok: false, reason: 'invalid_credentials' };
      if (await isRecent(employee.id, row.passwordHash, newPassword)) {
        return { ok: false, reason: 'password_policy', failedRules: ['not-recent'] };
      }

      const newHash = await hashSecret(newPassword);
      const enrolled = await hasEnrolledQuestions(store, employee.id);
      // The method that proved identity (questions, mobile device, or the temporary password).
      const base = { actorId: employee.id, subjectId: employee.id, method: session.method, outcome: 'success' as const };
      const event: AuditEventInput =
        session.levelReason === 'temporary'
          ? { ...base, type: 'password_changed', details: { temporary: true } }
          : { ...base, type: 'password_reset' };
      return save(
        signedIn,
        levelAfterPasswordSet(enrolled),
        saveWrites(signedIn, { currentHash: row.passwordHash, newHash, context, event }),
      );
    },
  };
}
